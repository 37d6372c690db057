#include "services/dynamodb/streams_service.hpp"

#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"
#include "services/dynamodb/stream_handlers.hpp"
#include "services/dynamodb/stream_iterator.hpp"

namespace chokepoint {

namespace {

ServiceDescriptor streams_descriptor() {
  ServiceDescriptor d;
  d.name = std::string(kDynamoDbStreamsName);
  d.protocol = Protocol::kJson10;
  d.json_target_prefix = "DynamoDBStreams_20120810";
  d.signing_name = "dynamodb";
  d.json_error_prefix = "com.amazonaws.dynamodb.v20120810#";
  d.json_frontend_prefix = "com.amazon.coral.service#";
  d.request_id_style = RequestIdStyle::kDynamoDb;
  d.send_crc32 = true;
  // Unconfirmed: AWS documents the control-plane rates (DescribeStream 10/s, ListStreams 5/s) but not the error
  // beyond them; DynamoDB's front end answers ThrottlingException "Rate exceeded" for its own control plane.
  d.throttle_error = make_error("ThrottlingException", "Rate exceeded");
  d.throttle_error.json_type = "com.amazon.coral.availability#ThrottlingException";
  return d;
}

std::string stream_of(const nlohmann::json& params) {
  return param_str(params, "StreamArn");
}

// GetRecords addresses the shard its iterator names: its rate bucket is the shard's.
std::string shard_of_iterator(const nlohmann::json& params) {
  const auto iterator = decode_shard_iterator(param_str(params, "ShardIterator"));
  return iterator ? iterator->shard_id : std::string();
}

std::string table_of(const nlohmann::json& params) {
  return param_str(params, "TableName");
}

}  // namespace

std::vector<DynamoOperationTable::Entry> dynamodb_streams_operations() {
  // The groups of `throttling.streams.dynamodb` in config/default.yaml.
  constexpr Plane kControl = Plane::kControl;
  return {
      // name, bucket, plane, changes durable state, resource; handler, input shape
      {{"ListStreams", "ListStreams", kControl, false, table_of}, {list_streams, list_streams_input}},
      {{"DescribeStream", "DescribeStream", kControl, false, stream_of}, {describe_stream, describe_stream_input}},
      {{"GetShardIterator", kDefaultBucket, kControl, false, stream_of},
       {get_shard_iterator, get_shard_iterator_input}},
      {{"GetRecords", "GetRecords", Plane::kDataRead, false, shard_of_iterator}, {get_records, get_records_input}},
  };
}

DynamoDbStreamsService::DynamoDbStreamsService(DynamoDbService& dynamodb)
    : dynamodb_(dynamodb), descriptor_(streams_descriptor()), operations_(dynamodb_streams_operations()) {
  list_operations(descriptor_, operations_);
  for (const auto& op : operations_.entries()) shapes_.add(op.traits.name, op.handler.input, false);
}

ApiResult DynamoDbStreamsService::handle(const ApiRequest& request, CallContext& ctx) {
  const DynamoOperationTable::Entry* operation = operations_.find(request.operation);
  if (!operation) return unknown_operation(request.operation);
  if (const OperationShape* shape = shapes_.find(request.operation)) {
    if (auto e = input_error(*shape, request.params)) return *e;
  }
  auto tables = dynamodb_.region_tables(request.identity, ctx);
  DynamoCall call{request.params,
                  request.identity.account_id,
                  request.identity.region,
                  ctx.now,
                  ctx.config,
                  ctx.ids,
                  *tables,
                  tables->tokens,
                  {}};
  return operation->handler.run(call);
}

ApiError DynamoDbStreamsService::throttle_error(const ApiRequest& request, const CallContext& /*ctx*/) const {
  if (request.operation != "GetRecords") return descriptor_.throttle_error;
  // GetRecords' modelled throttling error (botocore dynamodbstreams GetRecords errors); botocore's standard and
  // adaptive retry modes and the JS SDK treat LimitExceededException as throttling (reference 2.3, 2.6). The
  // message follows the shard-level wording Kinesis uses for the same limit (unconfirmed for DynamoDB Streams).
  const auto iterator = decode_shard_iterator(param_str(request.params, "ShardIterator"));
  const ShardIterator at = iterator.value_or(ShardIterator{});
  return dynamodb_errors::limit_exceeded("Rate exceeded for shard " + at.shard_id + " in stream " + at.stream_arn +
                                         " under account " + request.identity.account_id + ".");
}

}  // namespace chokepoint
