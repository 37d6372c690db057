#pragma once
// What the providers of forwarded services' types (S3, SQS, IAM, ...; their calls go to the upstream emulator)
// share: reading answers the upstream gave, policy documents, list properties.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/cloudformation/resource_provider.hpp"

namespace chokepoint {

// The string at `path` ({"Role", "Arn"}) of a successful call's answer; empty when absent or the call failed.
std::string answer_text(const CallOutcome& outcome, std::initializer_list<const char*> path);
// The array at `path` of a successful call's answer; empty when absent (an empty XML list reads as "").
nlohmann::json answer_list(const CallOutcome& outcome, std::initializer_list<const char*> path);
// A policy document property as the APIs take it: JSON text (CloudFormation accepts an object or a string).
std::string document_text(const nlohmann::json& document);
// The strings of a list property (Roles, ManagedPolicyArns); absent or malformed reads as empty.
std::vector<std::string> property_strings(const nlohmann::json& props, const std::string& key);

// Deleting a resource with one call (DeleteBucket, DeleteQueue, ...); the errors in `gone_codes` mean it is gone
// already, which a delete counts as done.
std::unique_ptr<ResourceTask> one_call_delete(const ResourceRequest& request, std::string service,
                                              std::string operation, nlohmann::json params,
                                              std::vector<std::string> gone_codes);

}  // namespace chokepoint
