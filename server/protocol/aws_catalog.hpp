#pragma once
// Every AWS service and operation, as botocore's service models describe them (server/protocol/aws_catalog.tsv,
// made by scripts/gen-aws-catalog.py and compiled in). It lets Chokepoint recognise calls for services it does not
// emulate. Built once; read-only afterwards, so any number of threads may read one catalog. Copies are
// independent: the lookups hold indices, not pointers, and the compiled routes are immutable and shared.
#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

class RestRouteIndex;

enum class WireProtocol { kJson, kQuery, kEc2, kRestJson, kRestXml };

struct AwsOperation {
  std::string name;
  std::string method;  // "POST"
  std::string uri;     // the requestUri template, e.g. "/{Bucket}/{Key+}?uploads"
  // REST only: required query keys and (lower-case) header names, which tell apart operations that share a
  // method and URI (S3's PutObject, CopyObject and UploadPart are all PUT /{Bucket}/{Key+}).
  std::vector<std::string> required_query;
  std::vector<std::string> required_headers;
  bool deprecated = false;
};

struct AwsService {
  std::string name;  // botocore's directory name: "s3", "secretsmanager" (the service's config key)
  WireProtocol protocol = WireProtocol::kJson;
  std::string json_version;              // "1.0" / "1.1" for kJson, and for a query service's JSON form
  std::string target_prefix;             // kJson: the X-Amz-Target prefix ("secretsmanager", "TrentService")
  std::string query_json_target_prefix;  // a query service also reachable as JSON ("AmazonSQS"), else empty
  std::string endpoint_prefix, signing_name, api_version, service_id;
  std::vector<AwsOperation> operations;  // sorted by name

  const AwsOperation* find_operation(std::string_view name) const;
  bool is_rest() const { return protocol == WireProtocol::kRestJson || protocol == WireProtocol::kRestXml; }
};

class AwsCatalog {
 public:
  // Parses a table in the format of aws_catalog.tsv. Lines it cannot read are skipped (the committed table is
  // checked by the unit tests, so a bad line is a bug caught there, not a start-up failure).
  explicit AwsCatalog(std::string_view table);

  // The compiled-in table.
  static AwsCatalog built_in();

  const AwsService* by_name(std::string_view name) const;
  // The JSON service with this X-Amz-Target prefix (a query service's JSON prefix too); the first one when
  // several share it.
  const AwsService* by_target_prefix(std::string_view prefix) const;
  // As above, preferring a service that knows `operation` (Timestream's query and write APIs share a prefix).
  const AwsService* by_target_prefix(std::string_view prefix, std::string_view operation) const;
  // Several services may share a signing name (rds, docdb and neptune; s3 and s3control).
  std::vector<const AwsService*> by_signing_name(std::string_view signing_name) const;
  // The first query or EC2 service whose API version is `version`.
  const AwsService* by_api_version_query(std::string_view version) const;
  const std::vector<AwsService>& services() const { return services_; }
  // The compiled requestUri templates of a REST service of this catalog; null for other services.
  const RestRouteIndex* rest_routes(const AwsService& service) const;

 private:
  using Index = std::multimap<std::string, size_t, std::less<>>;
  void build_indexes();

  std::vector<AwsService> services_;
  std::vector<std::shared_ptr<const RestRouteIndex>> routes_;  // parallel to services_; null for non-REST ones
  Index by_name_, by_target_prefix_, by_signing_name_, by_query_version_;
};

// The text of server/protocol/aws_catalog.tsv, compiled in (generated from aws_catalog_table.cpp.in).
std::string_view built_in_aws_catalog_table();

// "json", "query", "ec2", "rest-json", "rest-xml": botocore's names.
std::string_view wire_protocol_name(WireProtocol protocol);

}  // namespace chokepoint
