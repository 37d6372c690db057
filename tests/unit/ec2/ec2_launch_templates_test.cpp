#include "ec2_fixture.hpp"
#include "services/ec2/ec2_launch_template.hpp"

namespace chokepoint::test {
namespace {

nlohmann::json template_params(const std::string& name, nlohmann::json data) {
  return {{"LaunchTemplateName", name}, {"LaunchTemplateData", std::move(data)}};
}

std::string create_template(Ec2Fixture& f, const std::string& name, nlohmann::json data) {
  return body(f.call("CreateLaunchTemplate", template_params(name, std::move(data))))["launchTemplate"]
      ["launchTemplateId"];
}

TEST_CASE("ec2: CreateLaunchTemplate validates the name and refuses a duplicate", "[ec2][launch-template]") {
  Ec2Fixture f;
  const auto out = body(f.call(
      "CreateLaunchTemplate",
      {{"LaunchTemplateName", "web"},
       {"VersionDescription", "first"},
       {"LaunchTemplateData", {{"ImageId", kImage}, {"InstanceType", "t3.micro"}}},
       {"TagSpecification", {{{"ResourceType", "launch-template"}, {"Tag", {{{"Key", "team"}, {"Value", "a"}}}}}}}}));
  const auto& t = out["launchTemplate"];
  CHECK(is_ec2_resource_id(t["launchTemplateId"].get<std::string>(), "lt"));
  CHECK(t["defaultVersionNumber"] == 1);
  CHECK(t["latestVersionNumber"] == 1);
  CHECK(t["createdBy"] == "arn:aws:iam::123456789012:root");
  CHECK(t["tagSet"][0]["key"] == "team");

  CHECK(error(f.call("CreateLaunchTemplate", template_params("web", {{"ImageId", kImage}}))).code ==
        "InvalidLaunchTemplateName.AlreadyExistsException");
  for (const char* bad : {"ab", "has space", "semi;colon"}) {
    CHECK(error(f.call("CreateLaunchTemplate", template_params(bad, {{"ImageId", kImage}}))).code ==
          "InvalidLaunchTemplateName.MalformedException");
  }
  CHECK(error(f.call("CreateLaunchTemplate", {{"LaunchTemplateName", "nodata"}})).code == "MissingParameter");
  CHECK(error(f.call("CreateLaunchTemplate", {{"LaunchTemplateName", "dry"},
                                              {"LaunchTemplateData", {{"ImageId", kImage}}},
                                              {"DryRun", "true"}}))
            .code == "DryRunOperation");
  CHECK(body(f.call("DescribeLaunchTemplates"))["launchTemplates"].size() == 1);
}

TEST_CASE("ec2: launch template versions, aliases, ranges and the default", "[ec2][launch-template]") {
  Ec2Fixture f;
  const std::string id = create_template(f, "app", {{"ImageId", kImage}, {"InstanceType", "t3.micro"}});
  const auto v2 = body(f.call("CreateLaunchTemplateVersion", {{"LaunchTemplateId", id},
                                                               {"SourceVersion", "1"},
                                                               {"VersionDescription", "bigger"},
                                                               {"LaunchTemplateData", {{"InstanceType", "t3.large"}}}}));
  CHECK(v2["launchTemplateVersion"]["versionNumber"] == 2);
  CHECK(v2["launchTemplateVersion"]["defaultVersion"] == false);
  // The source version's members stay unless the new data replaces them.
  CHECK(v2["launchTemplateVersion"]["launchTemplateData"]["imageId"] == kImage);
  CHECK(v2["launchTemplateVersion"]["launchTemplateData"]["instanceType"] == "t3.large");
  body(f.call("CreateLaunchTemplateVersion",
              {{"LaunchTemplateName", "app"}, {"LaunchTemplateData", {{"ImageId", kArmImage}}}}));

  const auto latest = body(f.call("DescribeLaunchTemplateVersions",
                                  {{"LaunchTemplateId", id}, {"LaunchTemplateVersion", {"$Latest", "$Default"}}}));
  REQUIRE(latest["launchTemplateVersionSet"].size() == 2);
  CHECK(latest["launchTemplateVersionSet"][0]["versionNumber"] == 1);
  CHECK(latest["launchTemplateVersionSet"][1]["versionNumber"] == 3);
  const auto range = body(f.call("DescribeLaunchTemplateVersions",
                                 {{"LaunchTemplateId", id}, {"MinVersion", "2"}, {"MaxVersion", "3"}}));
  CHECK(range["launchTemplateVersionSet"].size() == 2);
  const auto filtered = body(f.call("DescribeLaunchTemplateVersions",
                                    {{"LaunchTemplateId", id}, {"Filter", {filter("instance-type", {"t3.large"})}}}));
  REQUIRE(filtered["launchTemplateVersionSet"].size() == 1);
  CHECK(filtered["launchTemplateVersionSet"][0]["versionNumber"] == 2);

  const auto page = body(f.call("DescribeLaunchTemplateVersions", {{"LaunchTemplateId", id}, {"MaxResults", "2"}}));
  CHECK(page["launchTemplateVersionSet"].size() == 2);
  const auto rest = body(f.call("DescribeLaunchTemplateVersions",
                                {{"LaunchTemplateId", id}, {"NextToken", page["nextToken"]}}));
  CHECK(rest["launchTemplateVersionSet"].size() == 1);
  CHECK_FALSE(rest.contains("nextToken"));

  CHECK(error(f.call("ModifyLaunchTemplate", {{"LaunchTemplateId", id}, {"SetDefaultVersion", "9"}})).code ==
        "InvalidLaunchTemplateId.VersionNotFound");
  const auto modified = body(f.call("ModifyLaunchTemplate", {{"LaunchTemplateId", id}, {"SetDefaultVersion", "2"}}));
  CHECK(modified["launchTemplate"]["defaultVersionNumber"] == 2);

  const auto deleted = body(f.call("DeleteLaunchTemplateVersions",
                                   {{"LaunchTemplateId", id}, {"LaunchTemplateVersion", {"1", "2", "7"}}}));
  REQUIRE(deleted["successfullyDeletedLaunchTemplateVersionSet"].size() == 1);
  CHECK(deleted["successfullyDeletedLaunchTemplateVersionSet"][0]["versionNumber"] == 1);
  REQUIRE(deleted["unsuccessfullyDeletedLaunchTemplateVersionSet"].size() == 2);
  CHECK(deleted["unsuccessfullyDeletedLaunchTemplateVersionSet"][1]["responseError"]["code"] ==
        "launchTemplateVersionDoesNotExist");
}

TEST_CASE("ec2: unknown launch templates get EC2's errors", "[ec2][launch-template]") {
  Ec2Fixture f;
  CHECK(error(f.call("DescribeLaunchTemplates", {{"LaunchTemplateId", {"lt-0123456789abcdef0"}}})).code ==
        "InvalidLaunchTemplateId.NotFound");
  CHECK(error(f.call("DescribeLaunchTemplates", {{"LaunchTemplateName", {"nope"}}})).code ==
        "InvalidLaunchTemplateName.NotFoundException");
  CHECK(error(f.call("DeleteLaunchTemplate", {{"LaunchTemplateName", "nope"}})).message ==
        "The specified launch template, with template name nope, does not exist.");
  CHECK(error(f.call("RunInstances", {{"MinCount", "1"},
                                      {"MaxCount", "1"},
                                      {"LaunchTemplate", {{"LaunchTemplateId", "lt-0123456789abcdef0"}}}}))
            .code == "InvalidLaunchTemplateId.NotFound");
}

TEST_CASE("ec2: RunInstances takes defaults from a launch template and overrides them", "[ec2][launch-template]") {
  Ec2Fixture f;
  body(f.call("CreateKeyPair", {{"KeyName", "ops"}}));
  const std::string id = create_template(
      f, "base",
      {{"ImageId", kImage},
       {"InstanceType", "t3.small"},
       {"KeyName", "ops"},
       {"TagSpecification", {{{"ResourceType", "instance"}, {"Tag", {{{"Key", "Name"}, {"Value", "from-lt"}}}}}}}});
  const auto run = body(f.call("RunInstances", {{"MinCount", "1"},
                                                {"MaxCount", "1"},
                                                {"InstanceType", "t3.micro"},
                                                {"LaunchTemplate", {{"LaunchTemplateName", "base"}}}}));
  const auto& instance = run["instancesSet"][0];
  CHECK(instance["imageId"] == kImage);
  CHECK(instance["instanceType"] == "t3.micro");
  CHECK(instance["keyName"] == "ops");
  std::map<std::string, std::string> tags;
  for (const auto& tag : instance["tagSet"]) tags[tag["key"]] = tag["value"];
  CHECK(tags["Name"] == "from-lt");
  CHECK(tags["aws:ec2launchtemplate:id"] == id);
  CHECK(tags["aws:ec2launchtemplate:version"] == "1");

  CHECK(error(f.call("RunInstances", {{"MinCount", "1"},
                                      {"MaxCount", "1"},
                                      {"LaunchTemplate", {{"LaunchTemplateId", id}, {"Version", "5"}}}}))
            .code == "InvalidLaunchTemplateId.VersionNotFound");
}

TEST_CASE("ec2: GetLaunchTemplateData answers an instance's launch parameters", "[ec2][launch-template]") {
  Ec2Fixture f;
  const auto ids = f.launch(1, {{"InstanceType", "t3.micro"}});
  const auto data = body(f.call("GetLaunchTemplateData", {{"InstanceId", ids[0]}}))["launchTemplateData"];
  CHECK(data["imageId"] == kImage);
  CHECK(data["instanceType"] == "t3.micro");
  CHECK(data["networkInterfaceSet"][0]["groupSet"].size() == 1);
  CHECK(data["placement"]["availabilityZone"] == "us-east-1a");
  CHECK(error(f.call("GetLaunchTemplateData", {{"InstanceId", "i-0123456789abcdef0"}})).code ==
        "InvalidInstanceID.NotFound");
}

TEST_CASE("ec2: launch template data answers under the response's wire names", "[ec2][launch-template]") {
  const nlohmann::json request_form = {
      {"SecurityGroupId", {"sg-1"}},
      {"LicenseSpecification", {{{"LicenseConfigurationArn", "arn"}}}},
      {"NetworkInterface", {{{"DeviceIndex", "0"}, {"SecurityGroupId", {"sg-2"}}}}},
      {"BlockDeviceMapping", {{{"DeviceName", "/dev/xvda"}, {"Ebs", {{"VolumeSize", "20"}}}}}}};
  const auto out = launch_data_response_json(request_form);
  CHECK(out["securityGroupIdSet"] == nlohmann::json::array({"sg-1"}));
  CHECK(out["licenseSet"][0]["licenseConfigurationArn"] == "arn");
  CHECK(out["networkInterfaceSet"][0]["groupSet"] == nlohmann::json::array({"sg-2"}));
  CHECK(out["blockDeviceMappingSet"][0]["ebs"]["volumeSize"] == "20");
}

}  // namespace
}  // namespace chokepoint::test
