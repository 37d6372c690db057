#pragma once
// The id CloudFormation gives a scalable target, "<ResourceId>|<ScalableDimension>|<ServiceNamespace>": the
// ScalableTarget's Ref, and what a ScalingPolicy's ScalingTargetId names it by.
#include <string>
#include <string_view>

namespace chokepoint {

struct ScalingTargetId {
  std::string resource_id, scalable_dimension, service_namespace;
};

inline std::string format_scaling_target_id(const ScalingTargetId& id) {
  return id.resource_id + "|" + id.scalable_dimension + "|" + id.service_namespace;
}

// Empty parts where `text` has fewer than three.
inline ScalingTargetId parse_scaling_target_id(std::string_view text) {
  ScalingTargetId id;
  std::string* parts[] = {&id.resource_id, &id.scalable_dimension, &id.service_namespace};
  size_t start = 0;
  for (std::string* part : parts) {
    const size_t bar = text.find('|', start);
    *part = std::string(text.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return id;
}

}  // namespace chokepoint
