#pragma once
// What the protocol layer needs to know about a service to route and encode its calls.
#include <string>
#include <unordered_set>

#include "protocol/api_types.hpp"

namespace chokepoint {

enum class RequestIdStyle {
  kUuid,      // 3f1c9d2e-5b7a-4c1e-9f0a-2d4b6c8e0a1b
  kDynamoDb,  // 52 characters of [0-9A-Z]
};

struct ServiceDescriptor {
  std::string name;          // "dynamodb": config key, bucket key, fault matching
  Protocol protocol = Protocol::kJson10;
  std::string json_target_prefix;  // JSON: the X-Amz-Target part before '.', e.g. "DynamoDB_20120810"
  std::string api_version;         // query/EC2: the Version parameter, e.g. "2016-11-15"
  std::string signing_name;        // SigV4 credential scope service, e.g. "ec2"
  std::string xml_namespace;       // query/EC2 response xmlns
  std::string json_error_prefix;   // JSON: prefix for __type, e.g. "com.amazonaws.dynamodb.v20120810#"
  std::string json_frontend_prefix;  // JSON: prefix for front-end errors (UnknownOperation, Serialization)
  RequestIdStyle request_id_style = RequestIdStyle::kUuid;
  bool send_crc32 = false;  // DynamoDB: x-amz-crc32 on every response
  ApiError throttle_error;  // the service's API-rate throttling error
  // The service that owns the endpoint's default front end, as DynamoDB's does: requests with no usable
  // X-Amz-Target land there, the body's Content-Type must be application/json or application/x-amz-json-1.0
  // (anything else is a 404), an empty body is a SerializationException, and responses echo the request's
  // JSON media type.
  bool owns_default_front_end = false;
  std::unordered_set<std::string> operations;  // every operation the service answers
  // A JSON service that used to speak query (the model's awsQueryCompatible trait, e.g. CloudWatch): errors
  // also carry `x-amzn-query-error: <Code>;<Sender|Receiver>`, from which clients take the error code, and
  // requests in the older query form (Action=...&Version=<api_version>) are accepted and answered in query XML.
  bool query_compatible = false;
  // REST-XML: errors are a bare <Error> element with the request id inside, and the request id also goes in
  // x-amz-request-id, as S3 answers (other REST-XML services wrap <Error> in <ErrorResponse>).
  bool bare_xml_errors = false;
  // Operations AWS serves without a signature (their models' noAuth), answered even when unsigned calls are
  // refused, e.g. STS's AssumeRoleWithWebIdentity.
  std::unordered_set<std::string> unsigned_operations;

  bool has_operation(const std::string& op) const { return operations.count(op) != 0; }
  bool serves_unsigned(const std::string& op) const { return unsigned_operations.count(op) != 0; }
};

}  // namespace chokepoint
