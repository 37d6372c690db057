#include "metrics/capacity_tally.hpp"

namespace chokepoint {

void CapacityTally::put(const MetricPoint& point) {
  if (point.namespace_name == "AWS/DynamoDB") {
    if (point.metric_name == "ConsumedReadCapacityUnits") read_units_ += point.value.sum;
    if (point.metric_name == "ConsumedWriteCapacityUnits") write_units_ += point.value.sum;
  }
  if (next_) next_->put(point);
}

}  // namespace chokepoint
