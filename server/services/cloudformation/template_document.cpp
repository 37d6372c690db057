#include "services/cloudformation/template_document.hpp"

#include <yaml-cpp/yaml.h>

#include <regex>

namespace chokepoint {

namespace {

using nlohmann::json;

std::string position(size_t line, size_t column) {
  return " (line " + std::to_string(line) + ", column " + std::to_string(column) + ")";
}

// 1-based line and column of a byte offset.
std::pair<size_t, size_t> line_column(std::string_view text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

TemplateDocument parse_json(std::string_view body) {
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    const size_t offset = e.byte > 0 ? e.byte - 1 : 0;
    const auto [line, column] = line_column(body, offset);
    return std::string("Template format error: JSON not well-formed.") + position(line, column);
  } catch (const json::exception&) {  // a number beyond a double's range: no position to report
    return std::string("Template format error: JSON not well-formed.");
  }
}

// YAML 1.2 core schema for plain scalars.
json plain_scalar(const std::string& s) {
  static const std::regex kInt("-?(0|[1-9][0-9]*)");
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (std::regex_match(s, kInt)) {
    try {
      return std::stoll(s);
    } catch (const std::out_of_range&) {
      return s;  // too large for an integer: keep the text, as CloudFormation treats values as strings anyway
    }
  }
  return s;
}

// A template whose aliases expand without bound: an alias inside the node it names (a cycle) or aliases of
// aliases (exponential growth).
struct YamlTooLarge {};

class YamlConverter {
 public:
  // Far beyond any real template (a TemplateBody is at most 51,200 bytes), yet small enough that a cycle or an
  // alias bomb stops long before the stack or memory runs out.
  static constexpr int kMaxDepth = 256;
  static constexpr long kMaxNodes = 200'000;

  json convert(const YAML::Node& node) {
    if (++nodes_ > kMaxNodes || depth_ >= kMaxDepth) throw YamlTooLarge{};
    ++depth_;
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    const std::string& tag = node.Tag();
    if (!tag.empty() && tag[0] == '!' && tag != "!") return short_form(tag.substr(1), node);
    return untagged(node);
  }

 private:
  int depth_ = 0;
  long nodes_ = 0;

  json untagged(const YAML::Node& node) {
    switch (node.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        return nullptr;
      case YAML::NodeType::Scalar:
        return scalar(node);
      case YAML::NodeType::Sequence: {
        json out = json::array();
        for (const auto& item : node) out.push_back(convert(item));
        return out;
      }
      case YAML::NodeType::Map: {
        json out = json::object();
        for (const auto& entry : node) out[entry.first.as<std::string>()] = convert(entry.second);
        return out;
      }
    }
    return nullptr;
  }

  static json scalar(const YAML::Node& node) {
    const std::string& tag = node.Tag();
    if (tag == "!" || tag == "tag:yaml.org,2002:str") return node.Scalar();  // quoted or explicitly a string
    return plain_scalar(node.Scalar());
  }

  // `!Name value`: Ref and Condition keep their names, everything else is Fn::Name. GetAtt's scalar form
  // "Resource.Attribute" splits at the first dot (attributes such as Outputs.Name contain dots).
  json short_form(const std::string& name, const YAML::Node& node) {
    json value = node.IsScalar() ? json(node.Scalar()) : untagged(node);
    if (name == "Ref" || name == "Condition") return json{{name, value}};
    if (name == "GetAtt" && value.is_string()) {
      const std::string s = value.get<std::string>();
      const auto dot = s.find('.');
      value = dot == std::string::npos ? json::array({s}) : json::array({s.substr(0, dot), s.substr(dot + 1)});
    }
    return json{{"Fn::" + name, value}};
  }
};

TemplateDocument parse_yaml(std::string_view body) {
  try {
    const YAML::Node root = YAML::Load(std::string(body));
    return YamlConverter().convert(root);
  } catch (const YAML::Exception& e) {
    std::string where = e.mark.is_null() ? "" : position(e.mark.line + 1, e.mark.column + 1);
    return "Template format error: YAML not well-formed." + where;
  } catch (const YamlTooLarge&) {
    return "Template format error: YAML not well-formed. (nesting deeper than " +
           std::to_string(YamlConverter::kMaxDepth) + " levels, or aliases that expand beyond " +
           std::to_string(YamlConverter::kMaxNodes) + " nodes)";
  }
}

}  // namespace

bool looks_like_json(std::string_view body) {
  const auto first = body.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && body[first] == '{';
}

TemplateDocument parse_template_document(std::string_view body) {
  TemplateDocument doc = looks_like_json(body) ? parse_json(body) : parse_yaml(body);
  if (const auto* tree = std::get_if<json>(&doc); tree && !tree->is_object()) {
    return std::string("Template format error: unsupported structure.");
  }
  return doc;
}

}  // namespace chokepoint
