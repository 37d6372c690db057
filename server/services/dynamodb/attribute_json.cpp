#include "services/dynamodb/attribute_json.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "common/base64.hpp"
#include "common/json_text.hpp"
#include "services/dynamodb/decimal.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"

namespace chokepoint {

namespace {


std::string join_strings(const nlohmann::json& list) {
  std::string out = "[";
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i) out.append(", ");
    if (list[i].is_string()) out.append(list[i].get_ref<const std::string&>());
  }
  out.push_back(']');
  return out;
}

std::string number_text(const nlohmann::json& json, std::string& canonical) {
  const std::string text = json.is_string() ? json.get<std::string>() : std::string();
  DecimalError error = DecimalError::kNone;
  const auto d = Decimal::parse(text, &error);
  if (!d) return Decimal::error_message(error, text);
  canonical = d->to_string();
  return {};
}

std::string string_set(const nlohmann::json& json, AttrValue& out) {
  if (json.empty()) return std::string(kInvalidParameterValues) + "An string set  may not be empty";
  std::vector<std::string> elements;
  std::unordered_set<std::string_view> seen;
  for (const auto& e : json) {
    elements.push_back(e.is_string() ? e.get<std::string>() : std::string());
  }
  for (const auto& e : elements) {
    if (!seen.insert(e).second) return std::string(kInvalidParameterValues) + "Input collection " + join_strings(json) + " contains duplicates.";
  }
  out = AttrValue::set(AttrType::kSS, std::move(elements));
  return {};
}

std::string number_set(const nlohmann::json& json, AttrValue& out) {
  if (json.empty()) return std::string(kInvalidParameterValues) + "An number set  may not be empty";
  std::vector<std::string> elements;
  for (const auto& e : json) {
    std::string canonical;
    if (auto error = number_text(e, canonical); !error.empty()) return error;
    elements.push_back(std::move(canonical));
  }
  std::unordered_set<std::string_view> seen;
  for (const auto& e : elements) {
    if (!seen.insert(e).second) return "Input collection contains duplicates";
  }
  out = AttrValue::set(AttrType::kNS, std::move(elements));
  return {};
}

std::string binary_set(const nlohmann::json& json, AttrValue& out) {
  if (json.empty()) return std::string(kInvalidParameterValues) + "Binary sets should not be empty";
  std::vector<std::string> elements;
  std::unordered_set<std::string> seen;
  for (const auto& e : json) {
    std::string bytes;
    if (e.is_string()) base64_decode(e.get_ref<const std::string&>(), bytes);
    if (!seen.insert(bytes).second) {
      return std::string(kInvalidParameterValues) + "Input collection " + join_strings(json) + "of type BS contains duplicates.";
    }
    elements.push_back(std::move(bytes));
  }
  out = AttrValue::set(AttrType::kBS, std::move(elements));
  return {};
}

// DynamoDB accepts documents nested 32 levels deep, the attribute itself being level 1
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-attributes).
constexpr int kMaxNestingLevel = 32;

std::string value_at_level(const nlohmann::json& json, AttrValue& out, int level);

std::string values_at_level(const nlohmann::json& json, AttrMap& out, int level) {
  if (!json.is_object()) return {};
  out.reserve(json.size());
  for (const auto& [key, v] : json.items()) {
    AttrValue value;
    if (auto error = value_at_level(v, value, level); !error.empty()) return error;
    out.set(key, std::move(value));
  }
  return {};
}

std::string convert_member(AttrType type, const nlohmann::json& v, AttrValue& out, int level) {
  if ((type == AttrType::kM || type == AttrType::kL) && level >= kMaxNestingLevel && !v.empty()) {
    return "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond "
           "supported limit";
  }
  switch (type) {
    case AttrType::kS:
      out = AttrValue::string(v.is_string() ? v.get<std::string>() : std::string());
      return {};
    case AttrType::kN: {
      std::string canonical;
      if (auto error = number_text(v, canonical); !error.empty()) return error;
      out = AttrValue::number(std::move(canonical));
      return {};
    }
    case AttrType::kB: {
      std::string bytes;
      if (v.is_string()) base64_decode(v.get_ref<const std::string&>(), bytes);
      out = AttrValue::binary(std::move(bytes));
      return {};
    }
    case AttrType::kBool:
      out = AttrValue::boolean(lenient_bool(v));
      return {};
    case AttrType::kNull:
      if (!lenient_bool(v)) return std::string(kInvalidParameterValues) + "Null attribute value types must have the value of true";
      out = AttrValue::null();
      return {};
    case AttrType::kSS:
      return string_set(v, out);
    case AttrType::kNS:
      return number_set(v, out);
    case AttrType::kBS:
      return binary_set(v, out);
    case AttrType::kM: {
      AttrMap m;
      if (auto error = values_at_level(v, m, level + 1); !error.empty()) return error;
      out = AttrValue::map(std::move(m));
      return {};
    }
    case AttrType::kL: {
      AttrList l;
      l.reserve(v.size());
      for (const auto& e : v) {
        AttrValue element;
        if (auto error = value_at_level(e, element, level + 1); !error.empty()) return error;
        l.push_back(std::move(element));
      }
      out = AttrValue::list(std::move(l));
      return {};
    }
  }
  return {};
}

void append_string_set(std::string& out, const AttrValue& value, bool binary) {
  out.push_back('[');
  bool first = true;
  for (const auto& e : value.set_value()) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(out, binary ? base64_encode(e) : e);
  }
  out.push_back(']');
}

std::string value_at_level(const nlohmann::json& json, AttrValue& out, int level) {
  int types = 0;
  if (json.is_object()) {
    for (const auto& [key, v] : json.items()) {
      AttrType type;
      if (v.is_null() || !parse_attr_type(key, type)) continue;  // unknown members are ignored
      ++types;
      AttrValue converted;
      if (auto error = convert_member(type, v, converted, level); !error.empty()) return error;
      if (types == 1) out = std::move(converted);
    }
  }
  if (types == 0) return "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes";
  if (types > 1) {
    return "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
           "datatypes";
  }
  return {};
}

}  // namespace

bool lenient_bool(const nlohmann::json& json) {
  if (json.is_boolean()) return json.get<bool>();
  if (!json.is_string()) return false;
  std::string s = json.get<std::string>();
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s == "TRUE" || s == "1" || s == "YES";
}

std::string attr_from_json(const nlohmann::json& json, AttrValue& out) { return value_at_level(json, out, 1); }

std::string attrs_from_json(const nlohmann::json& json, AttrMap& out) { return values_at_level(json, out, 1); }

void append_attr_json(std::string& out, const AttrValue& value) {
  out.append("{\"");
  out.append(attr_type_name(value.type()));
  out.append("\":");
  switch (value.type()) {
    case AttrType::kS:
    case AttrType::kN:
      append_json_string(out, value.scalar());
      break;
    case AttrType::kB:
      append_json_string(out, base64_encode(value.scalar()));
      break;
    case AttrType::kBool:
      out.append(value.boolean_value() ? "true" : "false");
      break;
    case AttrType::kNull:
      out.append("true");
      break;
    case AttrType::kM:
      append_attrs_json(out, value.map_value());
      break;
    case AttrType::kL: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : value.list_value()) {
        if (!first) out.push_back(',');
        first = false;
        append_attr_json(out, e);
      }
      out.push_back(']');
      break;
    }
    case AttrType::kSS:
    case AttrType::kNS:
      append_string_set(out, value, false);
      break;
    case AttrType::kBS:
      append_string_set(out, value, true);
      break;
  }
  out.push_back('}');
}

void append_attrs_json(std::string& out, const AttrMap& attrs) {
  out.push_back('{');
  bool first = true;
  for (const auto& [name, value] : attrs) {
    if (!first) out.push_back(',');
    first = false;
    append_json_string(out, name);
    out.push_back(':');
    append_attr_json(out, value);
  }
  out.push_back('}');
}

nlohmann::json attr_to_json(const AttrValue& value) {
  std::string text;
  append_attr_json(text, value);
  return nlohmann::json::parse(text);
}

nlohmann::json attrs_to_json(const AttrMap& attrs) {
  std::string text;
  append_attrs_json(text, attrs);
  return nlohmann::json::parse(text);
}

std::string describe_scalar(const AttrValue& value) {
  switch (value.type()) {
    case AttrType::kS:
    case AttrType::kN:
      return value.scalar();
    case AttrType::kB:
      return base64_encode(value.scalar());
    case AttrType::kBool:
      return value.boolean_value() ? "true" : "false";
    case AttrType::kNull:
      return "true";
    default: {
      std::string text;
      append_attr_json(text, value);
      return text;
    }
  }
}

}  // namespace chokepoint
