// What every Application Auto Scaling request shares (scaling_params.hpp).
#include "services/autoscaling/scaling_params.hpp"

#include <algorithm>

#include "common/strings.hpp"
#include "protocol/params.hpp"
#include "services/autoscaling/autoscaling_errors.hpp"
#include "services/autoscaling/scaling_requests.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

constexpr long long kMaxPage = 50;

// [BCM:application-autoscaling] ServiceNamespace's enum; only dynamodb is emulated.
constexpr std::string_view kNamespaces[] = {
    "ecs",         "elasticmapreduce", "ec2",        "appstream", "dynamodb",  "rds",
    "sagemaker",   "custom-resource",  "comprehend", "lambda",    "cassandra", "kafka",
    "elasticache", "neptune",          "workspaces"};

}  // namespace

Result<std::string> required_scaling_param(const ApiRequest& request, const char* member, const char* field) {
  auto value = param_string(request.params, member);
  if (!value || value->empty()) {
    return autoscaling_validation(std::string("1 validation error detected: Value null at '") + field +
                                  "' failed to satisfy constraint: Member must not be null");
  }
  return *value;
}

std::optional<ApiError> check_scaling_namespace(const ApiRequest& request) {
  auto ns = required_scaling_param(request, "ServiceNamespace", "serviceNamespace");
  if (!ns) return ns.error();
  if (std::find(std::begin(kNamespaces), std::end(kNamespaces), *ns) == std::end(kNamespaces)) {
    return autoscaling_validation("1 validation error detected: Value '" + *ns +
                                  "' at 'serviceNamespace' failed to satisfy constraint: Member must satisfy enum "
                                  "value set: [ecs, elasticmapreduce, ec2, appstream, dynamodb, rds, sagemaker, "
                                  "custom-resource, comprehend, lambda, cassandra, kafka, elasticache, neptune, "
                                  "workspaces]");
  }
  if (*ns != "dynamodb") {
    return autoscaling_validation("Unsupported service namespace '" + *ns +
                                  "': this emulator scales DynamoDB tables and global secondary indexes (dynamodb)");
  }
  return std::nullopt;
}

Result<ScalableResource> read_scaling_resource(const ApiRequest& request) {
  auto id = required_scaling_param(request, "ResourceId", "resourceId");
  if (!id) return id.error();
  auto dimension = required_scaling_param(request, "ScalableDimension", "scalableDimension");
  if (!dimension) return dimension.error();
  return parse_scalable_resource(*id, *dimension);
}

std::string no_scalable_target(const ScalableResource& r) {
  return "No scalable target registered for service namespace: dynamodb, resource ID: " + r.resource_id +
         ", scalable dimension: " + r.dimension;
}

Result<std::pair<size_t, long long>> read_scaling_page(const ApiRequest& request) {
  bool bad = false;
  const auto max = param_int(request.params, "MaxResults", &bad);
  if (bad || (max && (*max < 1 || *max > kMaxPage))) {
    return autoscaling_validation(
        "1 validation error detected: Value at 'maxResults' failed to satisfy "
        "constraint: Member must have value less than or equal to 50");
  }
  size_t offset = 0;
  if (auto token = param_string(request.params, "NextToken")) {
    long long n = 0;
    if (!parse_int64(*token, n) || n < 0) return autoscaling_validation("Invalid token: " + *token);
    offset = static_cast<size_t>(n);
  }
  return std::make_pair(offset, max.value_or(kMaxPage));
}

bool in_scaling_list(const json& params, const char* member, const std::string& value) {
  const auto* list = param(params, member);
  if (!list || !list->is_array() || list->empty()) return true;
  return std::any_of(list->begin(), list->end(), [&](const json& v) { return v.is_string() && v == value; });
}

std::string scaling_arn(const Identity& identity, const std::string& kind, const std::string& uuid,
                        const ScalableResource& resource, const std::string& name_part) {
  return "arn:aws:autoscaling:" + identity.region + ":" + identity.account_id + ":" + kind + ":" + uuid +
         ":resource/dynamodb/" + resource.resource_id + ":" + name_part;
}

StepScalingPolicy* find_step_policy(ScalableTarget& target, const std::string& name) {
  for (auto& p : target.step_policies) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

const StepScalingPolicy* find_step_policy(const ScalableTarget& target, const std::string& name) {
  return find_step_policy(const_cast<ScalableTarget&>(target), name);
}

ScalingResourceFilter read_scaling_resource_filter(const ApiRequest& request) {
  return {param_string(request.params, "ResourceId").value_or(""),
          param_string(request.params, "ScalableDimension").value_or("")};
}

std::optional<ApiError> add_scaling_tags(const ApiRequest& request, std::map<std::string, std::string>& tags) {
  const nlohmann::json* given = param(request.params, "Tags");
  if (!given || !given->is_object()) return std::nullopt;
  std::map<std::string, std::string> merged = tags;
  for (const auto& [key, value] : given->items()) {
    const std::string text = value.is_string() ? value.get<std::string>() : std::string();
    if (key.empty() || key.size() > 128 || text.size() > 256) {
      return autoscaling_validation("1 validation error detected: Value at 'tags' failed to satisfy constraint: "
                                    "Map keys must have length between 1 and 128 and values at most 256");
    }
    merged[key] = text;
  }
  // [AASAPI] API_TagResource.html: "You cannot have more than 50 tags on an Application Auto Scaling scalable
  // target."
  if (merged.size() > 50) {
    ApiError e = make_error("TooManyTagsException", "A scalable target can have at most 50 tags");
    e.message_key = "Message";
    return e;
  }
  tags = std::move(merged);
  return std::nullopt;
}

}  // namespace chokepoint
