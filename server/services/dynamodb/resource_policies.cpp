// PutResourcePolicy, GetResourcePolicy and DeleteResourcePolicy on tables and their streams. Chokepoint keeps the
// policy and its revision; it does not evaluate it (every caller is allowed, as everywhere else). A revision is the
// put's epoch milliseconds, as AWS's revision ids look; putting the same document again keeps the revision.
// [DDBRP] https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutResourcePolicy.html
#include <algorithm>
#include <chrono>
#include <mutex>
#include <shared_mutex>

#include "services/dynamodb/control_handlers.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/stream_log.hpp"

namespace chokepoint {

namespace {

// [DDBRP] "The maximum size supported for a resource-based policy document is 20 KB. DynamoDB counts whitespaces".
constexpr std::size_t kMaxPolicyBytes = 20 * 1024;
// ExpectedRevisionId that asks for a put only when the resource has no policy yet.
constexpr std::string_view kNoPolicy = "NO_POLICY";

ApiError policy_not_found(const std::string& arn) {
  return make_error("PolicyNotFoundException", "Resource-based policy not found for the provided ResourceArn: " + arn);
}

ApiError revision_mismatch(const std::string& expected) {
  return make_error("PolicyNotFoundException", "A policy with the revision ID " + expected +
                                                   " was not found for the provided ResourceArn.");
}

ApiError policy_resource_not_found(const std::string& arn) {
  return dynamodb_errors::not_found("Requested resource not found: ResourceArn: " + arn + " not found");
}

// The table of the ARN, when it names the table itself or one of its streams (the caller holds no lock yet).
std::shared_ptr<Table> policy_resource(DynamoCall& call, const std::string& arn) {
  auto table = table_of_arn(call, arn);
  if (!table) return nullptr;
  std::shared_lock lock(table->mutex);
  if (arn == table->meta.arn) return table;
  for (const Stream& stream : table->streams.all()) {
    if (arn == stream_arn(table->meta.arn, stream.label)) return table;
  }
  return nullptr;
}

ResourcePolicy* policy_of(TableMeta& meta, const std::string& arn) {
  for (auto& p : meta.resource_policies) {
    if (p.resource_arn == arn) return &p;
  }
  return nullptr;
}

std::string next_revision(TimePoint now, const ResourcePolicy* previous) {
  long long millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  if (previous && std::stoll(previous->revision_id) >= millis) millis = std::stoll(previous->revision_id) + 1;
  return std::to_string(millis);
}

}  // namespace

ApiResult put_resource_policy(DynamoCall& call) {
  const std::string arn = param_str(call.params, "ResourceArn");
  const std::string policy = param_str(call.params, "Policy");
  const std::string expected = param_str(call.params, "ExpectedRevisionId");
  if (policy.size() > kMaxPolicyBytes) {
    return dynamodb_errors::validation("Resource-based policy size " + std::to_string(policy.size()) +
                                       " bytes exceeds the maximum allowed size of 20 KB");
  }
  auto table = policy_resource(call, arn);
  if (!table) return policy_resource_not_found(arn);
  std::unique_lock lock(table->mutex);
  ResourcePolicy* current = policy_of(table->meta, arn);
  if (!expected.empty()) {
    const bool matches = expected == kNoPolicy ? current == nullptr : current && current->revision_id == expected;
    if (!matches) return revision_mismatch(expected);
  }
  if (!current) current = &table->meta.resource_policies.emplace_back(ResourcePolicy{arn, {}, {}});
  if (current->policy != policy || current->revision_id.empty()) {
    current->revision_id = next_revision(call.now, current->revision_id.empty() ? nullptr : current);
    current->policy = policy;
  }
  ApiResponse r;
  r.body["RevisionId"] = current->revision_id;
  return r;
}

ApiResult get_resource_policy(DynamoCall& call) {
  const std::string arn = param_str(call.params, "ResourceArn");
  auto table = policy_resource(call, arn);
  if (!table) return policy_resource_not_found(arn);
  std::shared_lock lock(table->mutex);
  const ResourcePolicy* current = policy_of(table->meta, arn);
  if (!current) return policy_not_found(arn);
  ApiResponse r;
  r.body = {{"Policy", current->policy}, {"RevisionId", current->revision_id}};
  return r;
}

ApiResult delete_resource_policy(DynamoCall& call) {
  const std::string arn = param_str(call.params, "ResourceArn");
  const std::string expected = param_str(call.params, "ExpectedRevisionId");
  auto table = policy_resource(call, arn);
  if (!table) return policy_resource_not_found(arn);
  std::unique_lock lock(table->mutex);
  ResourcePolicy* current = policy_of(table->meta, arn);
  if (!current) return policy_not_found(arn);
  if (!expected.empty() && current->revision_id != expected) return revision_mismatch(expected);
  const std::string revision = current->revision_id;
  auto& policies = table->meta.resource_policies;
  policies.erase(std::remove_if(policies.begin(), policies.end(), [&arn](const auto& p) { return p.resource_arn == arn; }),
                 policies.end());
  ApiResponse r;
  r.body["RevisionId"] = revision;
  return r;
}

}  // namespace chokepoint
