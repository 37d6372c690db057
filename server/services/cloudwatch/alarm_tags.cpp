// TagResource, UntagResource and ListTagsForResource on metric alarms, and PutMetricAlarm's Tags.
// [CWAPI] https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_TagResource.html: keys of 1 to 128
// and values of 0 to 256 characters; a key given again replaces its value; up to 50 tags per resource.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "common/strings.hpp"
#include "protocol/params.hpp"
#include "protocol/result.hpp"
#include "services/cloudwatch/cloudwatch_call.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"

namespace chokepoint {

namespace {

using Tags = std::vector<std::pair<std::string, std::string>>;
constexpr size_t kMaxTagsPerAlarm = 50;

MaybeError read_tag_list(const nlohmann::json& params, Tags& tags) {
  const nlohmann::json* list = nullptr;
  if (auto e = read_list(params, "Tags", "", list)) return e;
  if (!list) return std::nullopt;
  for (size_t i = 0; i < list->size(); ++i) {
    const nlohmann::json& tag = (*list)[i];
    const std::string path = member_path("", "Tags", i);
    std::string key, value;
    if (auto e = read_name(tag, "Key", path, key, 128)) return e;
    if (auto raw = param_string(tag, "Value")) {
      if (raw->size() > 256) return cw_invalid_value(path + ".Value", *raw);
      value = *raw;
    } else {
      return cw_missing_parameter(path + ".Value");
    }
    auto it = std::find_if(tags.begin(), tags.end(), [&](const auto& t) { return t.first == key; });
    if (it != tags.end()) {
      it->second = std::move(value);
    } else {
      tags.emplace_back(std::move(key), std::move(value));
    }
  }
  if (tags.size() > kMaxTagsPerAlarm) {
    return cw_invalid_parameter_value("A resource can have at most " + std::to_string(kMaxTagsPerAlarm) + " tags.");
  }
  return std::nullopt;
}

// The alarm that ResourceARN names, in the caller's account and region.
Result<MetricAlarm*> tagged_alarm(CloudWatchCall& call) {
  std::string arn;
  if (auto e = read_name(call.params(), "ResourceARN", "", arn, 1024)) return *e;
  const std::string prefix = "arn:aws:cloudwatch:" + call.region() + ":" + call.account() + ":alarm:";
  if (arn.rfind(prefix, 0) == 0) {
    const auto it = call.alarms.alarms.find(arn.substr(prefix.size()));
    if (it != call.alarms.alarms.end()) return &it->second;
  }
  const auto parts = split(arn, ':');
  const bool is_alarm = parts.size() >= 7 && parts[0] == "arn" && parts[2] == "cloudwatch" && parts[5] == "alarm";
  return cw_tagged_resource_not_found(is_alarm ? "ALARM" : "UNKNOWN", is_alarm ? std::string(parts[6]) : arn);
}

nlohmann::json tags_json(const Tags& tags) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [key, value] : tags) out.push_back({{"Key", key}, {"Value", value}});
  return out;
}

}  // namespace

MaybeError read_alarm_tags(const nlohmann::json& params, Tags& tags) { return read_tag_list(params, tags); }

ApiResult tag_resource(CloudWatchCall& call) {
  auto alarm = tagged_alarm(call);
  if (!alarm) return std::move(alarm).error();
  if (!param_list(call.params(), "Tags")) return cw_missing_parameter("Tags");
  Tags tags = (*alarm)->tags;
  if (auto e = read_tag_list(call.params(), tags)) return *e;
  (*alarm)->tags = std::move(tags);
  return ApiResponse{};
}

ApiResult untag_resource(CloudWatchCall& call) {
  auto alarm = tagged_alarm(call);
  if (!alarm) return std::move(alarm).error();
  const nlohmann::json* keys = nullptr;
  if (auto e = read_list(call.params(), "TagKeys", "", keys)) return *e;
  if (!keys) return cw_missing_parameter("TagKeys");
  Tags& tags = (*alarm)->tags;
  for (const auto& key : *keys) {
    if (!key.is_string()) continue;
    std::erase_if(tags, [&](const auto& t) { return t.first == key.get_ref<const std::string&>(); });
  }
  return ApiResponse{};
}

ApiResult list_tags_for_resource(CloudWatchCall& call) {
  auto alarm = tagged_alarm(call);
  if (!alarm) return std::move(alarm).error();
  ApiResponse response;
  response.body["Tags"] = tags_json((*alarm)->tags);
  return response;
}

}  // namespace chokepoint
