#include <catch2/catch.hpp>

#include "protocol/form_decoder.hpp"

using namespace chokepoint;
using nlohmann::json;

namespace {
json decode(const std::string& form) {
  json tree = json::object();
  std::string error;
  REQUIRE(decode_form_into(form, tree, error));
  return tree;
}
}  // namespace

TEST_CASE("form decoding turns flattened AWS lists into arrays", "[protocol]") {
  struct Case {
    const char* form;
    const char* expected;
  };
  const Case cases[] = {
      {"Action=DescribeInstances&Version=2016-11-15",
       R"({"Action":"DescribeInstances","Version":"2016-11-15"})"},
      {"InstanceId.1=i-1&InstanceId.2=i-2", R"({"InstanceId":["i-1","i-2"]})"},
      {"InstanceId.2=i-2&InstanceId.1=i-1", R"({"InstanceId":["i-1","i-2"]})"},
      {"InstanceId.10=j&InstanceId.9=i", R"({"InstanceId":["i","j"]})"},
      {"Filter.1.Name=instance-state-name&Filter.1.Value.1=running&Filter.1.Value.2=stopped",
       R"({"Filter":[{"Name":"instance-state-name","Value":["running","stopped"]}]})"},
      {"Parameters.member.1.ParameterKey=k&Parameters.member.1.ParameterValue=v&Capabilities.member.1=CAPABILITY_IAM",
       R"({"Capabilities":["CAPABILITY_IAM"],"Parameters":[{"ParameterKey":"k","ParameterValue":"v"}]})"},
      {"TemplateBody=%7B%22a%22%3A+1%7D", R"({"TemplateBody":"{\"a\": 1}"})"},
      {"Empty=&Flag", R"({"Empty":"","Flag":""})"},
      {"TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web",
       R"({"TagSpecification":[{"ResourceType":"instance","Tag":[{"Key":"Name","Value":"web"}]}]})"},
      {"Attributes.entry.1.key=a&Attributes.entry.1.value=b", R"({"Attributes":[{"key":"a","value":"b"}]})"},
      {"&&a=1&", R"({"a":"1"})"},
  };
  for (const auto& c : cases) {
    INFO(c.form);
    CHECK(decode(c.form) == json::parse(c.expected));
  }
}

TEST_CASE("malformed percent escapes are rejected", "[protocol]") {
  for (const char* form : {"a=%zz", "a=%4", "%=1", "a=%"}) {
    json tree = json::object();
    std::string error;
    INFO(form);
    CHECK_FALSE(decode_form_into(form, tree, error));
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("parameters that are not valid UTF-8 are rejected; the message stays valid UTF-8", "[protocol]") {
  for (const char* form : {"Name=%9B", "Name=%C3", "%FF=1", "Name=\x9b", "\xff=1", "a=%ED%A0%80"}) {
    json tree = json::object();
    std::string error;
    INFO(form);
    CHECK_FALSE(decode_form_into(form, tree, error));
    CHECK(error.find("not valid UTF-8") != std::string::npos);
    CHECK(nlohmann::json(error).dump().size() > 0);  // would throw on ill-formed UTF-8
  }
  json tree = json::object();
  std::string error;
  CHECK(decode_form_into("Value=caf%C3%A9&Tag=%E2%82%AC", tree, error));
  CHECK(tree["Value"] == "caf\xC3\xA9");
}
