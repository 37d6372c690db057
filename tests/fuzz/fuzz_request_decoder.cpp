// Service routing and JSON/form request decoding. The first byte picks the request's shape; the rest is body.
#include <cstdint>
#include <string>

#include "protocol/request_decoder.hpp"

using namespace chokepoint;

namespace {
struct Catalog {
  ServiceDescriptor json10, json11, ec2, query;
  ServiceCatalog catalog;
  Catalog() {
    json10 = {.name = "dynamodb", .protocol = Protocol::kJson10, .json_target_prefix = "DynamoDB_20120810"};
    json10.operations = {"GetItem", "PutItem"};
    json11 = {.name = "ssm", .protocol = Protocol::kJson11, .json_target_prefix = "AmazonSSM"};
    json11.operations = {"GetParameter"};
    ec2 = {.name = "ec2", .protocol = Protocol::kEc2, .api_version = "2016-11-15", .signing_name = "ec2"};
    ec2.operations = {"DescribeInstances"};
    query = {.name = "cloudformation", .protocol = Protocol::kQuery, .api_version = "2010-05-15"};
    query.operations = {"CreateStack"};
    for (auto* d : {&json10, &json11, &ec2, &query}) catalog.add(*d);
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Catalog catalog;  // read-only fixture shared by iterations
  if (size == 0) return 0;
  HttpRequest request;
  request.method = "POST";
  request.target = "/";
  request.body.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 4) {
    case 0: request.headers = {{"x-amz-target", "DynamoDB_20120810.GetItem"}}; break;
    case 1: request.headers = {{"x-amz-target", "AmazonSSM.GetParameter"}}; break;
    case 2: request.headers = {{"content-type", "application/x-www-form-urlencoded"}}; break;
    default: request.target = "/?" + request.body; request.method = "GET"; break;
  }
  (void)decode_request(request, catalog.catalog, data[0] & 4 ? "ec2" : "");
  return 0;
}
