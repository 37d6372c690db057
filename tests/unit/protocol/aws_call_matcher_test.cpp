#include <catch2/catch.hpp>
#include <string>

#include "protocol/aws_call_matcher.hpp"

using namespace chokepoint;

namespace {

const AwsCatalog& matcher_test_catalog() {
  static const AwsCatalog catalog = AwsCatalog::built_in();
  return catalog;
}

HttpRequest matcher_test_request(std::string method, std::string target, HeaderList headers = {},
                                 std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

// The operation a request is recognised as, "service.Operation", or "-" when it is not recognised.
std::string matcher_test_name(const HttpRequest& request, std::string_view scope) {
  const auto call = recognise_call(request, matcher_test_catalog(), scope);
  return call ? call->service->name + "." + call->operation : "-";
}

std::string s3_call(std::string method, std::string target, HeaderList headers = {}) {
  return matcher_test_name(matcher_test_request(std::move(method), std::move(target), std::move(headers)), "s3");
}

using Labels = std::vector<std::pair<std::string, std::string>>;

Labels matcher_test_labels(const HttpRequest& request, std::string_view scope) {
  const auto call = recognise_call(request, matcher_test_catalog(), scope);
  return call ? call->labels : Labels{{"-", "-"}};
}

}  // namespace

TEST_CASE("S3 path-style operations", "[aws_catalog][matcher]") {
  CHECK(s3_call("GET", "/") == "s3.ListBuckets");
  CHECK(s3_call("PUT", "/b") == "s3.CreateBucket");
  CHECK(s3_call("HEAD", "/b") == "s3.HeadBucket");
  CHECK(s3_call("DELETE", "/b") == "s3.DeleteBucket");
  CHECK(s3_call("GET", "/b") == "s3.ListObjects");
  CHECK(s3_call("GET", "/b/") == "s3.ListObjects");
  CHECK(s3_call("GET", "/b?list-type=2&prefix=a%2F") == "s3.ListObjectsV2");
  CHECK(s3_call("GET", "/b?list-type=1") == "s3.ListObjects");  // the template asks for list-type=2 exactly
  CHECK(s3_call("GET", "/b?location") == "s3.GetBucketLocation");
  CHECK(s3_call("GET", "/b?versions") == "s3.ListObjectVersions");
  CHECK(s3_call("GET", "/b?uploads") == "s3.ListMultipartUploads");
  CHECK(s3_call("PUT", "/b/k") == "s3.PutObject");
  CHECK(s3_call("GET", "/b/k") == "s3.GetObject");
  CHECK(s3_call("GET", "/b/k?x-id=GetObject") == "s3.GetObject");  // newer SDKs add x-id
  CHECK(s3_call("HEAD", "/b/k") == "s3.HeadObject");
  CHECK(s3_call("DELETE", "/b/k") == "s3.DeleteObject");
  CHECK(s3_call("POST", "/b?delete") == "s3.DeleteObjects");
  CHECK(s3_call("POST", "/b/k?uploads") == "s3.CreateMultipartUpload");
  CHECK(s3_call("PUT", "/b/k?partNumber=1&uploadId=x") == "s3.UploadPart");
  CHECK(s3_call("POST", "/b/k?uploadId=x") == "s3.CompleteMultipartUpload");
  CHECK(s3_call("DELETE", "/b/k?uploadId=x") == "s3.AbortMultipartUpload");
  CHECK(s3_call("GET", "/b/k?uploadId=x") == "s3.ListParts");
  CHECK(s3_call("PUT", "/b/k", {{"x-amz-copy-source", "/src/key"}}) == "s3.CopyObject");
  CHECK(s3_call("PUT", "/b/k?partNumber=2&uploadId=x", {{"x-amz-copy-source", "/src/key"}}) == "s3.UploadPartCopy");
  CHECK(s3_call("GET", "/b/k?tagging") == "s3.GetObjectTagging");
  CHECK(s3_call("PUT", "/b?tagging") == "s3.PutBucketTagging");
  // Two operations share GET /{Bucket}?analytics: the required id tells Get from List.
  CHECK(s3_call("GET", "/b?analytics") == "s3.ListBucketAnalyticsConfigurations");
  CHECK(s3_call("GET", "/b?analytics&id=a") == "s3.GetBucketAnalyticsConfiguration");
  // A deprecated operation loses to its successor on the same URI.
  CHECK(s3_call("GET", "/b?lifecycle") == "s3.GetBucketLifecycleConfiguration");
  CHECK(s3_call("PUT", "/b?notification") == "s3.PutBucketNotificationConfiguration");
}

TEST_CASE("S3 keys keep their slashes and are percent-decoded", "[aws_catalog][matcher]") {
  const auto labels = matcher_test_labels(matcher_test_request("GET", "/my-bucket/dir/sub/a%20b%2Bc+d.txt"), "s3");
  CHECK(labels == Labels{{"Bucket", "my-bucket"}, {"Key", "dir/sub/a b+c+d.txt"}});
  CHECK(matcher_test_labels(matcher_test_request("PUT", "/b/dir/"), "s3") == Labels{{"Bucket", "b"}, {"Key", "dir/"}});
  CHECK(matcher_test_labels(matcher_test_request("GET", "/b//k"), "s3") == Labels{{"Bucket", "b"}, {"Key", "/k"}});
  CHECK(matcher_test_labels(matcher_test_request("GET", "/b/a%2Fb.txt"), "s3") ==
        Labels{{"Bucket", "b"}, {"Key", "a/b.txt"}});
  // A bad escape does not hide the route: the key is kept as sent.
  CHECK(matcher_test_labels(matcher_test_request("GET", "/b/100%"), "s3") == Labels{{"Bucket", "b"}, {"Key", "100%"}});
  CHECK(matcher_test_labels(matcher_test_request("GET", "/b"), "s3") == Labels{{"Bucket", "b"}});
  CHECK(matcher_test_labels(matcher_test_request("GET", "/"), "s3").empty());
}

TEST_CASE("Unsigned REST calls are S3's", "[aws_catalog][matcher]") {
  CHECK(matcher_test_name(matcher_test_request("GET", "/b/k"), "") == "s3.GetObject");
  CHECK(matcher_test_name(matcher_test_request("GET", "/2015-03-31/functions/"), "") == "s3.GetObject");
}

TEST_CASE("S3 virtual-hosted style", "[aws_catalog][matcher]") {
  struct Case {
    const char* host;
    const char* method;
    const char* target;
    const char* operation;
    Labels labels;
  };
  const Case cases[] = {
      {"bucket.localhost:4566", "GET", "/", "s3.ListObjects", {{"Bucket", "bucket"}}},
      {"bucket.localhost:4566", "GET", "/?list-type=2", "s3.ListObjectsV2", {{"Bucket", "bucket"}}},
      {"bucket.localhost", "PUT", "/dir/k.txt", "s3.PutObject", {{"Bucket", "bucket"}, {"Key", "dir/k.txt"}}},
      {"my.dotted.bucket.localhost:4566", "HEAD", "/", "s3.HeadBucket", {{"Bucket", "my.dotted.bucket"}}},
      {"bucket.s3.localhost.localstack.cloud:4566", "GET", "/k", "s3.GetObject", {{"Bucket", "bucket"}, {"Key", "k"}}},
      {"bucket.localhost.localstack.cloud", "DELETE", "/k", "s3.DeleteObject", {{"Bucket", "bucket"}, {"Key", "k"}}},
      {"bucket.s3.amazonaws.com", "POST", "/?delete", "s3.DeleteObjects", {{"Bucket", "bucket"}}},
      {"bucket.s3.eu-west-1.amazonaws.com", "GET", "/?location", "s3.GetBucketLocation", {{"Bucket", "bucket"}}},
      {"bucket.s3-us-west-2.amazonaws.com",
       "POST",
       "/k?uploads",
       "s3.CreateMultipartUpload",
       {{"Bucket", "bucket"}, {"Key", "k"}}},
      // Path-style hosts.
      {"s3.localhost.localstack.cloud:4566", "GET", "/", "s3.ListBuckets", {}},
      {"localhost:4566", "GET", "/", "s3.ListBuckets", {}},
      {"127.0.0.1:4566", "PUT", "/b", "s3.CreateBucket", {{"Bucket", "b"}}},
      {"s3.amazonaws.com", "PUT", "/b", "s3.CreateBucket", {{"Bucket", "b"}}},
      {"s3.us-east-1.amazonaws.com", "GET", "/b/k", "s3.GetObject", {{"Bucket", "b"}, {"Key", "k"}}},
      {"[::1]:4566", "GET", "/", "s3.ListBuckets", {}},
  };
  for (const auto& c : cases) {
    INFO(c.host << " " << c.method << " " << c.target);
    const auto request = matcher_test_request(c.method, c.target, {{"host", c.host}});
    CHECK(matcher_test_name(request, "s3") == c.operation);
    CHECK(matcher_test_labels(request, "s3") == c.labels);
    CHECK(matcher_test_name(request, "") == c.operation);
  }
}

TEST_CASE("S3 Control shares S3's signing name and wins on its own paths", "[aws_catalog][matcher]") {
  const auto request =
      matcher_test_request("GET", "/v20180820/jobs", {{"x-amz-account-id", "123456789012"}, {"host", "localhost"}});
  CHECK(matcher_test_name(request, "s3") == "s3control.ListJobs");
  // SDKs put S3 Control's account id in front of the host, where a bucket would be: the path still decides.
  const auto prefixed = matcher_test_request(
      "GET", "/v20180820/jobs",
      {{"x-amz-account-id", "123456789012"}, {"host", "123456789012.s3-control.localhost.localstack.cloud:4566"}});
  CHECK(matcher_test_name(prefixed, "s3") == "s3control.ListJobs");
  CHECK(matcher_test_name(matcher_test_request("GET", "/v2/jobs", {{"host", "b.localhost"}}), "s3") == "s3.GetObject");
}

TEST_CASE("Lambda REST-JSON operations", "[aws_catalog][matcher]") {
  auto lambda = [](std::string method, std::string target) {
    return matcher_test_name(matcher_test_request(std::move(method), std::move(target)), "lambda");
  };
  CHECK(lambda("POST", "/2015-03-31/functions/my-fn/invocations") == "lambda.Invoke");
  CHECK(lambda("GET", "/2015-03-31/functions/") == "lambda.ListFunctions");
  CHECK(lambda("GET", "/2015-03-31/functions") == "lambda.ListFunctions");
  CHECK(lambda("GET", "/2015-03-31/functions/?MaxItems=10") == "lambda.ListFunctions");
  CHECK(lambda("GET", "/2015-03-31/functions/my-fn") == "lambda.GetFunction");
  CHECK(lambda("GET", "/2015-03-31/functions/my-fn/configuration") == "lambda.GetFunctionConfiguration");
  CHECK(lambda("DELETE", "/2015-03-31/functions/my-fn") == "lambda.DeleteFunction");
  CHECK(lambda("POST", "/2015-03-31/functions") == "lambda.CreateFunction");
  const auto arn = matcher_test_labels(
      matcher_test_request("POST",
                           "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A1%3Afunction%3Af/invocations"),
      "lambda");
  CHECK(arn == Labels{{"FunctionName", "arn:aws:lambda:us-east-1:1:function:f"}});
  const auto call =
      recognise_call(matcher_test_request("GET", "/2015-03-31/functions/f"), matcher_test_catalog(), "lambda");
  REQUIRE(call);
  CHECK(call->protocol == WireProtocol::kRestJson);
  CHECK(call->known_operation);
}

TEST_CASE("Query calls: by signing name, else by Version", "[aws_catalog][matcher]") {
  const HeaderList form{{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
  auto query = [&](std::string body, std::string_view scope) {
    return matcher_test_name(matcher_test_request("POST", "/", form, std::move(body)), scope);
  };
  CHECK(query("Action=Publish&Version=2010-03-31&TopicArn=t&Message=m", "sns") == "sns.Publish");
  CHECK(query("Action=Publish&Version=2010-03-31", "") == "sns.Publish");
  CHECK(query("Action=CreateRole&Version=2010-05-08&RoleName=r", "iam") == "iam.CreateRole");
  CHECK(query("Action=GetCallerIdentity&Version=2011-06-15", "sts") == "sts.GetCallerIdentity");
  CHECK(query("Action=GetCallerIdentity&Version=2011-06-15", "") == "sts.GetCallerIdentity");
  CHECK(query("Action=SendMessage&Version=2012-11-05&QueueUrl=q&MessageBody=m", "sqs") == "sqs.SendMessage");
  CHECK(query("Action=DescribeInstances&Version=2016-11-15", "ec2") == "ec2.DescribeInstances");
  // rds, docdb and neptune sign as rds and share a Version; elb and elbv2 share a signing name.
  CHECK(query("Action=DescribeDBInstances&Version=2014-10-31", "rds") == "rds.DescribeDBInstances");
  CHECK(query("Action=DescribeLoadBalancers&Version=2015-12-01", "elasticloadbalancing") ==
        "elbv2.DescribeLoadBalancers");
  CHECK(query("Action=DescribeLoadBalancers&Version=2012-06-01", "elasticloadbalancing") ==
        "elb.DescribeLoadBalancers");
  // ses and elasticbeanstalk share a Version: the action decides.
  CHECK(query("Action=SendEmail&Version=2010-12-01", "") == "ses.SendEmail");
  CHECK(query("Action=CreateApplication&Version=2010-12-01", "") == "elasticbeanstalk.CreateApplication");
  // An unknown Version and no scope: no service.
  CHECK(query("Action=Publish&Version=1999-01-01", "") == "-");
  // The action in the query string (a GET, or a presigned URL).
  CHECK(matcher_test_name(matcher_test_request("GET", "/?Action=GetCallerIdentity&Version=2011-06-15"), "") ==
        "sts.GetCallerIdentity");

  const auto call = recognise_call(matcher_test_request("POST", "/", form, "Action=NoSuchThing&Version=2010-03-31"),
                                   matcher_test_catalog(), "sns");
  REQUIRE(call);
  CHECK(call->service->name == "sns");
  CHECK(call->operation == "NoSuchThing");
  CHECK_FALSE(call->known_operation);
  CHECK(call->protocol == WireProtocol::kQuery);
  const auto ec2 = recognise_call(matcher_test_request("POST", "/", form, "Action=RunInstances&Version=2016-11-15"),
                                  matcher_test_catalog(), "ec2");
  REQUIRE(ec2);
  CHECK(ec2->protocol == WireProtocol::kEc2);
}

TEST_CASE("JSON calls by X-Amz-Target", "[aws_catalog][matcher]") {
  auto json = [](std::string target) {
    return recognise_call(
        matcher_test_request(
            "POST", "/", {{"x-amz-target", std::move(target)}, {"content-type", "application/x-amz-json-1.1"}}, "{}"),
        matcher_test_catalog(), "");
  };
  struct Case {
    const char* target;
    const char* service;
    const char* operation;
  };
  const Case cases[] = {
      {"AmazonSQS.SendMessage", "sqs", "SendMessage"},
      {"TrentService.Encrypt", "kms", "Encrypt"},
      {"secretsmanager.GetSecretValue", "secretsmanager", "GetSecretValue"},
      {"Logs_20140328.PutLogEvents", "logs", "PutLogEvents"},
      {"DynamoDB_20120810.GetItem", "dynamodb", "GetItem"},
      {"com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents", "cloudtrail", "LookupEvents"},
  };
  for (const auto& c : cases) {
    INFO(c.target);
    const auto call = json(c.target);
    REQUIRE(call);
    CHECK(call->service->name == c.service);
    CHECK(call->operation == c.operation);
    CHECK(call->known_operation);
    CHECK(call->protocol == WireProtocol::kJson);  // SQS too, when it arrives as JSON
    CHECK(call->labels.empty());
  }
  const auto unknown_op = json("TrentService.MakeCoffee");
  REQUIRE(unknown_op);
  CHECK(unknown_op->service->name == "kms");
  CHECK(unknown_op->operation == "MakeCoffee");
  CHECK_FALSE(unknown_op->known_operation);
  CHECK_FALSE(json("NoSuchService_20200101.GetThing"));
  CHECK_FALSE(json("TrentService."));
  CHECK_FALSE(json(".Encrypt"));
  CHECK_FALSE(json("TrentService"));
  CHECK_FALSE(json(""));
}

TEST_CASE("Calls that fit nothing are not recognised", "[aws_catalog][matcher]") {
  CHECK(s3_call("PATCH", "/b/k") == "-");
  CHECK(s3_call("get", "/b/k") == "-");
  CHECK(s3_call("GET", "") == "-");
  CHECK(s3_call("GET", "*") == "-");
  CHECK(s3_call("GET", "http://host/b/k") == "-");
  CHECK(s3_call("POST", "/") == "-");
  CHECK(s3_call("PUT", "/") == "-");
  CHECK(matcher_test_name(matcher_test_request("GET", "/nothing/here"), "lambda") == "-");
  CHECK(matcher_test_name(matcher_test_request("GET", "/2015-03-31/functions/f/g/h/i"), "lambda") == "-");
  CHECK(matcher_test_name(matcher_test_request("GET", "/b/k"), "no-such-service") == "-");
  // A JSON service's signing name without X-Amz-Target: no REST service to fit.
  CHECK(matcher_test_name(matcher_test_request("POST", "/"), "kms") == "-");
  // An empty Action is no query call; the path is then tried as REST.
  CHECK(matcher_test_name(matcher_test_request("GET", "/?Action="), "sns") == "-");
}
