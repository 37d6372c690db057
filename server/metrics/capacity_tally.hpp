#pragma once
// The MetricSink a service sees during one request: forwards every datapoint to the server's sink and adds
// up the DynamoDB capacity the request consumed (ConsumedRead/WriteCapacityUnits, table and indexes), so the
// decision log can show it without the service reporting it twice. One per request; not thread-safe.
#include <string>

#include "metrics/metric_sink.hpp"

namespace chokepoint {

class CapacityTally final : public MetricSink {
 public:
  explicit CapacityTally(MetricSink* next) : next_(next) {}

  void put(const MetricPoint& point) override;

  double read_units() const { return read_units_; }
  double write_units() const { return write_units_; }
  // The first table the request consumed capacity from (DynamoDB's SuccessfulRequestLatency is per table).
  const std::string& table() const { return table_; }

 private:
  MetricSink* next_;
  double read_units_ = 0;
  double write_units_ = 0;
  std::string table_;
};

}  // namespace chokepoint
