#include "config/ssm_parameter_names.hpp"

#include <algorithm>

#include "common/strings.hpp"
#include "config/ssm_error_values.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kBadNameMessage =
    "Parameter name: can't be prefixed with \"ssm\" (case-insensitive). If formed as a path, it can consist of "
    "sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the "
    "following 3 symbols .-_";
constexpr std::string_view kReservedMessage =
    "Parameter name: can't be prefixed with \"aws\" or \"ssm\" (case-insensitive).";
constexpr std::string_view kBadPathMessage =
    "The parameter doesn't meet the parameter name requirements. The parameter name must begin with a forward "
    "slash \"/\". It can't be prefixed with \"aws\" or \"ssm\" (case-insensitive). It must use only letters, "
    "numbers, or the following symbols: . (period), - (hyphen), _ (underscore). Special characters are not "
    "allowed. All sub-paths, if specified, must use the forward slash symbol \"/\". Valid example: "
    "/get/parameters2-/by1./path0_.";
constexpr std::string_view kHierarchyMessage =
    "A hierarchy can have a maximum of 15 levels. For more information, see Requirements and constraints for "
    "parameter names in the AWS Systems Manager User Guide.";

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

bool has_only_name_chars(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return is_name_char(c) || c == '/'; });
}

// "/a/b" -> levels a, b; none may be empty.
bool has_empty_level(std::string_view rooted) {
  for (auto level : split(rooted.substr(1), '/')) {
    if (level.empty()) return true;
  }
  return false;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// "/" + name, spelled out: GCC 12 misreports the operator+ form (-Wstringop-overflow).
std::string rooted(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 1);
  out.push_back('/');
  out.append(name);
  return out;
}

ApiError hierarchy_error() {
  return ssm_error("HierarchyLevelLimitExceededException", std::string(kHierarchyMessage));
}

}  // namespace

std::optional<ApiError> check_name(std::string_view name) {
  if (name.empty()) return constraint_error(name, "name", "Member must have length greater than or equal to 1");
  if (name.size() > 2048) {
    return constraint_error(name, "name", "Member must have length less than or equal to 2048");
  }
  if (!has_only_name_chars(name)) return validation_error(std::string(kBadNameMessage));
  if (name.front() != '/') {
    if (name.find('/') != std::string_view::npos) {
      return validation_error("Parameter name must be a fully qualified name.");
    }
    return std::nullopt;
  }
  if (name.size() == 1 || has_empty_level(name)) return validation_error(std::string(kBadNameMessage));
  if (hierarchy_levels(name) > kMaxHierarchyLevels) return hierarchy_error();
  return std::nullopt;
}

std::optional<ApiError> check_new_name(std::string_view name, std::string_view account, std::string_view region) {
  if (auto error = check_name(name)) return error;
  const std::string_view bare = name.front() == '/' ? name.substr(1) : name;
  const bool is_path = name.front() == '/' && name.find('/', 1) != std::string_view::npos;
  if (starts_with_ci(bare, "aws") || starts_with_ci(bare, "ssm")) {
    if (is_path && starts_with_ci(bare, "aws")) {
      return ssm_error("AccessDeniedException", "No access to reserved parameter name: " + std::string(name) + ".");
    }
    return validation_error(std::string(is_path ? kBadNameMessage : kReservedMessage));
  }
  const std::size_t with_prefix = parameter_arn(account, region, name).size();
  if (with_prefix > kMaxNameWithArnPrefix) {
    return validation_error("Parameter name is too long: with its ARN prefix (arn:aws:ssm:" + std::string(region) +
                            ":" + std::string(account) + ":parameter/) it can have at most " +
                            std::to_string(kMaxNameWithArnPrefix) + " characters.");
  }
  return std::nullopt;
}

std::optional<ApiError> check_path(std::string_view path) {
  if (path.empty()) return constraint_error(path, "path", "Member must have length greater than or equal to 1");
  if (path.size() > 2048) {
    return constraint_error(path, "path", "Member must have length less than or equal to 2048");
  }
  if (path.front() != '/' || !has_only_name_chars(path)) return validation_error(std::string(kBadPathMessage));
  if (path == "/") return std::nullopt;
  std::string_view trimmed = path.back() == '/' ? path.substr(0, path.size() - 1) : path;
  if (has_empty_level(trimmed)) return validation_error(std::string(kBadPathMessage));
  if (hierarchy_levels(trimmed) > kMaxHierarchyLevels) return hierarchy_error();
  return std::nullopt;
}

std::string name_key(std::string_view name) {
  if (!name.empty() && name.front() == '/') return std::string(name);
  return rooted(name);
}

std::string_view parent_path(std::string_view key) {
  const auto slash = key.rfind('/');
  if (slash == std::string_view::npos || slash == 0) return "/";
  return key.substr(0, slash);
}

int hierarchy_levels(std::string_view name) {
  std::string_view bare = !name.empty() && name.front() == '/' ? name.substr(1) : name;
  return static_cast<int>(std::count(bare.begin(), bare.end(), '/')) + 1;
}

std::string parameter_arn(std::string_view account, std::string_view region, std::string_view name) {
  std::string_view bare = !name.empty() && name.front() == '/' ? name.substr(1) : name;
  return "arn:aws:ssm:" + std::string(region) + ":" + std::string(account) + ":parameter/" + std::string(bare);
}

bool is_valid_label(std::string_view label) {
  if (label.empty() || label.size() > 100) return false;
  if (label.front() >= '0' && label.front() <= '9') return false;
  if (starts_with_ci(label, "aws") || starts_with_ci(label, "ssm")) return false;
  return std::all_of(label.begin(), label.end(), is_name_char);
}

namespace {

// "arn:PARTITION:ssm:REGION:ACCOUNT:parameter/NAME[:SELECTOR]" -> "NAME[:SELECTOR]" with its leading '/'
// restored for hierarchical names.
std::optional<std::string> name_from_arn(std::string_view arn, ParameterRef& ref, std::string_view account,
                                         std::string_view region) {
  auto parts = split(arn, ':');
  if (parts.size() < 6 || parts[2] != "ssm") return std::nullopt;
  constexpr std::string_view kResource = "parameter/";
  const std::size_t resource_at =
      parts[0].size() + parts[1].size() + parts[2].size() + parts[3].size() + parts[4].size() + 5;
  std::string_view resource = arn.substr(resource_at);
  if (resource.rfind(kResource, 0) != 0) return std::nullopt;
  std::string_view rest = resource.substr(kResource.size());
  ref.foreign = parts[3] != region || parts[4] != account;
  const std::string_view bare_name = rest.substr(0, rest.find(':'));
  const bool hierarchical = bare_name.find('/') != std::string_view::npos;
  return hierarchical ? rooted(rest) : std::string(rest);
}

}  // namespace

Result<ParameterRef> parse_reference(std::string_view text, std::string_view account,
                                                     std::string_view region) {
  ParameterRef ref;
  std::string spelled(trim(text));
  if (spelled.rfind("arn:", 0) == 0) {
    auto from_arn = name_from_arn(spelled, ref, account, region);
    if (!from_arn) return validation_error(std::string(kBadNameMessage));
    spelled = std::move(*from_arn);
  }
  const auto colon = spelled.find(':');
  ref.name = spelled.substr(0, colon);
  if (colon != std::string::npos) {
    std::string selector = spelled.substr(colon + 1);
    long long version = 0;
    if (selector.empty() || selector.find(':') != std::string::npos) {
      return validation_error(std::string(kBadNameMessage));
    }
    if (parse_int64(selector, version)) {
      ref.version = version;
    } else {
      ref.label = selector;
    }
    ref.selector = ":" + selector;
  }
  if (auto error = check_name(ref.name)) return std::move(*error);
  return ref;
}

}  // namespace chokepoint
