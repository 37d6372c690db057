// DynamoDB's SuccessfulRequestLatency from the dispatcher's request records, and the table the tally names.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "metrics/dynamodb_latency.hpp"

using namespace chokepoint;

namespace {

struct Seen {
  std::string metric, unit;
  std::vector<std::pair<std::string, std::string>> dimensions;
  double value = 0;
};

class Recorder final : public MetricSink {
 public:
  void put(const MetricPoint& p) override {
    Seen s{std::string(p.metric_name), std::string(p.unit), {}, p.value.sum};
    for (const auto& d : p.dimensions) s.dimensions.emplace_back(d.name, d.value);
    seen.push_back(std::move(s));
  }
  std::vector<Seen> seen;
};

RequestRecord dynamodb_record(Outcome outcome, std::string table) {
  RequestRecord r;
  r.service = "dynamodb";
  r.operation = "PutItem";
  r.account = "123456789012";
  r.region = "us-east-1";
  r.outcome = outcome;
  r.table = std::move(table);
  r.duration_ms = 1.5;
  r.held_ms = 200;
  return r;
}

}  // namespace

TEST_CASE("dynamodb latency: successful requests of a table, in milliseconds with latency faults", "[metrics]") {
  Recorder sink;
  DynamoDbLatency latency(sink);
  latency.on_request(dynamodb_record(Outcome::kOk, "orders"));
  REQUIRE(sink.seen.size() == 1);
  CHECK(sink.seen[0].metric == "SuccessfulRequestLatency");
  CHECK(sink.seen[0].unit == "Milliseconds");
  CHECK(sink.seen[0].value == 201.5);
  CHECK(sink.seen[0].dimensions ==
        std::vector<std::pair<std::string, std::string>>{{"Operation", "PutItem"}, {"TableName", "orders"}});
  // Throttled and failed requests, requests without a table and other services are not reported.
  latency.on_request(dynamodb_record(Outcome::kThrottled, "orders"));
  latency.on_request(dynamodb_record(Outcome::kError, "orders"));
  latency.on_request(dynamodb_record(Outcome::kOk, ""));
  RequestRecord ssm = dynamodb_record(Outcome::kOk, "orders");
  ssm.service = "ssm";
  latency.on_request(ssm);
  CHECK(sink.seen.size() == 1);
}
