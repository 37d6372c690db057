#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

std::vector<std::string> image_ids(const ApiResult& result) {
  std::vector<std::string> ids;
  const nlohmann::json out = body(result);
  for (const auto& i : out["imagesSet"]) ids.push_back(i["imageId"]);
  return ids;
}

TEST_CASE("ec2: DescribeImages answers from the catalog by id, owner and filter", "[ec2]") {
  Ec2Fixture f;
  CHECK(image_ids(f.call("DescribeImages")).size() == 5);
  CHECK(image_ids(f.call("DescribeImages", {{"Owner", {"amazon"}}})).size() == 3);
  CHECK(image_ids(f.call("DescribeImages", {{"Owner", {"099720109477"}}})).size() == 2);
  CHECK(image_ids(f.call("DescribeImages", {{"Owner", {"self"}}})).empty());
  CHECK(image_ids(f.call("DescribeImages", {{"Filter", {filter("architecture", {"arm64"})}}})) ==
        std::vector<std::string>{kArmImage, "ami-0a1b2c3d4e5f60004"});
  CHECK(image_ids(f.call("DescribeImages", {{"Filter", {filter("name", {"al2023-ami-*-x86_64"})}}})) ==
        std::vector<std::string>{kImage});
  CHECK(image_ids(f.call("DescribeImages", {{"Filter", {filter("platform", {"windows"})}}})).size() == 1);
  const auto image = body(f.call("DescribeImages", {{"ImageId", {kImage}}}))["imagesSet"][0];
  CHECK(image["imageState"] == "available");
  CHECK(image["imageOwnerAlias"] == "amazon");
  CHECK(image["isPublic"] == true);
  CHECK(image["blockDeviceMapping"][0]["ebs"]["volumeSize"] == 8);
}

TEST_CASE("ec2: DescribeImages errors", "[ec2]") {
  Ec2Fixture f;
  CHECK(error(f.call("DescribeImages", {{"ImageId", {"ami-12"}}})).code == "InvalidAMIID.Malformed");
  const ApiError e = error(f.call("DescribeImages", {{"ImageId", {kImage, "ami-12345678", "ami-87654321"}}}));
  CHECK(e.code == "InvalidAMIID.NotFound");
  CHECK(e.message == "The image ids '[ami-12345678, ami-87654321]' do not exist");
  CHECK(error(f.call("DescribeImages", {{"Owner", {"someone"}}})).code == "InvalidUserID.Malformed");
  CHECK(error(f.call("DescribeImages", {{"Filter", {filter("flavour", {"x"})}}})).code == "InvalidParameterValue");
}

TEST_CASE("ec2: DescribeInstanceTypes answers from the catalog", "[ec2]") {
  Ec2Fixture f;
  const auto one = body(f.call("DescribeInstanceTypes", {{"InstanceType", {"t3.micro"}}}))["instanceTypeSet"];
  REQUIRE(one.size() == 1);
  CHECK(one[0]["vCpuInfo"] == nlohmann::json({{"defaultVCpus", 2}, {"defaultCores", 1}, {"defaultThreadsPerCore", 2}}));
  CHECK(one[0]["memoryInfo"]["sizeInMiB"] == 1024);
  CHECK(one[0]["freeTierEligible"] == true);
  const auto arm =
      body(f.call("DescribeInstanceTypes", {{"Filter", {filter("processor-info.supported-architecture", {"arm64"})}}}));
  CHECK(arm["instanceTypeSet"].size() == 3);
  const ApiError e = error(f.call("DescribeInstanceTypes", {{"InstanceType", {"t3.micro", "x1.huge", "y2.tiny"}}}));
  CHECK(e.code == "InvalidInstanceType");
  CHECK(e.message == "The following supplied instance types do not exist: [x1.huge, y2.tiny]");
  const auto page = body(f.call("DescribeInstanceTypes", {{"MaxResults", "5"}}));
  CHECK(page["instanceTypeSet"].size() == 5);
  CHECK(page.contains("nextToken"));
  CHECK(error(f.call("DescribeInstanceTypes", {{"MaxResults", "101"}})).code == "InvalidParameterValue");
}

}  // namespace
}  // namespace chokepoint::test
