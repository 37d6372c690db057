#pragma once
// One EBS volume, its attachments and its latest modification, and one snapshot: plain values with their wire
// forms and durable records. States change lazily, as instances' do: a call that looks at a volume or snapshot
// first advances it by the time passed (creating -> available, attaching -> attached, detaching -> gone,
// modifying -> optimizing -> completed, pending -> completed), so a manual clock drives them in tests.
// Thread-safety is their owner's (Ec2Store).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/clock.hpp"
#include "services/ec2/ec2_filters.hpp"

namespace chokepoint {

struct Ec2VolumeAttachment {
  std::string instance_id;
  std::string device;
  std::string status;  // attaching, attached, detaching
  TimePoint since;     // when the status began (attach time while attaching or attached)
  TimePoint attach_time;
  bool delete_on_termination = false;
};

// The size, type and performance a volume has, or a modification asks for.
struct Ec2VolumeShape {
  long long size_gib = 0;
  std::string type;                     // gp2, gp3, io1, io2, st1, sc1, standard
  std::optional<long long> iops;        // gp2 (baseline), gp3, io1, io2
  std::optional<long long> throughput;  // gp3 only, MiB/s
  bool multi_attach = false;
};

struct Ec2VolumeModification {
  std::string state;  // modifying, optimizing, completed
  Ec2VolumeShape original;
  Ec2VolumeShape target;
  TimePoint start_time;
  TimePoint since;  // when the state began
};

struct Ec2Volume {
  uint64_t seq = 0;  // creation order in its region; the pagination cursor
  std::string id;
  std::string zone;
  std::string zone_id;
  std::string snapshot_id;  // empty when created empty
  std::string state;        // creating, available, in-use
  TimePoint create_time;
  Ec2VolumeShape shape;
  bool encrypted = false;
  std::string kms_key_id;  // the key's ARN when encrypted
  std::string client_token;
  std::string fingerprint;  // CreateVolume's parameters, for ClientToken mismatches
  bool root = false;        // an instance's root volume, made at launch
  std::vector<Ec2VolumeAttachment> attachments;
  std::optional<Ec2VolumeModification> modification;
};

struct Ec2Snapshot {
  uint64_t seq = 0;
  std::string id;
  std::string volume_id;  // the source volume (for a copy: the source snapshot's)
  std::string owner_id;
  std::string description;
  std::string state;  // pending, completed
  TimePoint start_time;
  TimePoint since;
  long long volume_size_gib = 0;
  bool encrypted = false;
  std::string kms_key_id;
};

// Moves a volume, its attachments and its modification, or a snapshot, past every transition whose `delay`
// has passed. A detached attachment is dropped; a volume left without attachments is available.
void advance_volume(Ec2Volume& volume, TimePoint now, Duration delay);
void advance_snapshot(Ec2Snapshot& snapshot, TimePoint now, Duration delay);

// gp2's baseline IOPS for a size: 3 per GiB, between 100 and 16,000.
long long gp2_baseline_iops(long long size_gib);
// The volume's attachment to `instance_id`, or nullptr.
const Ec2VolumeAttachment* attachment_to(const Ec2Volume& volume, const std::string& instance_id);

// Wire forms: the Volume, VolumeAttachment, VolumeModification and Snapshot structures under their EC2 names.
nlohmann::json volume_attachment_json(const std::string& volume_id, const Ec2VolumeAttachment& a);
nlohmann::json volume_json(const Ec2Volume& volume, const Ec2Tags& tags);
nlohmann::json volume_modification_json(const std::string& volume_id, const Ec2VolumeModification& m, TimePoint now,
                                        Duration delay);
nlohmann::json snapshot_json(const Ec2Snapshot& snapshot, const Ec2Tags& tags, TimePoint now, Duration delay);

nlohmann::json volume_record(const Ec2Volume& volume);
Ec2Volume volume_from_record(const nlohmann::json& j);
nlohmann::json snapshot_record(const Ec2Snapshot& snapshot);
Ec2Snapshot snapshot_from_record(const nlohmann::json& j);

}  // namespace chokepoint
