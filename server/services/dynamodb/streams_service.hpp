#pragma once
// DynamoDB Streams (JSON 1.0, DynamoDBStreams_20120810, signed as "dynamodb"; host streams.dynamodb.<region>):
// the reading side of the tables' streams, which DynamoDbService's tables keep (stream_log.hpp). A front end
// of its own, with its own operations, rate limits (`throttling.streams.dynamodb`) and throttling errors, over
// DynamoDB's state. Thread-safe as DynamoDbService is: handlers read-lock the table they read.
#include <string_view>
#include <vector>

#include "services/dynamodb/dynamodb_operations.hpp"
#include "services/dynamodb/dynamodb_service.hpp"
#include "services/service.hpp"

namespace chokepoint {

// The service's key: its endpoint prefix, as in its host name (config, buckets, fault rules).
inline constexpr std::string_view kDynamoDbStreamsName = "streams.dynamodb";

std::vector<DynamoOperationTable::Entry> dynamodb_streams_operations();

class DynamoDbStreamsService final : public Service {
 public:
  explicit DynamoDbStreamsService(DynamoDbService& dynamodb);

  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  // GetRecords beyond its per-shard rate gets LimitExceededException, the error the model lists for it; the
  // other operations get the front end's ThrottlingException.
  ApiError throttle_error(const ApiRequest& request, const CallContext& ctx) const override;
  // The streams live in DynamoDB's tables: DynamoDB's reset clears them.

 private:
  DynamoDbService& dynamodb_;
  ServiceDescriptor descriptor_;
  DynamoOperationTable operations_;
  OperationShapes shapes_;
};

}  // namespace chokepoint
