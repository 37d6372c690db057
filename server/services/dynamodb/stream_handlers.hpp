#pragma once
// DynamoDB Streams' operations (DynamoDBStreams_20120810): handlers and input shapes. They run on the same
// DynamoCall as DynamoDB's handlers: the caller's tables, whose streams they read.
#include "protocol/api_types.hpp"
#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/shape_builder.hpp"

namespace chokepoint {

ApiResult list_streams(DynamoCall& call);
ApiResult describe_stream(DynamoCall& call);
ApiResult get_shard_iterator(DynamoCall& call);  // stream_reads.cpp
ApiResult get_records(DynamoCall& call);         // stream_reads.cpp

Shape* list_streams_input(ShapeBuilder& b);
Shape* describe_stream_input(ShapeBuilder& b);
Shape* get_shard_iterator_input(ShapeBuilder& b);
Shape* get_records_input(ShapeBuilder& b);

}  // namespace chokepoint
