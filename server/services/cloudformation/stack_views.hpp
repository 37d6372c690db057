#pragma once
// Stacks, events, resources and change sets in the wire shapes of the CloudFormation API (element names as
// botocore's model spells them). Call with the region lock held.
#include <nlohmann/json.hpp>

#include "services/cloudformation/stack_model.hpp"

namespace chokepoint {

nlohmann::json stack_view(const Stack& stack);          // DescribeStacks member
nlohmann::json stack_summary_view(const Stack& stack);  // ListStacks member
nlohmann::json event_view(const Stack& stack, const StackEvent& event);
nlohmann::json resource_view(const Stack& stack, const StackResource& r);         // DescribeStackResources member
nlohmann::json resource_summary_view(const StackResource& r);                     // ListStackResources member
nlohmann::json resource_detail_view(const Stack& stack, const StackResource& r);  // DescribeStackResource
nlohmann::json parameters_view(const std::vector<ResolvedParameter>& parameters);
nlohmann::json tags_view(const Tags& tags);
nlohmann::json change_set_view(const ChangeSet& cs);          // DescribeChangeSet
nlohmann::json change_set_summary_view(const ChangeSet& cs);  // ListChangeSets member

}  // namespace chokepoint
