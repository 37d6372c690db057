#pragma once
// DynamoDB's SuccessfulRequestLatency (namespace AWS/DynamoDB, unit Milliseconds, dimensions {TableName,
// Operation}) from the requests the dispatcher reports: only the dispatcher knows how long a request took, and
// only the DynamoDB service knows its table (it names it in the capacity it reports, RequestRecord::table).
// The value is the time from arrival to the response being sent, latency faults included. Thread-safe (the
// sink is).
#include "metrics/metric_sink.hpp"
#include "protocol/request_record.hpp"

namespace chokepoint {

class DynamoDbLatency final : public RequestObserver {
 public:
  explicit DynamoDbLatency(MetricSink& sink) : sink_(sink) {}
  void on_request(const RequestRecord& record) override;

 private:
  MetricSink& sink_;
};

}  // namespace chokepoint
