#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

nlohmann::json tags_param(std::vector<std::string> resources, std::vector<std::pair<std::string, std::string>> tags) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [k, v] : tags) list.push_back({{"Key", k}, {"Value", v}});
  return {{"ResourceId", resources}, {"Tag", list}};
}

nlohmann::json tags_on(Ec2Fixture& f, const std::string& id) {
  nlohmann::json out = nlohmann::json::object();
  const auto set = body(f.call("DescribeTags", {{"Filter", {filter("resource-id", {id})}}}))["tagSet"];
  for (const auto& t : set) out[t["key"].get<std::string>()] = t["value"];
  return out;
}

TEST_CASE("ec2: CreateTags, DescribeTags and DeleteTags", "[ec2]") {
  Ec2Fixture f;
  const auto ids = f.launch(2);
  CHECK(body(f.call("CreateTags", tags_param(ids, {{"env", "prod"}, {"team", "a"}, {"empty", ""}})))["return"] == true);
  CHECK(tags_on(f, ids[0]) == nlohmann::json({{"empty", ""}, {"env", "prod"}, {"team", "a"}}));
  const auto rows = body(f.call("DescribeTags", {{"Filter", {filter("key", {"env"})}}}))["tagSet"];
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["resourceType"] == "instance");
  CHECK(described(body(f.call("DescribeInstances", ids_param({ids[1]}))))[0]["tagSet"].size() == 3);

  // A value given: delete only when it matches. No value: delete the key.
  body(f.call("DeleteTags",
              {{"ResourceId", {ids[0]}}, {"Tag", {{{"Key", "env"}, {"Value", "dev"}}, {{"Key", "team"}}}}}));
  CHECK(tags_on(f, ids[0]) == nlohmann::json({{"empty", ""}, {"env", "prod"}}));
  body(f.call("DeleteTags", {{"ResourceId", {ids[0]}}, {"Tag", {{{"Key", "empty"}, {"Value", ""}}}}}));
  CHECK(tags_on(f, ids[0]) == nlohmann::json({{"env", "prod"}}));
  body(f.call("DeleteTags", {{"ResourceId", {ids[1]}}}));  // no tags listed: all of them
  CHECK(tags_on(f, ids[1]).empty());
}

TEST_CASE("ec2: tag rules: reserved prefix, lengths, 50 per resource", "[ec2]") {
  Ec2Fixture f;
  const auto id = f.launch(1)[0];
  CHECK(error(f.call("CreateTags", tags_param({id}, {{"aws:owner", "x"}}))).code == "InvalidParameterValue");
  CHECK(error(f.call("CreateTags", tags_param({id}, {{std::string(129, 'k'), "x"}}))).code == "InvalidParameterValue");
  CHECK(error(f.call("CreateTags", tags_param({id}, {{"k", std::string(257, 'v')}}))).code == "InvalidParameterValue");
  std::vector<std::pair<std::string, std::string>> fifty;
  for (int i = 0; i < 50; ++i) fifty.emplace_back(std::string("k").append(std::to_string(i)), "v");
  body(f.call("CreateTags", tags_param({id}, fifty)));
  CHECK(body(f.call("CreateTags", tags_param({id}, {{"k0", "again"}})))["return"] == true);  // replacing is fine
  CHECK(error(f.call("CreateTags", tags_param({id}, {{"one-more", "v"}}))).code == "TagLimitExceeded");
  CHECK(tags_on(f, id).size() == 50);
  CHECK(error(f.call("CreateTags", {{"ResourceId", {id}}})).code == "MissingParameter");
}

TEST_CASE("ec2: CreateTags checks every resource before tagging any", "[ec2]") {
  Ec2Fixture f;
  const auto id = f.launch(1)[0];
  const ApiError e = error(f.call("CreateTags", tags_param({id, "i-0123456789abcdef0"}, {{"a", "b"}})));
  CHECK(e.code == "InvalidInstanceID.NotFound");
  CHECK(tags_on(f, id).empty());
  CHECK(error(f.call("CreateTags", tags_param({"bucket-1"}, {{"a", "b"}}))).code == "InvalidID");
  CHECK(error(f.call("CreateTags", tags_param({"vpc-0123456789abcdef0"}, {{"a", "b"}}))).code ==
        "InvalidVpcID.NotFound");
  CHECK(error(f.call("CreateTags", tags_param({"ami-0123456789abcdef0"}, {{"a", "b"}}))).code ==
        "InvalidAMIID.NotFound");
}

TEST_CASE("ec2: images, root volumes and the default network take tags too", "[ec2]") {
  Ec2Fixture f;
  const auto instance = body(
      f.call("RunInstances",
             {{"ImageId", kImage},
              {"MinCount", "1"},
              {"MaxCount", "1"},
              {"TagSpecification",
               {{{"ResourceType", "volume"}, {"Tag", {{{"Key", "disk"}, {"Value", "root"}}}}}}}}))["instancesSet"][0];
  const std::string volume = instance["blockDeviceMapping"][0]["ebs"]["volumeId"];
  CHECK(tags_on(f, volume) == nlohmann::json({{"disk", "root"}}));
  body(f.call("CreateTags", tags_param({kImage, instance["vpcId"], instance["subnetId"]}, {{"golden", "yes"}})));
  const auto image = body(f.call("DescribeImages", {{"Filter", {filter("tag:golden", {"yes"})}}}))["imagesSet"];
  REQUIRE(image.size() == 1);
  CHECK(image[0]["imageId"] == kImage);
  const auto types = body(f.call("DescribeTags", {{"Filter", {filter("key", {"golden"})}}}))["tagSet"];
  std::vector<std::string> kinds;
  for (const auto& t : types) kinds.push_back(t["resourceType"]);
  std::sort(kinds.begin(), kinds.end());
  CHECK(kinds == std::vector<std::string>{"image", "subnet", "vpc"});
  // Another account sees none of these tags.
  CHECK(body(f.call("DescribeTags", {}, "111111111111"))["tagSet"].empty());
}

TEST_CASE("ec2: DescribeTags pages", "[ec2]") {
  Ec2Fixture f;
  const auto ids = f.launch(4);
  body(f.call("CreateTags", tags_param(ids, {{"a", "1"}, {"b", "2"}})));
  const auto first = body(f.call("DescribeTags", {{"MaxResults", "5"}}));
  CHECK(first["tagSet"].size() == 5);
  REQUIRE(first.contains("nextToken"));
  const auto second = body(f.call("DescribeTags", {{"MaxResults", "5"}, {"NextToken", first["nextToken"]}}));
  CHECK(second["tagSet"].size() == 3);
  CHECK_FALSE(second.contains("nextToken"));
}

}  // namespace
}  // namespace chokepoint::test
