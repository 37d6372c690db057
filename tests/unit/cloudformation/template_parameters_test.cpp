#include <catch2/catch.hpp>

#include "services/cloudformation/template_document.hpp"
#include "services/cloudformation/template_parameters.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {

Template make(const std::string& parameters) {
  auto doc = parse_template_document("Parameters:\n" + parameters +
                                     "Resources:\n  A: {Type: AWS::CloudFormation::WaitConditionHandle}\n");
  REQUIRE(std::holds_alternative<json>(doc));
  auto built = build_template(std::get<json>(doc));
  if (auto* e = std::get_if<std::string>(&built)) FAIL(*e);
  return std::get<Template>(built);
}

std::string failure(const Template& t, std::vector<ParameterInput> inputs) {
  auto r = resolve_parameters(t, inputs, nullptr);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

ParameterInput in(std::string key, std::string value) {
  return ParameterInput{std::move(key), std::move(value), false};
}

}  // namespace

TEST_CASE("parameters take given values over defaults, and lists become arrays", "[cloudformation]") {
  const Template t = make(
      "  Env: {Type: String, Default: dev}\n  Ids: {Type: CommaDelimitedList}\n"
      "  Size: {Type: Number, Default: 3}\n  Secret: {Type: String, NoEcho: true}\n");
  auto r = resolve_parameters(t, {in("Ids", "a,b"), in("Secret", "s3cr3t")}, nullptr);
  REQUIRE(std::holds_alternative<std::vector<ResolvedParameter>>(r));
  std::map<std::string, ResolvedParameter> by_key;
  for (const auto& p : std::get<std::vector<ResolvedParameter>>(r)) by_key[p.key] = p;
  CHECK(by_key["Env"].evaluated == "dev");
  CHECK(by_key["Ids"].evaluated == json::array({"a", "b"}));
  CHECK(by_key["Size"].value == "3");
  CHECK(by_key["Secret"].no_echo);
}

TEST_CASE("missing, unknown and invalid parameter values are ValidationErrors", "[cloudformation]") {
  const Template t = make(
      "  A: {Type: String}\n  B: {Type: String}\n  Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}\n"
      "  N: {Type: Number, Default: 5, MinValue: 1, MaxValue: 10}\n"
      "  Code: {Type: String, Default: ab, AllowedPattern: '[a-z]+', MaxLength: 4}\n"
      "  Pretty: {Type: String, Default: x, AllowedValues: [x], ConstraintDescription: must be x}\n");
  CHECK(failure(t, {}) == "Parameters: [A, B] must have values");
  CHECK(failure(t, {in("A", "1"), in("B", "2"), in("Ghost", "x")}) ==
        "Parameters: [Ghost] do not exist in the template");
  CHECK(failure(t, {in("A", "1"), in("B", "2"), in("Env", "qa")}) == "Parameter 'Env' must be one of AllowedValues");
  CHECK(failure(t, {in("A", "1"), in("B", "2"), in("N", "x")}) == "Parameter 'N' must be a number.");
  CHECK(failure(t, {in("A", "1"), in("B", "2"), in("N", "11")}) ==
        "Parameter 'N' must be a number not greater than 10");
  CHECK(failure(t, {in("A", "1"), in("B", "2"), in("Code", "AB")}) == "Parameter 'Code' must match pattern [a-z]+");
  CHECK(failure(t, {in("A", "1"), in("B", "2"), in("Code", "abcde")}) ==
        "Parameter 'Code' must contain at most 4 characters");
  CHECK(failure(t, {in("A", "1"), in("B", "2"), in("Pretty", "y")}) ==
        "Parameter 'Pretty' failed to satisfy constraint: must be x");
}

TEST_CASE("UsePreviousValue takes the stack's current value", "[cloudformation]") {
  const Template t = make("  A: {Type: String}\n");
  const std::map<std::string, std::string> previous = {{"A", "old"}};
  auto r = resolve_parameters(t, {ParameterInput{"A", std::nullopt, true}}, &previous);
  REQUIRE(std::holds_alternative<std::vector<ResolvedParameter>>(r));
  CHECK(std::get<std::vector<ResolvedParameter>>(r)[0].value == "old");
  CHECK(failure(t, {ParameterInput{"A", std::nullopt, true}}).find("Cannot specify usePreviousValue") !=
        std::string::npos);
}
