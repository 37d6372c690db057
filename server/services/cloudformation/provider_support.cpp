#include "services/cloudformation/provider_support.hpp"

#include <algorithm>
#include <set>

#include "services/cloudformation/builtin_providers.hpp"
#include "services/cloudformation/intrinsic_functions.hpp"

namespace chokepoint {

std::optional<std::string> prop_string(const nlohmann::json& props, const std::string& key) {
  if (!props.is_object() || !props.contains(key)) return std::nullopt;
  return scalar_string(props[key]);
}

nlohmann::json tag_list(const nlohmann::json& tags) {
  nlohmann::json out = nlohmann::json::array();
  if (tags.is_object()) {
    for (const auto& [k, v] : tags.items()) out.push_back({{"Key", k}, {"Value", scalar_string(v).value_or("")}});
  } else if (tags.is_array()) {
    for (const auto& t : tags) {
      if (!t.is_object()) continue;
      out.push_back({{"Key", prop_string(t, "Key").value_or("")}, {"Value", prop_string(t, "Value").value_or("")}});
    }
  }
  return out;
}

TagChanges tag_changes(const nlohmann::json& before_props, const nlohmann::json& after_props) {
  TagChanges out;
  const auto old_tags = tag_list(before_props.value("Tags", nlohmann::json()));
  auto new_tags = tag_list(after_props.value("Tags", nlohmann::json()));
  if (old_tags == new_tags) return out;
  std::set<std::string> kept;
  for (const auto& t : new_tags) kept.insert(t["Key"].get<std::string>());
  for (const auto& t : old_tags) {
    if (!kept.count(t["Key"].get<std::string>())) out.removed.push_back(t["Key"].get<std::string>());
  }
  out.set = std::move(new_tags);
  return out;
}

nlohmann::json creation_tags(const nlohmann::json& props, const ResourceRequest& request) {
  nlohmann::json tags = tag_list(props.is_object() ? props.value("Tags", nlohmann::json()) : nlohmann::json());
  for (const auto& tag : request.tags) {
    const auto& [key, value] = tag;
    // Compares through `tag`: clang before 16 cannot capture a structured binding in a lambda.
    const bool own =
        std::any_of(tags.begin(), tags.end(), [&](const nlohmann::json& t) { return t["Key"] == tag.first; });
    if (!own) tags.push_back({{"Key", key}, {"Value", value}});
  }
  return tags;
}

std::string generated_name(const ResourceRequest& request, size_t max_length) {
  std::string suffix = "-";
  suffix += request.ids ? request.ids->upper_alnum(12) : std::string(12, '0');
  std::string stem = request.stack_name + "-" + request.logical_id;
  if (stem.size() + suffix.size() > max_length)
    stem.resize(max_length > suffix.size() ? max_length - suffix.size() : 0);
  return stem + suffix;
}

namespace {
class FailedTask final : public ResourceTask {
 public:
  explicit FailedTask(std::string reason) : reason_(std::move(reason)) {}
  ProviderStep next(const CallOutcome*) override { return ProviderStep::failed(reason_); }

 private:
  std::string reason_;
};
}  // namespace

std::unique_ptr<ResourceTask> failed_task(std::string reason) {
  return std::make_unique<FailedTask>(std::move(reason));
}

ProviderRegistry make_default_providers() {
  ProviderRegistry registry;
  registry.add(make_ssm_parameter_provider());
  registry.add(make_dynamodb_table_provider());
  registry.add(make_ec2_instance_provider());
  registry.add(make_ec2_volume_provider());
  registry.add(make_ec2_volume_attachment_provider());
  registry.add(make_ec2_launch_template_provider());
  registry.add(make_ec2_key_pair_provider());
  registry.add(make_ec2_eip_provider());
  registry.add(make_ec2_eip_association_provider());
  registry.add(make_ec2_network_interface_provider());
  registry.add(make_ec2_vpc_provider());
  registry.add(make_ec2_subnet_provider());
  registry.add(make_ec2_security_group_provider());
  registry.add(make_ec2_security_group_ingress_provider());
  registry.add(make_ec2_internet_gateway_provider());
  registry.add(make_ec2_gateway_attachment_provider());
  registry.add(make_ec2_route_table_provider());
  registry.add(make_ec2_route_provider());
  registry.add(make_ec2_route_table_association_provider());
  registry.add(make_wait_condition_handle_provider());
  registry.add(make_nested_stack_provider());
  registry.add(make_scalable_target_provider());
  registry.add(make_scaling_policy_provider());
  registry.add(make_s3_bucket_provider());
  registry.add(make_sqs_queue_provider());
  registry.add(make_sns_topic_provider());
  registry.add(make_iam_role_provider());
  registry.add(make_iam_policy_provider());
  registry.add(make_secretsmanager_secret_provider());
  registry.add(make_kms_key_provider());
  registry.add(make_lambda_function_provider());
  return registry;
}

}  // namespace chokepoint
