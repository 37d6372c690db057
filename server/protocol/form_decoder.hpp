#pragma once
// Decodes query/EC2 form parameters into a JSON tree. Flattened AWS lists become arrays:
//   Filter.1.Name=a&Filter.1.Value.1=b        -> {"Filter":[{"Name":"a","Value":["b"]}]}
//   Parameters.member.1.ParameterKey=k        -> {"Parameters":[{"ParameterKey":"k"}]}
//   Attributes.entry.1.key=k&...entry.1.value -> {"Attributes":[{"key":"k","value":...}]}
// Values stay strings; services convert with the helpers in protocol/params.hpp.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace chokepoint {

// Appends the pairs of an application/x-www-form-urlencoded string to `tree`. Returns false (and sets
// `error`) on a malformed escape.
bool decode_form_into(std::string_view form, nlohmann::json& tree, std::string& error);

}  // namespace chokepoint
