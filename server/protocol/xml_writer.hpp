#pragma once
// Writes a JSON tree as AWS XML: objects become nested elements, arrays become a list of
// <member> (query) or <item> (EC2) elements, booleans "true"/"false", nulls are omitted.
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace chokepoint {

void append_xml_element(std::string& out, std::string_view name, const nlohmann::json& value,
                        std::string_view list_item_name);
// Children of an object, without an enclosing element.
void append_xml_members(std::string& out, const nlohmann::json& object, std::string_view list_item_name);

}  // namespace chokepoint
