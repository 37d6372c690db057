#pragma once
// A stand-in for the services CloudFormation provisions through, for deterministic engine tests: Parameter
// Store parameters, DynamoDB tables and EC2 instances in maps, answering in the documented wire shapes, with
// optional token buckets per operation that throttle like the admission path does.
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "services/service.hpp"
#include "throttle/token_bucket.hpp"

namespace chokepoint::test {

struct RecordedCall {
  ApiRequest request;
  TimePoint time;
  bool throttled = false;
};

class FakeServices final : public ApiCaller {
 public:
  ApiResult call(ApiRequest request, TimePoint now) override;

  // "ssm.PutParameter" draws from a bucket of this size (starts full).
  void limit(const std::string& operation, BucketLimit limit, TimePoint now);
  // The next `count` calls of `operation` fail with `error`.
  void fail_next(const std::string& operation, ApiError error, int count = 1);
  // DescribeTable answers CREATING this many times before ACTIVE; DescribeInstances "pending" likewise.
  int settle_polls = 0;

  std::vector<RecordedCall> calls() const;
  size_t count(const std::string& operation, bool include_throttled = false) const;
  std::map<std::string, nlohmann::json> parameters() const;
  std::map<std::string, nlohmann::json> tables() const;
  std::map<std::string, std::string> instances() const;  // id -> state

 private:
  ApiResult dispatch(const ApiRequest& request);
  ApiResult ssm(const ApiRequest& request);
  ApiResult dynamodb(const ApiRequest& request);
  ApiResult ec2(const ApiRequest& request);

  mutable std::mutex mutex_;
  std::vector<RecordedCall> calls_;
  std::map<std::string, TokenBucket> buckets_;
  std::map<std::string, std::pair<ApiError, int>> failures_;
  std::map<std::string, nlohmann::json> parameters_;
  std::map<std::string, nlohmann::json> tables_;
  std::map<std::string, int> table_polls_;
  std::map<std::string, std::string> instances_;
  std::map<std::string, int> instance_polls_;
  int next_instance_ = 1;
};

}  // namespace chokepoint::test
