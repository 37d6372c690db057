#include "ec2_fixture.hpp"

namespace chokepoint::test {
namespace {

using std::chrono::seconds;

// EBS transitions take as long as an instance's pending state: 2 s by default.
constexpr auto kEbsDelay = seconds(2);

nlohmann::json create_volume(Ec2Fixture& f, nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json params = {{"AvailabilityZone", "us-east-1a"}, {"Size", "10"}};
  params.update(extra);
  return body(f.call("CreateVolume", params));
}

nlohmann::json volume_of(Ec2Fixture& f, const std::string& id) {
  const auto volumes = body(f.call("DescribeVolumes", {{"VolumeId", {id}}}))["volumeSet"];
  REQUIRE(volumes.size() == 1);
  return volumes[0];
}

TEST_CASE("ec2 volumes: CreateVolume is creating, then available on the emulated clock", "[ec2][volumes]") {
  Ec2Fixture f;
  const auto created = create_volume(
      f, {{"TagSpecification", {{{"ResourceType", "volume"}, {"Tag", {{{"Key", "team"}, {"Value", "db"}}}}}}}});
  const std::string id = created["volumeId"];
  CHECK(is_ec2_resource_id(id, "vol"));
  CHECK(created["status"] == "creating");
  CHECK(created["volumeType"] == "gp2");
  CHECK(created["iops"] == 100);  // gp2's baseline: 3 per GiB, at least 100
  CHECK(created["encrypted"] == false);
  CHECK(created["tagSet"][0]["key"] == "team");
  CHECK(volume_of(f, id)["status"] == "creating");
  f.advance(kEbsDelay);
  CHECK(volume_of(f, id)["status"] == "available");

  // Tags work on the new id; filters see them.
  body(f.call("CreateTags", {{"ResourceId", {id}}, {"Tag", {{{"Key", "env"}, {"Value", "ci"}}}}}));
  const auto tagged = body(f.call("DescribeVolumes", {{"Filter", {filter("tag:env", {"ci"})}}}))["volumeSet"];
  REQUIRE(tagged.size() == 1);
  CHECK(tagged[0]["volumeId"] == id);
  CHECK(body(f.call("DescribeVolumes", {{"Filter", {filter("size", {"11"})}}}))["volumeSet"].empty());
}

TEST_CASE("ec2 volumes: the size, IOPS and throughput rules of each type", "[ec2][volumes]") {
  Ec2Fixture f;
  const auto code_of = [&](nlohmann::json params) {
    params["AvailabilityZone"] = "us-east-1a";
    return error(f.call("CreateVolume", params)).code;
  };
  CHECK(code_of({}) == "MissingParameter");
  CHECK(code_of({{"Size", "0"}}) == "InvalidParameterValue");
  CHECK(code_of({{"Size", "16385"}}) == "InvalidParameterValue");
  CHECK(code_of({{"Size", "100"}, {"VolumeType", "st1"}}) == "InvalidParameterValue");
  CHECK(code_of({{"Size", "10"}, {"VolumeType", "gp9"}}) == "InvalidParameterValue");
  CHECK(code_of({{"Size", "10"}, {"VolumeType", "io1"}}) == "MissingParameter");
  CHECK(code_of({{"Size", "10"}, {"VolumeType", "io1"}, {"Iops", "1000"}}) == "InvalidParameterValue");  // > 50:1
  CHECK(code_of({{"Size", "10"}, {"Iops", "300"}}) == "InvalidParameterCombination");                    // gp2
  CHECK(code_of({{"Size", "10"}, {"VolumeType", "io2"}, {"Iops", "200"}, {"Throughput", "200"}}) ==
        "InvalidParameterCombination");
  CHECK(code_of({{"Size", "10"}, {"VolumeType", "gp3"}, {"Throughput", "100"}}) == "InvalidParameterValue");
  CHECK(code_of({{"Size", "10"}, {"MultiAttachEnabled", "true"}}) == "InvalidParameterCombination");
  CHECK(code_of({{"Size", "10"}, {"KmsKeyId", "alias/mine"}}) == "InvalidParameterDependency");
  CHECK(error(f.call("CreateVolume", {{"AvailabilityZone", "us-east-1z"}, {"Size", "1"}})).message ==
        "Invalid availability zone: [us-east-1z]");
  CHECK(body(f.call("DescribeVolumes"))["volumeSet"].empty());  // bad input changed nothing

  const auto gp3 = create_volume(f, {{"VolumeType", "gp3"}});
  CHECK(gp3["iops"] == 3000);
  CHECK(gp3["throughput"] == 125);
  const auto io2 = create_volume(f, {{"VolumeType", "io2"}, {"Iops", "5000"}, {"MultiAttachEnabled", "true"}});
  CHECK(io2["iops"] == 5000);
  CHECK(io2["multiAttachEnabled"] == true);
  CHECK_FALSE(io2.contains("throughput"));
  const auto encrypted = create_volume(f, {{"Encrypted", "true"}});
  CHECK(encrypted["kmsKeyId"].get<std::string>().rfind("arn:aws:kms:us-east-1:123456789012:key/", 0) == 0);
}

TEST_CASE("ec2 volumes: ClientToken answers a repeated call with the same volume", "[ec2][volumes]") {
  Ec2Fixture f;
  const auto first = create_volume(f, {{"ClientToken", "abc"}});
  CHECK(create_volume(f, {{"ClientToken", "abc"}})["volumeId"] == first["volumeId"]);
  CHECK(error(f.call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", "11"}, {"ClientToken", "abc"}}))
            .code == "IdempotentParameterMismatch");
  CHECK(body(f.call("DescribeVolumes"))["volumeSet"].size() == 1);
  CHECK(error(f.call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"Size", "1"}, {"DryRun", "true"}})).code ==
        "DryRunOperation");
}

TEST_CASE("ec2 volumes: attach, describe on the instance, detach and delete", "[ec2][volumes]") {
  Ec2Fixture f;
  const auto instance = f.running_instance();
  const std::string id = create_volume(f)["volumeId"];
  const nlohmann::json attach = {{"VolumeId", id}, {"InstanceId", instance}, {"Device", "/dev/sdf"}};
  CHECK(error(f.call("AttachVolume", attach)).code == "IncorrectState");  // still creating
  f.advance(kEbsDelay);
  CHECK(error(f.call("AttachVolume", {{"VolumeId", id}, {"InstanceId", instance}, {"Device", "sdf!"}})).code ==
        "InvalidParameterValue");
  CHECK(error(f.call("AttachVolume", {{"VolumeId", id}, {"InstanceId", instance}, {"Device", "/dev/xvda"}})).code ==
        "InvalidParameterValue");  // the root device
  const auto attached = body(f.call("AttachVolume", attach));
  CHECK(attached["status"] == "attaching");
  CHECK(volume_of(f, id)["status"] == "in-use");
  CHECK(error(f.call("AttachVolume", attach)).code == "VolumeInUse");
  CHECK(error(f.call("DeleteVolume", {{"VolumeId", id}})).code == "VolumeInUse");
  f.advance(kEbsDelay);
  CHECK(volume_of(f, id)["attachmentSet"][0]["status"] == "attached");

  const auto instances = described(body(f.call("DescribeInstances", ids_param({instance}))));
  const auto& mappings = instances.at(0)["blockDeviceMapping"];
  REQUIRE(mappings.size() == 2);
  CHECK(mappings[1]["deviceName"] == "/dev/sdf");
  CHECK(mappings[1]["ebs"]["volumeId"] == id);
  const auto by_instance =
      body(f.call("DescribeVolumes", {{"Filter", {filter("attachment.instance-id", {instance})}}}))["volumeSet"];
  CHECK(by_instance.size() == 2);  // the root volume and this one

  CHECK(body(f.call("DetachVolume", {{"VolumeId", id}}))["status"] == "detaching");
  f.advance(kEbsDelay);
  CHECK(volume_of(f, id)["status"] == "available");
  CHECK(error(f.call("DetachVolume", {{"VolumeId", id}})).code == "IncorrectState");
  body(f.call("DeleteVolume", {{"VolumeId", id}}));
  CHECK(error(f.call("DescribeVolumes", {{"VolumeId", {id}}})).message == "The volume '" + id + "' does not exist.");
  CHECK(error(f.call("DescribeVolumes", {{"VolumeId", {"vol-x"}}})).code == "InvalidVolumeID.Malformed");
}

TEST_CASE("ec2 volumes: an instance's root volume is listed and goes with the instance", "[ec2][volumes]") {
  Ec2Fixture f;
  const auto instance = f.running_instance();
  const auto described_instance = described(body(f.call("DescribeInstances", ids_param({instance})))).at(0);
  const std::string root = described_instance["blockDeviceMapping"][0]["ebs"]["volumeId"];
  const auto volume = volume_of(f, root);
  CHECK(volume["status"] == "in-use");
  CHECK(volume["size"] == 8);
  CHECK(volume["volumeType"] == "gp3");
  CHECK(volume["attachmentSet"][0]["instanceId"] == instance);
  CHECK(volume["attachmentSet"][0]["deleteOnTermination"] == true);
  CHECK(error(f.call("DetachVolume", {{"VolumeId", root}})).code == "OperationNotPermitted");

  // A data volume without DeleteOnTermination is detached, the root volume deleted, at termination.
  const std::string data = create_volume(f)["volumeId"];
  f.advance(kEbsDelay);
  body(f.call("AttachVolume", {{"VolumeId", data}, {"InstanceId", instance}, {"Device", "/dev/sdg"}}));
  body(f.call("TerminateInstances", ids_param({instance})));
  f.advance(seconds(3));
  CHECK(error(f.call("DescribeVolumes", {{"VolumeId", {root}}})).code == "InvalidVolume.NotFound");
  CHECK(volume_of(f, data)["status"] == "available");
}

TEST_CASE("ec2 volumes: ModifyVolume is modifying, optimizing, then completed", "[ec2][volumes]") {
  Ec2Fixture f;
  const std::string id = create_volume(f, {{"VolumeType", "gp3"}})["volumeId"];
  CHECK(error(f.call("ModifyVolume", {{"VolumeId", id}, {"Size", "20"}})).code == "IncorrectState");
  f.advance(kEbsDelay);
  CHECK(error(f.call("ModifyVolume", {{"VolumeId", id}, {"Size", "5"}})).code == "InvalidParameterValue");
  const auto started = body(f.call("ModifyVolume", {{"VolumeId", id}, {"Size", "20"}, {"Iops", "4000"}}));
  const auto& m = started["volumeModification"];
  CHECK(m["modificationState"] == "modifying");
  CHECK(m["originalSize"] == 10);
  CHECK(m["targetSize"] == 20);
  CHECK(m["targetIops"] == 4000);
  CHECK(error(f.call("ModifyVolume", {{"VolumeId", id}, {"Size", "30"}})).code == "IncorrectModificationState");
  f.advance(kEbsDelay);
  CHECK(volume_of(f, id)["size"] == 20);
  const auto modifications = [&] {
    return body(f.call("DescribeVolumesModifications", {{"VolumeId", {id}}}))["volumeModificationSet"];
  };
  CHECK(modifications()[0]["modificationState"] == "optimizing");
  f.advance(kEbsDelay);
  CHECK(modifications()[0]["modificationState"] == "completed");
  CHECK(modifications()[0]["progress"] == 100);
  const std::string other = create_volume(f)["volumeId"];
  CHECK(error(f.call("DescribeVolumesModifications", {{"VolumeId", {other}}})).code ==
        "InvalidVolumeModification.NotFound");
}

TEST_CASE("ec2 snapshots: create, describe with progress, restore, copy and delete", "[ec2][volumes]") {
  Ec2Fixture f;
  const std::string volume = create_volume(f, {{"Size", "12"}})["volumeId"];
  const auto created = body(f.call("CreateSnapshot", {{"VolumeId", volume}, {"Description", "nightly"}}));
  const std::string id = created["snapshotId"];
  CHECK(is_ec2_resource_id(id, "snap"));
  CHECK(created["status"] == "pending");
  CHECK(created["volumeSize"] == 12);
  f.advance(seconds(1));
  const auto pending = body(f.call("DescribeSnapshots", {{"SnapshotId", {id}}}))["snapshotSet"][0];
  CHECK(pending["progress"] == "50%");
  CHECK(error(f.call("CopySnapshot", {{"SourceSnapshotId", id}, {"SourceRegion", "us-east-1"}})).code ==
        "IncorrectState");
  f.advance(seconds(1));
  const auto done = body(f.call("DescribeSnapshots", {{"Owner", {"self"}}}))["snapshotSet"];
  REQUIRE(done.size() == 1);
  CHECK(done[0]["status"] == "completed");
  CHECK(done[0]["progress"] == "100%");
  CHECK(body(f.call("DescribeSnapshots", {{"Owner", {"amazon"}}}))["snapshotSet"].empty());
  CHECK(body(f.call("DescribeSnapshots", {{"Filter", {filter("description", {"night*"})}}}))["snapshotSet"].size() ==
        1);

  // A volume from the snapshot takes its size; a smaller one is refused.
  CHECK(body(f.call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"SnapshotId", id}}))["size"] == 12);
  CHECK(error(f.call("CreateVolume", {{"AvailabilityZone", "us-east-1a"}, {"SnapshotId", id}, {"Size", "5"}})).code ==
        "InvalidParameterValue");

  const auto copy =
      body(f.call("CopySnapshot", {{"SourceSnapshotId", id}, {"SourceRegion", "us-east-1"}, {"Description", "copy"}}));
  const std::string copy_id = copy["snapshotId"];
  const auto copied = body(f.call("DescribeSnapshots", {{"SnapshotId", {copy_id}}}))["snapshotSet"][0];
  CHECK(copied["volumeId"] == "vol-ffffffff");
  CHECK(copied["volumeSize"] == 12);

  body(f.call("DeleteSnapshot", {{"SnapshotId", id}}));
  CHECK(error(f.call("DeleteSnapshot", {{"SnapshotId", id}})).message == "The snapshot '" + id + "' does not exist.");
  CHECK(error(f.call("DescribeSnapshots", {{"SnapshotId", {"snap-1"}}})).code == "InvalidSnapshotID.Malformed");
}

TEST_CASE("ec2 volumes: MaxResults and NextToken walk volumes in creation order", "[ec2][volumes]") {
  Ec2Fixture f;
  std::vector<std::string> ids;
  for (int i = 0; i < 7; ++i) ids.push_back(create_volume(f)["volumeId"]);
  std::vector<std::string> seen;
  nlohmann::json params = {{"MaxResults", "5"}};
  for (int page = 0; page < 3; ++page) {
    const auto b = body(f.call("DescribeVolumes", params));
    for (const auto& v : b["volumeSet"]) seen.push_back(v["volumeId"]);
    if (!b.contains("nextToken")) break;
    params["NextToken"] = b["nextToken"];
  }
  CHECK(seen == ids);
  CHECK(error(f.call("DescribeVolumes", {{"MaxResults", "4"}})).code == "InvalidParameterValue");
  CHECK(error(f.call("DescribeVolumes", {{"Filter", {filter("colour", {"red"})}}})).code == "InvalidParameterValue");
}

}  // namespace
}  // namespace chokepoint::test
