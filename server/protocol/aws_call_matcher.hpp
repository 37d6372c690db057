#pragma once
// Recognises any AWS call, emulated or not, from the catalog of botocore's service models:
//   X-Amz-Target: <prefix>.<Op>                 -> the JSON service with that prefix (SQS's AmazonSQS too)
//   form body or query string with Action=<Op>  -> the query/EC2 service with the SigV4 scope's signing name,
//                                                  else with the call's Version
//   anything else                               -> REST: the REST services with the scope's signing name (S3 when
//                                                  the call is unsigned), by method, path and query; S3 also in
//                                                  virtual-hosted style (protocol/s3_virtual_host.hpp); the
//                                                  most specific template wins across those services, so S3
//                                                  Control's /v20180820/... beats an S3 key of that name
// Reads only the catalog, which must outlive the result. Never throws on any request.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/http_message.hpp"
#include "protocol/aws_catalog.hpp"

namespace chokepoint {

struct RecognisedCall {
  const AwsService* service = nullptr;  // never null in a returned value
  // The operation's model name; for JSON and query calls the name the request gave, even when the model lacks
  // it (then known_operation is false).
  std::string operation;
  bool known_operation = false;
  WireProtocol protocol = WireProtocol::kJson;  // how the call arrived (SQS may arrive as JSON or query)
  // REST path labels, percent-decoded: {"Bucket","b"},{"Key","a/b.txt"}; virtual-hosted S3 puts Bucket here too.
  std::vector<std::pair<std::string, std::string>> labels;
};

// `scope_service` is the SigV4 credential scope's service (a signing name), from the Authorization header or a
// presigned X-Amz-Credential; empty when the call is unsigned. nullopt when no service or REST operation fits.
std::optional<RecognisedCall> recognise_call(const HttpRequest& request, const AwsCatalog& catalog,
                                             std::string_view scope_service);

}  // namespace chokepoint
