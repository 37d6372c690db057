#include <catch2/catch.hpp>

#include "services/cloudformation/dependency_graph.hpp"
#include "services/cloudformation/resource_provider.hpp"
#include "services/cloudformation/template_checks.hpp"
#include "services/cloudformation/template_document.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {

// The template's ValidationError message, or "" when it is accepted.
std::string problem(const std::string& body) {
  static const ProviderRegistry providers = make_default_providers();
  auto doc = parse_template_document(body);
  if (auto* e = std::get_if<std::string>(&doc)) return *e;
  auto built = build_template(std::get<json>(doc));
  if (auto* e = std::get_if<std::string>(&built)) return *e;
  return check_template(std::get<Template>(built), providers).value_or("");
}

const char* kHandleType = "AWS::CloudFormation::WaitConditionHandle";

}  // namespace

TEST_CASE("a well-formed template passes the checks", "[cloudformation]") {
  CHECK(problem(R"(
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Condition: IsProd
    Properties: {Type: String, Value: !Sub "${Env}-${AWS::StackName}"}
  Table:
    Type: AWS::DynamoDB::Table
    DependsOn: Handle
    Properties: {TableName: !If [IsProd, !Ref Env, !Ref "AWS::NoValue"]}
  Handle: {Type: AWS::CloudFormation::WaitConditionHandle}
Outputs:
  Arn: {Value: !GetAtt Table.Arn, Export: {Name: t-arn}}
)") == "");
}

TEST_CASE("structural template errors use CloudFormation's messages", "[cloudformation]") {
  CHECK(problem("Description: x\n") == "Template format error: At least one Resources member must be defined.");
  CHECK(problem("Resources: {}\n") == "Template format error: At least one Resources member must be defined.");
  CHECK(problem("Resources:\n  A: {Properties: {}}\n") ==
        "Template format error: [/Resources/A] Every Resources object must contain a Type member.");
  CHECK(problem(std::string("Resources:\n  A: {Type: ") + kHandleType + ", Propertes: {}}\n") ==
        "Invalid template resource property 'Propertes'");
  CHECK(problem(std::string("Resourcez: {}\nResources:\n  A: {Type: ") + kHandleType + "}\n") ==
        "Template format error: Invalid template property or properties [Resourcez]");
  CHECK(problem(std::string("Resources:\n  A-b: {Type: ") + kHandleType + "}\n") ==
        "Template format error: Resource name A-b is non alphanumeric.");
  CHECK(problem(std::string("Parameters:\n  P: {Type: Strng}\nResources:\n  A: {Type: ") + kHandleType + "}\n") ==
        "Template format error: Unrecognized parameter type: Strng");
  CHECK(problem(std::string("Resources:\n  A: {Type: ") + kHandleType + "}\nOutputs:\n  O: {Description: x}\n") ==
        "Template format error: Every Outputs member must contain a Value object");
}

TEST_CASE("unknown resource types are rejected together", "[cloudformation]") {
  CHECK(
      problem(
          "Resources:\n  A: {Type: AWS::ECS::Cluster}\n  B: {Type: AWS::Foo::Bar}\n  C: {Type: AWS::ECS::Cluster}\n") ==
      "Template format error: Unrecognized resource types: [AWS::ECS::Cluster, AWS::Foo::Bar]");
}

namespace {
// A caller that reaches the upstream for every service, or for none.
class TemplateChecksUpstream final : public ApiCaller {
 public:
  explicit TemplateChecksUpstream(bool reaches) : reaches_(reaches) {}
  ApiResult call(ApiRequest, TimePoint) override { return ApiResponse{}; }
  bool forwards(const std::string&) const override { return reaches_; }

 private:
  bool reaches_;
};

std::string upstream_problem(const std::string& body, bool upstream) {
  ProviderRegistry providers = make_default_providers();
  const TemplateChecksUpstream caller(upstream);
  providers.set_caller(&caller);
  auto built = build_template(std::get<json>(parse_template_document(body)));
  return check_template(std::get<Template>(built), providers).value_or("");
}
}  // namespace

TEST_CASE("types of services that are not emulated need an upstream; unknown types are named first",
          "[cloudformation]") {
  const std::string forwarded =
      "Resources:\n  A: {Type: AWS::SQS::Queue}\n  B: {Type: AWS::S3::Bucket}\n  C: {Type: AWS::SSM::Parameter, "
      "Properties: {Type: String, Value: v}}\nOutputs:\n  O: {Value: !GetAtt A.QueueUrl}\n";
  CHECK(upstream_problem(forwarded, true).empty());
  CHECK(upstream_problem(forwarded, false) ==
        "Template format error: Resource types [AWS::S3::Bucket, AWS::SQS::Queue] are provisioned through an upstream "
        "emulator and none is configured. Start Chokepoint with --upstream http://HOST:PORT (for example moto_server) "
        "to use them.");
  CHECK(upstream_problem("Resources:\n  A: {Type: AWS::S3::Bucket}\n  B: {Type: AWS::Foo::Bar}\n", false) ==
        "Template format error: Unrecognized resource types: [AWS::Foo::Bar]");
  CHECK(upstream_problem("Resources:\n  A: {Type: AWS::IAM::Role}\nOutputs:\n  O: {Value: !GetAtt A.Nope}\n", true) ==
        "Template error: resource A does not support attribute type Nope in Fn::GetAtt");
}

TEST_CASE("references must resolve and attributes must exist", "[cloudformation]") {
  CHECK(problem("Resources:\n  A:\n    Type: AWS::SSM::Parameter\n    Properties: {Value: !Ref Nope}\n") ==
        "Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template");
  CHECK(problem(std::string("Resources:\n  A: {Type: ") + kHandleType + ", DependsOn: [Ghost]}\n") ==
        "Template format error: Unresolved resource dependencies [Ghost] in the Resources block of the template");
  CHECK(problem("Resources:\n  A:\n    Type: AWS::SSM::Parameter\n    Properties: {Value: !Sub '${Missing.Arn}'}\n") ==
        "Template error: instance of Fn::GetAtt references undefined resource Missing");
  CHECK(problem("Resources:\n  T: {Type: AWS::DynamoDB::Table}\nOutputs:\n  O: {Value: !GetAtt T.Nope}\n") ==
        "Template error: resource T does not support attribute type Nope in Fn::GetAtt");
  CHECK(problem(std::string("Resources:\n  A: {Type: ") + kHandleType + "}\nOutputs:\n  O: {Value: !Ref Gone}\n") ==
        "Unresolved resource dependencies [Gone] in the Outputs block of the template");
  CHECK(problem(std::string("Resources:\n  A: {Type: ") + kHandleType + ", Condition: Nope}\n") ==
        "Template error: unresolved condition dependency Nope in resource A");
  CHECK(problem(std::string("Conditions:\n  C: !Equals [!Ref A, x]\nResources:\n  A: {Type: ") + kHandleType + "}\n") ==
        "Template format error: Unresolved dependencies [A]. Cannot reference resources in the Conditions block of "
        "the template");
}

TEST_CASE("unsupported functions and null values are rejected", "[cloudformation]") {
  CHECK(problem("Resources:\n  A:\n    Type: AWS::SSM::Parameter\n    Properties: {Value: {'Fn::Nope': x}}\n")
            .rfind("Template format error: Encountered unsupported function: Fn::Nope Supported functions are: [", 0) ==
        0);
  CHECK(problem("Resources:\n  A:\n    Type: AWS::SSM::Parameter\n    Properties: {Value: null}\n") ==
        "[/Resources/A/Properties/Value] 'null' values are not allowed in templates");
}

TEST_CASE("dependency cycles are rejected with every resource on them", "[cloudformation]") {
  CHECK(problem(R"(
Resources:
  A: {Type: AWS::SSM::Parameter, Properties: {Value: !GetAtt B.Value}}
  B: {Type: AWS::SSM::Parameter, Properties: {Value: !Sub "${C}"}}
  C: {Type: AWS::SSM::Parameter, DependsOn: A}
  D: {Type: AWS::SSM::Parameter, DependsOn: A}
)") == "Circular dependency between resources: [A, B, C]");
}

TEST_CASE("the dependency graph orders resources and follows chosen Fn::If branches", "[cloudformation]") {
  auto doc = parse_template_document(R"(
Resources:
  A: {Type: AWS::SSM::Parameter, Properties: {Value: !If [C, !Ref B, !Ref D]}}
  B: {Type: AWS::SSM::Parameter}
  D: {Type: AWS::SSM::Parameter, DependsOn: B}
)");
  const Template t = std::get<Template>(build_template(std::get<json>(doc)));
  const DependencyGraph all = resource_graph(t);
  CHECK(all.dependencies("A") == std::set<std::string>{"B", "D"});
  CHECK(all.dependents("B") == std::set<std::string>{"A", "D"});
  const ConditionOracle chosen = [](const std::string&) { return std::optional<bool>(true); };
  CHECK(resource_graph(t, &chosen).dependencies("A") == std::set<std::string>{"B"});
  CHECK(all.cycle_members().empty());
}
