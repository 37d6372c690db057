#include <catch2/catch.hpp>
#include <string>

#include "protocol/aws_catalog.hpp"
#include "protocol/rest_route.hpp"

using namespace chokepoint;

namespace {

// Parsed once: the built-in table is half a megabyte, and the catalog is read-only.
const AwsCatalog& catalog_test_built_in() {
  static const AwsCatalog catalog = AwsCatalog::built_in();
  return catalog;
}

size_t catalog_test_operation_count(const AwsCatalog& catalog) {
  size_t n = 0;
  for (const auto& s : catalog.services()) n += s.operations.size();
  return n;
}

}  // namespace

TEST_CASE("The built-in catalog holds every service and operation of its table", "[aws_catalog]") {
  const AwsCatalog& catalog = catalog_test_built_in();
  // The generator states the counts in the table's second line: "# 333 services, 12819 operations."
  const std::string_view table = built_in_aws_catalog_table();
  const auto line = table.substr(table.find('\n') + 1);
  const std::string expected = "# " + std::to_string(catalog.services().size()) + " services, " +
                               std::to_string(catalog_test_operation_count(catalog)) + " operations.";
  CHECK(line.substr(0, expected.size()) == expected);
  CHECK(catalog.services().size() > 300);
  CHECK(catalog_test_operation_count(catalog) > 12000);
}

TEST_CASE("The built-in catalog describes the common services", "[aws_catalog]") {
  const AwsCatalog& catalog = catalog_test_built_in();
  struct Case {
    const char* name;
    WireProtocol protocol;
    const char* json_version;
    const char* target_prefix;
    const char* signing_name;
    const char* api_version;
    const char* operation;
  };
  const Case cases[] = {
      {"s3", WireProtocol::kRestXml, "", "", "s3", "2006-03-01", "PutObject"},
      {"secretsmanager", WireProtocol::kJson, "1.1", "secretsmanager", "secretsmanager", "2017-10-17",
       "GetSecretValue"},
      {"kms", WireProtocol::kJson, "1.1", "TrentService", "kms", "2014-11-01", "Encrypt"},
      {"lambda", WireProtocol::kRestJson, "", "", "lambda", "2015-03-31", "Invoke"},
      {"sqs", WireProtocol::kQuery, "1.0", "", "sqs", "2012-11-05", "SendMessage"},
      {"sns", WireProtocol::kQuery, "", "", "sns", "2010-03-31", "Publish"},
      {"logs", WireProtocol::kJson, "1.1", "Logs_20140328", "logs", "2014-03-28", "PutLogEvents"},
      {"iam", WireProtocol::kQuery, "", "", "iam", "2010-05-08", "CreateRole"},
      {"dynamodb", WireProtocol::kJson, "1.0", "DynamoDB_20120810", "dynamodb", "2012-08-10", "GetItem"},
      {"ec2", WireProtocol::kEc2, "", "", "ec2", "2016-11-15", "DescribeInstances"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    const AwsService* s = catalog.by_name(c.name);
    REQUIRE(s);
    CHECK(s->protocol == c.protocol);
    CHECK(s->json_version == c.json_version);
    CHECK(s->target_prefix == c.target_prefix);
    CHECK(s->signing_name == c.signing_name);
    CHECK(s->api_version == c.api_version);
    CHECK(s->find_operation(c.operation));
    CHECK_FALSE(s->find_operation("NoSuchOperation"));
  }
  CHECK(catalog.by_name("sqs")->query_json_target_prefix == "AmazonSQS");
  CHECK(catalog.by_name("s3")->service_id == "S3");
  const AwsOperation* invoke = catalog.by_name("lambda")->find_operation("Invoke");
  CHECK(invoke->method == "POST");
  CHECK(invoke->uri == "/2015-03-31/functions/{FunctionName}/invocations");
  const AwsOperation* upload_part = catalog.by_name("s3")->find_operation("UploadPart");
  CHECK(upload_part->required_query == std::vector<std::string>{"partNumber", "uploadId"});
  CHECK(catalog.by_name("s3")->find_operation("CopyObject")->required_headers ==
        std::vector<std::string>{"x-amz-copy-source"});
  CHECK(catalog.by_name("s3")->find_operation("GetBucketLifecycle")->deprecated);
  CHECK(catalog.by_name("sqs")->find_operation("SendMessage")->uri == "/");
}

TEST_CASE("Catalog lookups by target prefix, signing name and query version", "[aws_catalog]") {
  const AwsCatalog& catalog = catalog_test_built_in();
  CHECK(catalog.by_target_prefix("TrentService")->name == "kms");
  CHECK(catalog.by_target_prefix("AmazonSQS")->name == "sqs");  // the JSON form of a query service
  CHECK_FALSE(catalog.by_target_prefix("NoSuchPrefix"));
  CHECK_FALSE(catalog.by_target_prefix(""));
  // Timestream's query and write APIs share one prefix: the operation decides.
  CHECK(catalog.by_target_prefix("Timestream_20181101", "Query")->name == "timestream-query");
  CHECK(catalog.by_target_prefix("Timestream_20181101", "WriteRecords")->name == "timestream-write");
  CHECK(catalog.by_target_prefix("Timestream_20181101", "Nothing"));
  CHECK_FALSE(catalog.by_target_prefix("Timestream", "Query"));  // the start of a prefix is not the prefix
  CHECK_FALSE(catalog.by_target_prefix("NoSuchPrefix", "Query"));
  CHECK_FALSE(catalog.by_target_prefix("zzz", "Query"));  // after every prefix

  std::vector<std::string> rds;
  for (const auto* s : catalog.by_signing_name("rds")) rds.push_back(s->name);
  CHECK(rds == std::vector<std::string>{"docdb", "neptune", "rds"});
  CHECK(catalog.by_signing_name("s3").size() == 2);  // s3 and s3control
  CHECK(catalog.by_signing_name("nothing").empty());

  CHECK(catalog.by_api_version_query("2016-11-15")->name == "ec2");
  CHECK(catalog.by_api_version_query("2010-05-15")->name == "cloudformation");
  CHECK_FALSE(catalog.by_api_version_query("2012-08-10"));  // DynamoDB's, a JSON service
}

TEST_CASE("A catalog table: defaults, optional fields, bad lines", "[aws_catalog]") {
  const AwsCatalog catalog(
      "# comment\r\n"
      "\tOrphan\n"  // an operation before any service is skipped
      "alpha\tjson\t1.0\tAlpha_1\talpha\t\t2020-01-01\tAlpha\n"
      "\tZeta\n"
      "\tBeta\r\n"
      "broken\tsoap\n"  // an unknown protocol: the service and its operations are skipped
      "\tLost\n"
      "gamma\trest-xml\t\t\tgamma-ep\tgamma-sign\t2021-02-02\n"
      "\tPut\tPUT\t/{Bucket}/{Key+}\tpartNumber,uploadId\tx-amz-copy-source\tdeprecated\n"
      "\tList\tGET\t/{Bucket}\n"
      "\n");
  REQUIRE(catalog.services().size() == 2);
  const AwsService* alpha = catalog.by_name("alpha");
  REQUIRE(alpha);
  CHECK(alpha->signing_name == "alpha");  // defaults to the endpoint prefix
  CHECK(alpha->service_id == "Alpha");
  REQUIRE(alpha->operations.size() == 2);
  CHECK(alpha->operations[0].name == "Beta");  // sorted by name
  CHECK(alpha->operations[0].method == "POST");
  CHECK(alpha->operations[0].uri == "/");
  CHECK_FALSE(catalog.by_name("broken"));
  const AwsService* gamma = catalog.by_name("gamma");
  REQUIRE(gamma);
  CHECK(gamma->protocol == WireProtocol::kRestXml);
  CHECK(gamma->signing_name == "gamma-sign");
  const AwsOperation* put = gamma->find_operation("Put");
  REQUIRE(put);
  CHECK(put->required_query == std::vector<std::string>{"partNumber", "uploadId"});
  CHECK(put->required_headers == std::vector<std::string>{"x-amz-copy-source"});
  CHECK(put->deprecated);
  CHECK_FALSE(gamma->find_operation("List")->deprecated);
  CHECK(catalog.rest_routes(*gamma));
  CHECK_FALSE(catalog.rest_routes(*alpha));
  CHECK(AwsCatalog("").services().empty());
}

TEST_CASE("A copied catalog stands on its own", "[aws_catalog]") {
  std::optional<AwsCatalog> original(std::in_place,
                                     "s3\trest-xml\t\t\ts3\ts3\t2006-03-01\tS3\n\tGet\tGET\t/{Bucket}\n");
  const AwsCatalog copy = *original;
  const AwsService& foreign = *original->by_name("s3");
  CHECK_FALSE(copy.rest_routes(foreign));  // a service of another catalog
  original.reset();
  const AwsService* s3 = copy.by_name("s3");
  REQUIRE(s3);
  REQUIRE(copy.rest_routes(*s3));
  HttpRequest http;
  const RestRequest request("GET", "/bucket", "", http);
  const auto match = copy.rest_routes(*s3)->match(request);
  REQUIRE(match);
  CHECK(s3->operations[match->operation].name == "Get");
}

TEST_CASE("Protocol names are botocore's", "[aws_catalog]") {
  CHECK(wire_protocol_name(WireProtocol::kJson) == "json");
  CHECK(wire_protocol_name(WireProtocol::kQuery) == "query");
  CHECK(wire_protocol_name(WireProtocol::kEc2) == "ec2");
  CHECK(wire_protocol_name(WireProtocol::kRestJson) == "rest-json");
  CHECK(wire_protocol_name(WireProtocol::kRestXml) == "rest-xml");
}
