// Operation and bucket names in the user's file are checked against the services' operation tables, with the
// nearest valid name as a hint.
#include <catch2/catch.hpp>

#include "app/service_setup.hpp"
#include "config_loading.hpp"

namespace chokepoint {
namespace {

std::string name_errors(std::string_view yaml) {
  const OperationVocabulary vocabulary = operation_vocabulary();
  return test::errors_text(load_config_text(yaml, "t.yaml", &vocabulary));
}

TEST_CASE("config names: a misspelled operation in limits, throttling or faults is an error with a hint", "[config]") {
  CHECK(name_errors("limits:\n"
                    "  - match: {service: ssm}\n"
                    "    buckets:\n"
                    "      GetParamter: {rate: 5}\n") ==
        "t.yaml:4:20: limits[0].buckets.GetParamter: ssm has no operation, group or resource bucket 'GetParamter' "
        "(did you mean 'GetParameter'?)\n");
  CHECK(name_errors("throttling:\n"
                    "  ec2:\n"
                    "    groups:\n"
                    "      - {name: Mine, rate: 1, burst: 1, operations: [DescribeInstance]}\n") ==
        "t.yaml:4:54: throttling.ec2.groups[0].operations[0]: ec2 has no operation 'DescribeInstance' "
        "(did you mean 'DescribeInstances'?)\n");
  CHECK(name_errors("faults:\n"
                    "  - {service: dynamodb, operation: [GetItem, PutIten], error: {code: X, status: 500}}\n") ==
        "t.yaml:2:46: faults[0].operation[1]: dynamodb has no operation 'PutIten' (did you mean 'PutItem'?)\n");
  CHECK(name_errors("limits:\n  - match: {service: ec2}\n    buckets: {resource:RunInstnces: {rate: 1}}\n") ==
        "t.yaml:3:37: limits[0].buckets.resource:RunInstnces: ec2 has no operation, group or resource bucket "
        "'resource:RunInstnces' (did you mean 'resource:RunInstances'?)\n");
  CHECK(name_errors("limits:\n  - buckets: {NoSuchBucket: {rate: 1}}\n") ==
        "t.yaml:2:29: limits[0].buckets.NoSuchBucket: no service has an operation, group or resource bucket "
        "'NoSuchBucket'\n");
}

TEST_CASE("config names: groups, resource buckets, variants, globs and throttled AWS operations are valid", "[config]") {
  CHECK(name_errors("limits:\n"
                    "  - match: {service: ssm}\n"
                    "    buckets: {ParameterReads: {rate: 5}, GetParameter@high_throughput: {rate: 9}}\n"
                    "  - match: {service: ec2}\n"
                    "    buckets: {RunInstances: {enabled: false}, CreateVolume: {rate: 1}, resource:StopInstances: {rate: 1}}\n"
                    "  - buckets: {Reads: {enabled: true}, GetCallerIdentity: {rate: 1}}\n"
                    "throttling:\n"
                    "  dynamodb:\n"
                    "    groups:\n"
                    "      - {name: Reads, rate: 1, burst: 1, operations: [\"Describe*\", ExecuteStatement, GetItem]}\n"
                    "faults:\n"
                    "  - {service: \"*\", operation: Anything, error: {code: X, status: 500}}\n"
                    "  - {service: ec2, operation: \"Describe*\", error: {code: X, status: 500}}\n")
            .empty());
  // The user's groups replace the defaults' whole, so the default group's name is no bucket any more.
  CHECK(name_errors("throttling:\n"
                    "  dynamodb:\n"
                    "    groups: [{name: Reads, rate: 1, burst: 1, operations: [GetItem]}]\n"
                    "limits:\n"
                    "  - buckets: {DataPlane: {enabled: true}}\n") ==
        "t.yaml:5:26: limits[0].buckets.DataPlane: no service has an operation, group or resource bucket "
        "'DataPlane'\n");
}

TEST_CASE("config names: without the services' vocabulary names are not checked", "[config]") {
  CHECK(test::errors_of("limits:\n  - match: {service: ssm}\n    buckets: {GetParamter: {rate: 5}}\n").empty());
}

}  // namespace
}  // namespace chokepoint
