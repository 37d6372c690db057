#include "services/dynamodb/request_shape.hpp"

#include <cctype>
#include <cmath>

#include "common/base64.hpp"
#include "config/dynamodb_names.hpp"

namespace chokepoint {

namespace {

constexpr const char* kStructHere = "Start of structure or map found where not expected";
constexpr const char* kCastMessage =
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class "
    "(sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module java.base of "
    "loader 'bootstrap')";
constexpr const char* kPackage = "com.amazonaws.dynamodb.v20120810.";

bool is_scalar(const nlohmann::json& v) { return v.is_boolean() || v.is_number() || v.is_string(); }

std::string number_word(const nlohmann::json& v) {
  if (v.is_number_float()) {
    const double d = v.get<double>();
    return std::floor(d) == d ? "NUMBER_VALUE" : "DECIMAL_VALUE";
  }
  return "NUMBER_VALUE";
}

const char* java_scalar_name(ShapeKind kind) {
  switch (kind) {
    case ShapeKind::kString:
      return "String";
    case ShapeKind::kBoolean:
      return "Boolean";
    case ShapeKind::kInteger:
      return "Integer";
    case ShapeKind::kLong:
      return "Long";
    default:
      return "Double";
  }
}

Problem check_value(const nlohmann::json& v, const Shape& shape);

// Reports the problem of the first member in the shape's order, walking only the members present.
Problem check_members(const nlohmann::json& v, const Shape& shape) {
  std::size_t best = shape.members.size();
  std::optional<std::string> error;
  for (const auto& [name, value] : v.items()) {
    if (value.is_null()) continue;
    for (std::size_t i = 0; i < best; ++i) {
      if (shape.members[i].first != name) continue;
      if (auto e = check_value(value, *shape.members[i].second)) {
        best = i;
        error = std::move(e);
      }
      break;
    }
  }
  return error;
}

Problem check_scalar(const nlohmann::json& v, const Shape& shape) {
  const std::string type = java_scalar_name(shape.kind);
  if (v.is_array()) return "Unrecognized collection type class java.lang." + type;
  if (v.is_object()) return std::string(kStructHere);
  switch (shape.kind) {
    case ShapeKind::kString:
      if (v.is_boolean()) return std::string(v.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to String";
      if (v.is_number()) return number_word(v) + " cannot be converted to String";
      return std::nullopt;
    case ShapeKind::kBoolean:
      if (v.is_number()) return number_word(v) + " cannot be converted to Boolean";
      if (v.is_string()) {
        std::string s = v.get<std::string>();
        for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (s != "TRUE" && s != "1" && s != "YES" && s != "FALSE" && s != "0" && s != "NO") {
          return std::string("Unexpected token received from parser");
        }
      }
      return std::nullopt;
    default:  // Integer, Long, Double
      if (v.is_boolean()) return std::string(v.get<bool>() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + type;
      if (v.is_string()) return "STRING_VALUE cannot be converted to " + type;
      return std::nullopt;
  }
}

Problem check_blob(const nlohmann::json& v) {
  if (v.is_array()) return std::string("Unrecognized collection type class java.nio.ByteBuffer");
  if (v.is_object()) return std::string(kStructHere);
  if (!v.is_string()) return std::string("only base-64-encoded strings are convertible to bytes");
  std::string problem = base64_problem(v.get_ref<const std::string&>());
  if (!problem.empty()) return problem;
  return std::nullopt;
}

Problem check_elements(const nlohmann::json& v, const Shape& shape) {
  if (!shape.element) return std::nullopt;
  if (v.is_array()) {
    for (const auto& e : v) {
      if (e.is_null()) continue;
      if (auto err = check_value(e, *shape.element)) return err;
    }
  } else {
    for (const auto& [key, e] : v.items()) {
      if (e.is_null()) continue;
      if (auto err = check_value(e, *shape.element)) return err;
    }
  }
  return std::nullopt;
}

std::string map_class(const Shape& shape) {
  const std::string& name = shape.java_name;
  return "Unrecognized collection type java.util.Map<java.lang.String, " +
         (name.find('.') != std::string::npos ? name : kPackage + name) + ">";
}

Problem check_value(const nlohmann::json& v, const Shape& shape) {
  switch (shape.kind) {
    case ShapeKind::kString:
    case ShapeKind::kBoolean:
    case ShapeKind::kInteger:
    case ShapeKind::kLong:
    case ShapeKind::kDouble:
      return check_scalar(v, shape);
    case ShapeKind::kBlob:
      return check_blob(v);
    case ShapeKind::kList:
    case ShapeKind::kParamList:
      if (is_scalar(v)) return std::string(shape.kind == ShapeKind::kList ? "Unexpected field type" : kCastMessage);
      if (v.is_object()) return std::string(kStructHere);
      return check_elements(v, shape);
    case ShapeKind::kMap:
    case ShapeKind::kParamMap:
      if (is_scalar(v)) return std::string(shape.kind == ShapeKind::kMap ? "Unexpected field type" : kCastMessage);
      if (v.is_array()) return map_class(shape);
      return check_elements(v, shape);
    case ShapeKind::kValueStruct:
    case ShapeKind::kFieldStruct:
      if (is_scalar(v)) {
        return std::string(shape.kind == ShapeKind::kValueStruct ? "Unexpected value type in payload"
                                                                 : "Unexpected field type");
      }
      if (v.is_array()) return "Unrecognized collection type class " + std::string(kPackage) + shape.java_name;
      return check_members(v, shape);
  }
  return std::nullopt;
}

// --- constraints -------------------------------------------------------------------------------------------

std::string lower_first(std::string_view name) {
  std::string out(name);
  if (!out.empty()) out[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[0])));
  return out;
}

std::string value_text(const nlohmann::json& v) {
  if (v.is_null()) return "null";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out.append(", ");
      out.append(value_text(v[i]));
    }
    return out + "]";
  }
  return v.dump();
}

long long length_of(const nlohmann::json& v) {
  if (v.is_string()) return static_cast<long long>(v.get_ref<const std::string&>().size());
  if (v.is_array() || v.is_object()) return static_cast<long long>(v.size());
  return 0;
}

std::string format_limit(double d) {
  if (std::floor(d) == d && std::abs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  return std::to_string(d);
}

// A member's place in the request, spelled out only when a problem is reported.
struct PathPart {
  const PathPart* parent;
  std::string_view name;  // a member name (first letter lowered when shown) or a list index / map key
  bool literal;           // index or key: shown as is
};

std::string path_text(const PathPart* part) {
  if (!part) return {};
  std::string parent = path_text(part->parent);
  if (!parent.empty()) parent.push_back('.');
  return parent + (part->literal ? std::string(part->name) : lower_first(part->name));
}

class ConstraintChecker {
 public:
  std::vector<std::string> errors;

  void members(const nlohmann::json* data, const Shape& shape, const PathPart* parent) {
    for (const auto& [name, member] : shape.members) {
      if (!member->constrained) continue;
      const nlohmann::json* child = nullptr;
      if (data && data->is_object()) {
        const auto it = data->find(name);
        if (it != data->end() && !it->is_null()) child = &*it;
      }
      const PathPart part{parent, name, false};
      value(child, *member, &part);
    }
  }

  void value(const nlohmann::json* data, const Shape& shape, const PathPart* at) {
    if (shape.not_null && !data) add(nullptr, at, "Member must not be null");
    if (!data) return;
    scalar_rules(*data, shape, at);
    map_rules(*data, shape, at);
    children(*data, shape, at);
  }

 private:
  void add(const nlohmann::json* data, const PathPart* at, const std::string& rule) {
    if (errors.size() >= 10) return;
    std::string message = "Value ";
    if (data) {
      message.push_back('\'');
      message.append(value_text(*data));
      message.push_back('\'');
    } else {
      message.append("null");
    }
    message.append(" at '");
    message.append(path_text(at));
    message.append("' failed to satisfy constraint: ");
    message.append(rule);
    errors.push_back(std::move(message));
  }

  void scalar_rules(const nlohmann::json& data, const Shape& shape, const PathPart* at) {
    if (data.is_number()) {
      const double d = data.get<double>();
      if (shape.min_value && d < *shape.min_value) {
        add(&data, at, "Member must have value greater than or equal to " + format_limit(*shape.min_value));
      }
      if (shape.max_value && d > *shape.max_value) {
        add(&data, at, "Member must have value less than or equal to " + format_limit(*shape.max_value));
      }
    }
    if (shape.name_pattern && data.is_string() && !matches_dynamodb_name_pattern(data.get_ref<const std::string&>())) {
      add(&data, at, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
    const long long length = length_of(data);
    if (shape.min_length && length < *shape.min_length) {
      add(&data, at, "Member must have length greater than or equal to " + std::to_string(*shape.min_length));
    }
    if (shape.max_length && length > *shape.max_length) {
      add(&data, at, "Member must have length less than or equal to " + std::to_string(*shape.max_length));
    }
    if (!shape.enum_values.empty() && data.is_string()) {
      const auto& s = data.get_ref<const std::string&>();
      bool found = false;
      for (const auto& e : shape.enum_values) found = found || e == s;
      if (!found) {
        std::string set;
        for (const auto& e : shape.enum_values) set += (set.empty() ? "" : ", ") + e;
        add(&data, at, "Member must satisfy enum value set: [" + set + "]");
      }
    }
  }

  void map_rules(const nlohmann::json& data, const Shape& shape, const PathPart* at) {
    if (!data.is_object()) return;
    if (shape.key_max_length || shape.key_min_length || shape.key_pattern) {
      std::vector<std::string> rules;
      if (shape.key_max_length) rules.push_back("Member must have length less than or equal to " + std::to_string(*shape.key_max_length));
      if (shape.key_min_length) rules.push_back("Member must have length greater than or equal to " + std::to_string(*shape.key_min_length));
      if (shape.key_pattern) rules.push_back("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
      for (const auto& [key, v] : data.items()) {
        const auto n = static_cast<long long>(key.size());
        const bool bad = (shape.key_max_length && n > *shape.key_max_length) ||
                         (shape.key_min_length && n < *shape.key_min_length) ||
                         (shape.key_pattern && !matches_dynamodb_name_pattern(key));
        if (bad) add(&data, at, "Map keys must satisfy constraint: [" + join(rules) + "]");
      }
    }
    if (shape.value_max_length || shape.value_min_length) {
      std::vector<std::string> rules;
      if (shape.value_max_length) rules.push_back("Member must have length less than or equal to " + std::to_string(*shape.value_max_length));
      if (shape.value_min_length) rules.push_back("Member must have length greater than or equal to " + std::to_string(*shape.value_min_length));
      for (const auto& [key, v] : data.items()) {
        const long long n = length_of(v);
        const bool bad = (shape.value_max_length && n > *shape.value_max_length) ||
                         (shape.value_min_length && n < *shape.value_min_length);
        if (bad) add(&data, at, "Map value must satisfy constraint: [" + join(rules) + "]");
      }
    }
  }

  void children(const nlohmann::json& data, const Shape& shape, const PathPart* at) {
    const bool is_struct = shape.kind == ShapeKind::kValueStruct || shape.kind == ShapeKind::kFieldStruct;
    if (is_struct) {
      members(&data, shape, at);
      return;
    }
    if (!shape.element || !shape.element->constrained) return;
    if (data.is_array()) {
      for (std::size_t i = 0; i < data.size(); ++i) {
        const std::string index = std::to_string(i + 1);
        const PathPart position{at, index, true};
        const PathPart member{&position, "member", false};
        value(data[i].is_null() ? nullptr : &data[i], *shape.element, &member);
      }
    } else if (data.is_object()) {
      for (const auto& [key, v] : data.items()) {
        const PathPart position{at, key, true};
        const PathPart member{&position, "member", false};
        value(v.is_null() ? nullptr : &v, *shape.element, &member);
      }
    }
  }

  static std::string join(const std::vector<std::string>& parts) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : ", ") + p;
    return out;
  }
};

bool has_own_constraint(const Shape& s) {
  return s.not_null || s.min_value || s.max_value || s.name_pattern || s.min_length || s.max_length ||
         !s.enum_values.empty() || s.key_max_length || s.key_min_length || s.key_pattern || s.value_max_length ||
         s.value_min_length;
}

bool mark(Shape& shape, std::vector<const Shape*>& visiting) {
  for (const Shape* v : visiting) {
    if (v == &shape) return false;  // a cycle adds nothing new
  }
  visiting.push_back(&shape);
  bool any = has_own_constraint(shape);
  for (auto& [name, member] : shape.members) any = mark(const_cast<Shape&>(*member), visiting) || any;
  if (shape.element) any = mark(const_cast<Shape&>(*shape.element), visiting) || any;
  visiting.pop_back();
  shape.constrained = any;
  return any;
}

}  // namespace

Shape* ShapeArena::make(ShapeKind kind, std::string java_name) {
  Shape& s = shapes_.emplace_back();
  s.kind = kind;
  s.java_name = std::move(java_name);
  return &s;
}

Shape* ShapeArena::copy(const Shape& shape) { return &shapes_.emplace_back(shape); }

Problem check_types(const nlohmann::json& params, const Shape& shape) {
  if (!params.is_object()) return std::nullopt;
  return check_members(params, shape);
}

void mark_constraints(Shape& root) {
  std::vector<const Shape*> visiting;
  mark(root, visiting);
}

Problem check_constraints(const nlohmann::json& params, const Shape& shape) {
  ConstraintChecker checker;
  checker.members(&params, shape, nullptr);
  if (checker.errors.empty()) return std::nullopt;
  std::string out = std::to_string(checker.errors.size()) + " validation error" +
                    (checker.errors.size() == 1 ? "" : "s") + " detected: ";
  for (std::size_t i = 0; i < checker.errors.size(); ++i) {
    if (i) out.append("; ");
    out.append(checker.errors[i]);
  }
  return out;
}

bool nests_deeper_than(const nlohmann::json& params, std::size_t limit) {
  std::vector<std::pair<const nlohmann::json*, std::size_t>> stack = {{&params, 1}};
  while (!stack.empty()) {
    const auto [value, depth] = stack.back();
    stack.pop_back();
    if (depth > limit) return true;
    if (value->is_object() || value->is_array()) {
      for (const auto& child : *value) {
        if (child.is_object() || child.is_array()) stack.emplace_back(&child, depth + 1);
      }
    }
  }
  return false;
}

long long shape_integer(const nlohmann::json& value) {
  if (value.is_number_integer()) return value.get<long long>();
  if (value.is_number_float()) {
    const double d = std::floor(value.get<double>());
    if (d >= 9.2e18) return INT64_MAX;
    if (d <= -9.2e18) return INT64_MIN;
    return static_cast<long long>(d);
  }
  return 0;
}

}  // namespace chokepoint
