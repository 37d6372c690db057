#pragma once
// Template text (JSON or YAML) to a JSON tree. YAML short-form tags become their long forms
// (`!Ref x` -> {"Ref": "x"}, `!GetAtt a.b` -> {"Fn::GetAtt": ["a", "b"]}, `!Sub s` -> {"Fn::Sub": "s"}, ...);
// plain YAML scalars become booleans, nulls and integers as YAML 1.2 reads them; everything else stays text
// as written (floats too: "1.10" is a version, not 1.1; leading zeros are kept).
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace chokepoint {

// The tree, or CloudFormation's "Template format error: ..." message.
using TemplateDocument = std::variant<nlohmann::json, std::string>;

TemplateDocument parse_template_document(std::string_view body);

// True when the body is JSON (its first non-blank character is '{'); CloudFormation parses it as JSON then.
bool looks_like_json(std::string_view body);

}  // namespace chokepoint
