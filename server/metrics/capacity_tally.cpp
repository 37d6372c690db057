#include "metrics/capacity_tally.hpp"

namespace chokepoint {

void CapacityTally::put(const MetricPoint& point) {
  if (point.namespace_name == "AWS/DynamoDB") {
    if (point.metric_name == "ConsumedReadCapacityUnits") read_units_ += point.value.sum;
    if (point.metric_name == "ConsumedWriteCapacityUnits") write_units_ += point.value.sum;
    if (table_.empty() && point.metric_name.starts_with("Consumed")) {
      for (const auto& d : point.dimensions) {
        if (d.name == "TableName") table_ = d.value;
      }
    }
  }
  if (next_) next_->put(point);
}

}  // namespace chokepoint
