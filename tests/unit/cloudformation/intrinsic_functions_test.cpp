#include <catch2/catch.hpp>

#include "services/cloudformation/intrinsic_functions.hpp"
#include "services/cloudformation/template_document.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {

struct Scope {
  std::map<std::string, json> parameters = {{"Env", "prod"},
                                            {"Subnets", json::array({"s-1", "s-2"})},
                                            {"AWS::Region", "eu-west-1"},
                                            {"AWS::StackName", "web"}};
  json mappings = {{"Sizes", {{"prod", {{"Type", "m5.large"}}}}}};
  std::map<std::string, bool> conditions = {{"IsProd", true}, {"IsDev", false}};
  EvalContext ctx;

  Scope() {
    ctx.parameters = &parameters;
    ctx.mappings = &mappings;
    ctx.condition = [this](const std::string& name) {
      if (!conditions.count(name)) throw TemplateError("unknown condition " + name);
      return conditions.at(name);
    };
    ctx.ref = [](const std::string& id) -> std::optional<json> {
      if (id == "Table") return json("orders");
      return std::nullopt;
    };
    ctx.attribute = [](const std::string& id, const std::string& name) -> std::optional<json> {
      if (id == "Table" && name == "Arn") return json("arn:aws:dynamodb:eu-west-1:1:table/orders");
      if (id == "Child" && name == "Outputs.Url") return json("http://x");
      return std::nullopt;
    };
    ctx.import_value = [](const std::string& name) -> std::optional<std::string> {
      if (name == "shared-vpc") return "vpc-9";
      return std::nullopt;
    };
    ctx.zones = [](const std::string& region) {
      return region.empty() || region == "eu-west-1" ? std::vector<std::string>{"eu-west-1a", "eu-west-1b"}
                                                     : std::vector<std::string>{};
    };
  }

  json eval(const std::string& yaml) {
    auto doc = parse_template_document("V: " + yaml);
    REQUIRE(std::holds_alternative<json>(doc));
    auto v = evaluate(std::get<json>(doc)["V"], ctx);
    return v ? *v : json("<no value>");
  }

  std::string error(const std::string& yaml) {
    try {
      eval(yaml);
    } catch (const TemplateError& e) {
      return e.what();
    }
    FAIL("no error for " << yaml);
    return "";
  }
};

}  // namespace

TEST_CASE("Ref yields parameters, pseudo parameters and resources", "[cloudformation]") {
  Scope s;
  CHECK(s.eval("!Ref Env") == "prod");
  CHECK(s.eval("!Ref AWS::Region") == "eu-west-1");
  CHECK(s.eval("!Ref Subnets") == json::array({"s-1", "s-2"}));
  CHECK(s.eval("!Ref Table") == "orders");
  CHECK(s.error("!Ref Missing") ==
        "Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template");
}

TEST_CASE("Fn::GetAtt reads resource attributes, including nested stack outputs", "[cloudformation]") {
  Scope s;
  CHECK(s.eval("!GetAtt Table.Arn") == "arn:aws:dynamodb:eu-west-1:1:table/orders");
  CHECK(s.eval("!GetAtt [Child, Outputs.Url]") == "http://x");
  CHECK(s.error("!GetAtt Table.Nope") ==
        "Template error: resource Table does not support attribute type Nope in Fn::GetAtt");
  CHECK(s.error("!GetAtt [Table]")
            .rfind("Template error: every Fn::GetAtt object requires two non-empty parameters", 0) == 0);
}

TEST_CASE("Fn::Sub substitutes variables, attributes and local maps, and keeps ${!literals}", "[cloudformation]") {
  Scope s;
  CHECK(s.eval("!Sub '${AWS::StackName}-${Env}-${Table}'") == "web-prod-orders");
  CHECK(s.eval("!Sub '${Table.Arn}/index'") == "arn:aws:dynamodb:eu-west-1:1:table/orders/index");
  CHECK(s.eval("!Sub ['${A}-${Env}', {A: !Ref Table}]") == "orders-prod");
  CHECK(s.eval("!Sub 'cost ${!Literal} ${Env}'") == "cost ${Literal} prod");
  CHECK(s.error("!Sub '${Nope}'").find("Unresolved resource dependencies [Nope]") != std::string::npos);
}

TEST_CASE("Fn::Join, Fn::Select, Fn::Split, Fn::FindInMap, Fn::Base64, Fn::GetAZs, Fn::Cidr", "[cloudformation]") {
  Scope s;
  CHECK(s.eval("!Join ['-', [a, !Ref Env, 3]]") == "a-prod-3");
  CHECK(s.eval("!Join [',', !Ref Subnets]") == "s-1,s-2");
  CHECK(s.eval("!Select [1, !Ref Subnets]") == "s-2");
  CHECK(s.eval("!Select ['0', !GetAZs '']") == "eu-west-1a");
  CHECK(s.error("!Select [5, !Ref Subnets]") ==
        "Template error: Fn::Select cannot select nonexistent value at index 5");
  CHECK(s.eval("!Split [',', 'a,b,,c']") == json::array({"a", "b", "", "c"}));
  CHECK(s.eval("!FindInMap [Sizes, !Ref Env, Type]") == "m5.large");
  CHECK(s.error("!FindInMap [Sizes, dev, Type]") == "Template error: Unable to get mapping for Sizes::dev::Type");
  CHECK(s.eval("!Base64 'hello'") == "aGVsbG8=");
  CHECK(s.eval("!GetAZs eu-west-1") == json::array({"eu-west-1a", "eu-west-1b"}));
  CHECK(s.eval("!Cidr ['10.0.0.0/16', 3, 8]") == json::array({"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}));
  CHECK(
      s.error("!Join [',', 'not a list']").rfind("Template error: every Fn::Join object requires two parameters", 0) ==
      0);
}

TEST_CASE("conditions: Fn::If picks a branch, AWS::NoValue removes properties", "[cloudformation]") {
  Scope s;
  CHECK(s.eval("!If [IsProd, big, small]") == "big");
  CHECK(s.eval("!If [IsDev, big, small]") == "small");
  CHECK(s.eval("{A: !If [IsDev, x, !Ref AWS::NoValue], B: 1}") == json{{"B", 1}});
  CHECK(s.eval("[a, !If [IsDev, b, !Ref AWS::NoValue], c]") == json::array({"a", "c"}));
  CHECK(evaluate_condition(json{{"Fn::Equals", {{{"Ref", "Env"}}, "prod"}}}, s.ctx));
  CHECK_FALSE(evaluate_condition(json{{"Fn::And", {{{"Condition", "IsProd"}}, {{"Condition", "IsDev"}}}}}, s.ctx));
  CHECK(evaluate_condition(json{{"Fn::Or", {{{"Condition", "IsProd"}}, {{"Condition", "IsDev"}}}}}, s.ctx));
  CHECK(evaluate_condition(json{{"Fn::Not", {{{"Condition", "IsDev"}}}}}, s.ctx));
}

TEST_CASE("Fn::ImportValue reads exports, and unknown functions are rejected", "[cloudformation]") {
  Scope s;
  CHECK(s.eval("!ImportValue shared-vpc") == "vpc-9");
  CHECK(s.error("!ImportValue nope") == "No export named nope found.");
  CHECK(s.error("{'Fn::Frobnicate': x}")
            .rfind("Template format error: Encountered unsupported function: Fn::Frobnicate", 0) == 0);
}
