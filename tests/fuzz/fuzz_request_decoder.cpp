// Service routing and JSON/form request decoding. The first byte picks the request's shape; the rest is body.
#include <cstdint>
#include <string>
#include <initializer_list>

// GCC 12 at -O3 reports impossible overlaps in std::string copies inlined here (a known false positive).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wrestrict"
#endif

#include "protocol/request_decoder.hpp"

using namespace chokepoint;

namespace {
void describe(ServiceDescriptor& d, const char* name, Protocol protocol, std::initializer_list<const char*> operations) {
  d.name = name;
  d.protocol = protocol;
  for (const char* op : operations) d.operations.insert(op);
}

struct Catalog {
  ServiceDescriptor json10, json11, ec2, query;
  ServiceCatalog catalog;
  Catalog() {
    describe(json10, "dynamodb", Protocol::kJson10, {"GetItem", "PutItem"});
    json10.json_target_prefix = "DynamoDB_20120810";
    describe(json11, "ssm", Protocol::kJson11, {"GetParameter"});
    json11.json_target_prefix = "AmazonSSM";
    describe(ec2, "ec2", Protocol::kEc2, {"DescribeInstances"});
    ec2.api_version = "2016-11-15";
    ec2.signing_name = "ec2";
    describe(query, "cloudformation", Protocol::kQuery, {"CreateStack"});
    query.api_version = "2010-05-15";
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
