#pragma once
// CreateTags, DeleteTags, DescribeTags, and the tag rules they share with RunInstances' TagSpecifications:
// keys 1-128 characters and not starting with "aws:", values up to 256, at most 50 tags per resource.
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "protocol/result.hpp"
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

using Ec2TagList = std::vector<std::pair<std::string, std::string>>;

// Tag.N {Key, Value} under `owner` (a request, or one TagSpecification), validated. Values may be absent
// (empty); keys may not.
Result<Ec2TagList> read_tag_list(const nlohmann::json& owner);
// The tags TagSpecification.N gives a resource of `resource_type` created by a call that creates only that type;
// a TagSpecification naming another type is InvalidParameterValue, as EC2 answers it.
Result<Ec2TagList> read_tag_specifications(const nlohmann::json& params, std::string_view resource_type);
// TagLimitExceeded when adding `tags` would leave more than 50 tags on a resource.
std::optional<ApiError> check_tag_count(const Ec2Tags& existing, const Ec2TagList& tags);
// tagSet items: [{key, value}].
nlohmann::json tag_set_json(const Ec2Tags& tags);

ApiResult create_tags(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult delete_tags(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult describe_tags(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

}  // namespace chokepoint
