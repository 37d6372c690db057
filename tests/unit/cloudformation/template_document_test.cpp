#include <catch2/catch.hpp>

#include "services/cloudformation/template_document.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {
json parse_ok(const std::string& body) {
  auto doc = parse_template_document(body);
  if (auto* e = std::get_if<std::string>(&doc)) FAIL(*e);
  return std::get<json>(doc);
}
std::string parse_error(const std::string& body) {
  auto doc = parse_template_document(body);
  REQUIRE(std::holds_alternative<std::string>(doc));
  return std::get<std::string>(doc);
}
}  // namespace

TEST_CASE("YAML short-form tags become their long forms", "[cloudformation]") {
  const json t = parse_ok(R"(
Resources:
  A:
    Type: AWS::SSM::Parameter
    Properties:
      Name: !Ref Name
      Value: !GetAtt Other.Value
      Nested: !GetAtt Child.Outputs.Url
      Joined: !Join [",", [a, !Sub "${AWS::Region}-x"]]
      Choice: !If [IsProd, !Select [0, !GetAZs ""], !Ref "AWS::NoValue"]
      Cond: !And [!Equals [a, b], !Not [!Condition Other]]
)");
  const json& p = t["Resources"]["A"]["Properties"];
  CHECK(p["Name"] == json{{"Ref", "Name"}});
  CHECK(p["Value"] == json{{"Fn::GetAtt", {"Other", "Value"}}});
  CHECK(p["Nested"] == json{{"Fn::GetAtt", {"Child", "Outputs.Url"}}});
  CHECK(p["Joined"]["Fn::Join"][1][1] == json{{"Fn::Sub", "${AWS::Region}-x"}});
  CHECK(p["Choice"]["Fn::If"][1] == json{{"Fn::Select", {0, {{"Fn::GetAZs", ""}}}}});
  CHECK(p["Cond"]["Fn::And"][1] == json{{"Fn::Not", {{{"Condition", "Other"}}}}});
}

TEST_CASE("plain YAML scalars are typed, quoted ones stay strings", "[cloudformation]") {
  const json t = parse_ok("A: 5\nB: '5'\nC: true\nD: 'true'\nE: 1.10\nF: ~\nG: 0x1F\nH: 2010-09-09\nI: 012\n");
  CHECK(t["A"] == 5);
  CHECK(t["B"] == "5");
  CHECK(t["C"] == true);
  CHECK(t["D"] == "true");
  CHECK(t["E"] == "1.10");
  CHECK(t["F"].is_null());
  CHECK(t["G"] == "0x1F");
  CHECK(t["H"] == "2010-09-09");
  CHECK(t["I"] == "012");
}

TEST_CASE("JSON templates are read as JSON", "[cloudformation]") {
  const json t = parse_ok(R"({"Resources": {"A": {"Type": "X", "Properties": {"N": 1}}}})");
  CHECK(t["Resources"]["A"]["Properties"]["N"] == 1);
}

TEST_CASE("malformed templates give CloudFormation's format errors with positions", "[cloudformation]") {
  CHECK(parse_error("{\n  \"Resources\": {\n    \"A\": }\n}") ==
        "Template format error: JSON not well-formed. (line 3, column 10)");
  CHECK(parse_error("Resources:\n  A: [unclosed\n  B: x\n")
            .rfind("Template format error: YAML not well-formed. (line", 0) == 0);
  CHECK(parse_error("just a string") == "Template format error: unsupported structure.");
  CHECK(parse_error("- a\n- b\n") == "Template format error: unsupported structure.");
}

TEST_CASE("YAML aliases that expand without bound are a template format error, not a crash", "[cloudformation]") {
  // A node that contains an alias of itself: converting it naively recursed until the stack ran out.
  const auto cycle = parse_template_document("&p\n SM, Value: 1.24}\n 0Q: *p\n");
  REQUIRE(std::holds_alternative<std::string>(cycle));
  CHECK(std::get<std::string>(cycle).starts_with("Template format error: YAML not well-formed."));
  CHECK(std::get<std::string>(cycle).find("aliases") != std::string::npos);

  // Aliases of aliases double at each level: 2^30 nodes from a few hundred bytes.
  std::string bomb = "a0: &a0 [x, x]\n";
  for (int i = 1; i <= 30; ++i) {
    const std::string name = std::to_string(i), previous = std::to_string(i - 1);
    bomb.append("a").append(name).append(": &a").append(name);
    bomb.append(" [*a").append(previous).append(", *a").append(previous).append("]\n");
  }
  const auto expanded = parse_template_document(bomb);
  REQUIRE(std::holds_alternative<std::string>(expanded));
  CHECK(std::get<std::string>(expanded).starts_with("Template format error: YAML not well-formed."));

  // Ordinary aliases still work.
  const auto shared = parse_template_document("A: &tags {Team: x}\nB: *tags\n");
  REQUIRE(std::holds_alternative<nlohmann::json>(shared));
  CHECK(std::get<nlohmann::json>(shared)["B"]["Team"] == "x");
}

TEST_CASE("a JSON template with a number beyond a double's range is a template format error", "[cloudformation]") {
  const auto doc = parse_template_document("{\"Resources\": {\"A\": {\"Properties\": {\"N\": 1e999}}}}");
  REQUIRE(std::holds_alternative<std::string>(doc));
  CHECK(std::get<std::string>(doc) == "Template format error: JSON not well-formed.");
}
