#include "services/ec2/ec2_volume.hpp"

#include <algorithm>

#include "common/time_format.hpp"
#include "persistence/record_time.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

// How far a transition that takes `delay` has come, in percent; 100 only when it is over.
long long percent_done(TimePoint since, TimePoint now, Duration delay) {
  if (delay <= Duration::zero()) return 100;
  const auto done = std::chrono::duration<double>(now - since) / std::chrono::duration<double>(delay);
  return std::clamp(static_cast<long long>(done * 100), 0LL, 99LL);
}

void advance_modification(Ec2Volume& volume, TimePoint now, Duration delay) {
  auto& m = volume.modification;
  if (!m) return;
  if (m->state == "modifying" && now - m->since >= delay) {
    // The volume has its new size, type and performance once the modification is optimizing.
    m->state = "optimizing";
    m->since += delay;
    volume.shape = m->target;
  }
  if (m->state == "optimizing" && now - m->since >= delay) {
    m->state = "completed";
    m->since += delay;
  }
}

void put_shape(nlohmann::json& j, const Ec2VolumeShape& s, const char* prefix) {
  const auto name = [&](const char* field) { return std::string(prefix) + field; };
  j[name("Size")] = s.size_gib;
  j[name("VolumeType")] = s.type;
  if (s.iops) j[name("Iops")] = *s.iops;
  if (s.throughput) j[name("Throughput")] = *s.throughput;
  j[name("MultiAttachEnabled")] = s.multi_attach;
}

nlohmann::json shape_record(const Ec2VolumeShape& s) {
  return {{"size", s.size_gib},
          {"type", s.type},
          {"iops", s.iops ? nlohmann::json(*s.iops) : nlohmann::json(nullptr)},
          {"throughput", s.throughput ? nlohmann::json(*s.throughput) : nlohmann::json(nullptr)},
          {"multi_attach", s.multi_attach}};
}

Ec2VolumeShape shape_from(const nlohmann::json& j) {
  Ec2VolumeShape s;
  s.size_gib = j.at("size").get<long long>();
  s.type = j.at("type").get<std::string>();
  if (!j.at("iops").is_null()) s.iops = j.at("iops").get<long long>();
  if (!j.at("throughput").is_null()) s.throughput = j.at("throughput").get<long long>();
  s.multi_attach = j.at("multi_attach").get<bool>();
  return s;
}

}  // namespace

void advance_volume(Ec2Volume& volume, TimePoint now, Duration delay) {
  if (volume.state == "creating" && now - volume.create_time >= delay) volume.state = "available";
  for (auto& a : volume.attachments) {
    if (a.status == "attaching" && now - a.since >= delay) {
      a.status = "attached";
      a.since += delay;
    }
  }
  std::erase_if(volume.attachments,
                [&](const Ec2VolumeAttachment& a) { return a.status == "detaching" && now - a.since >= delay; });
  if (volume.state != "creating") volume.state = volume.attachments.empty() ? "available" : "in-use";
  advance_modification(volume, now, delay);
}

void advance_snapshot(Ec2Snapshot& snapshot, TimePoint now, Duration delay) {
  if (snapshot.state == "pending" && now - snapshot.since >= delay) {
    snapshot.state = "completed";
    snapshot.since += delay;
  }
}

long long gp2_baseline_iops(long long size_gib) {
  return std::clamp(size_gib * 3, 100LL, 16000LL);
}

const Ec2VolumeAttachment* attachment_to(const Ec2Volume& volume, const std::string& instance_id) {
  for (const auto& a : volume.attachments) {
    if (a.instance_id == instance_id) return &a;
  }
  return nullptr;
}

nlohmann::json volume_attachment_json(const std::string& volume_id, const Ec2VolumeAttachment& a) {
  return {{"volumeId", volume_id},
          {"instanceId", a.instance_id},
          {"device", a.device},
          {"status", a.status},
          {"attachTime", iso8601_millis(a.attach_time)},
          {"deleteOnTermination", a.delete_on_termination}};
}

nlohmann::json volume_json(const Ec2Volume& v, const Ec2Tags& tags) {
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : v.attachments) attachments.push_back(volume_attachment_json(v.id, a));
  nlohmann::json j = {{"volumeId", v.id},
                      {"size", v.shape.size_gib},
                      {"snapshotId", v.snapshot_id},
                      {"availabilityZone", v.zone},
                      {"availabilityZoneId", v.zone_id},
                      {"status", v.state},
                      {"createTime", iso8601_millis(v.create_time)},
                      {"attachmentSet", std::move(attachments)},
                      {"volumeType", v.shape.type},
                      {"encrypted", v.encrypted},
                      {"multiAttachEnabled", v.shape.multi_attach}};
  if (v.shape.iops) j["iops"] = *v.shape.iops;
  if (v.shape.throughput) j["throughput"] = *v.shape.throughput;
  if (v.encrypted) j["kmsKeyId"] = v.kms_key_id;
  if (!tags.empty()) j["tagSet"] = tag_set_json(tags);
  return j;
}

nlohmann::json volume_modification_json(const std::string& volume_id, const Ec2VolumeModification& m, TimePoint now,
                                        Duration delay) {
  nlohmann::json j = {
      {"volumeId", volume_id}, {"modificationState", m.state}, {"startTime", iso8601_millis(m.start_time)}};
  put_shape(j, m.target, "target");
  put_shape(j, m.original, "original");
  if (m.state == "modifying") j["progress"] = 0;
  if (m.state == "optimizing") j["progress"] = percent_done(m.since, now, delay);
  if (m.state == "completed") {
    j["progress"] = 100;
    j["endTime"] = iso8601_millis(m.since);
  }
  return j;
}

nlohmann::json snapshot_json(const Ec2Snapshot& s, const Ec2Tags& tags, TimePoint now, Duration delay) {
  const bool done = s.state == "completed";
  nlohmann::json j = {{"snapshotId", s.id},
                      {"volumeId", s.volume_id},
                      {"status", s.state},
                      {"startTime", iso8601_millis(s.start_time)},
                      {"progress", std::to_string(done ? 100 : percent_done(s.since, now, delay)) + "%"},
                      {"ownerId", s.owner_id},
                      {"description", s.description},
                      {"volumeSize", s.volume_size_gib},
                      {"encrypted", s.encrypted},
                      {"storageTier", "standard"}};
  if (done) j["completionTime"] = iso8601_millis(s.since);
  if (s.encrypted) j["kmsKeyId"] = s.kms_key_id;
  if (!tags.empty()) j["tagSet"] = tag_set_json(tags);
  return j;
}

nlohmann::json volume_record(const Ec2Volume& v) {
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : v.attachments) {
    attachments.push_back({{"instance_id", a.instance_id},
                           {"device", a.device},
                           {"status", a.status},
                           {"since", record_time(a.since)},
                           {"attach_time", record_time(a.attach_time)},
                           {"delete_on_termination", a.delete_on_termination}});
  }
  nlohmann::json modification = nullptr;
  if (const auto& m = v.modification) {
    modification = {{"state", m->state},
                    {"original", shape_record(m->original)},
                    {"target", shape_record(m->target)},
                    {"start_time", record_time(m->start_time)},
                    {"since", record_time(m->since)}};
  }
  return {{"seq", v.seq},
          {"id", v.id},
          {"zone", v.zone},
          {"zone_id", v.zone_id},
          {"snapshot_id", v.snapshot_id},
          {"state", v.state},
          {"create_time", record_time(v.create_time)},
          {"shape", shape_record(v.shape)},
          {"encrypted", v.encrypted},
          {"kms_key_id", v.kms_key_id},
          {"client_token", v.client_token},
          {"fingerprint", v.fingerprint},
          {"root", v.root},
          {"attachments", attachments},
          {"modification", modification}};
}

Ec2Volume volume_from_record(const nlohmann::json& j) {
  Ec2Volume v;
  v.seq = j.at("seq").get<uint64_t>();
  for (auto [field, key] :
       std::initializer_list<std::pair<std::string*, const char*>>{{&v.id, "id"},
                                                                   {&v.zone, "zone"},
                                                                   {&v.zone_id, "zone_id"},
                                                                   {&v.snapshot_id, "snapshot_id"},
                                                                   {&v.state, "state"},
                                                                   {&v.kms_key_id, "kms_key_id"},
                                                                   {&v.client_token, "client_token"},
                                                                   {&v.fingerprint, "fingerprint"}}) {
    *field = j.at(key).get<std::string>();
  }
  v.create_time = time_from_record(j.at("create_time"));
  v.shape = shape_from(j.at("shape"));
  v.encrypted = j.at("encrypted").get<bool>();
  v.root = j.at("root").get<bool>();
  for (const auto& a : j.at("attachments")) {
    v.attachments.push_back({a.at("instance_id").get<std::string>(), a.at("device").get<std::string>(),
                             a.at("status").get<std::string>(), time_from_record(a.at("since")),
                             time_from_record(a.at("attach_time")), a.at("delete_on_termination").get<bool>()});
  }
  if (const auto& m = j.at("modification"); !m.is_null()) {
    v.modification = Ec2VolumeModification{m.at("state").get<std::string>(), shape_from(m.at("original")),
                                           shape_from(m.at("target")), time_from_record(m.at("start_time")),
                                           time_from_record(m.at("since"))};
  }
  return v;
}

nlohmann::json snapshot_record(const Ec2Snapshot& s) {
  return {{"seq", s.seq},
          {"id", s.id},
          {"volume_id", s.volume_id},
          {"owner_id", s.owner_id},
          {"description", s.description},
          {"state", s.state},
          {"start_time", record_time(s.start_time)},
          {"since", record_time(s.since)},
          {"volume_size", s.volume_size_gib},
          {"encrypted", s.encrypted},
          {"kms_key_id", s.kms_key_id}};
}

Ec2Snapshot snapshot_from_record(const nlohmann::json& j) {
  Ec2Snapshot s;
  s.seq = j.at("seq").get<uint64_t>();
  for (auto [field, key] : std::initializer_list<std::pair<std::string*, const char*>>{{&s.id, "id"},
                                                                                       {&s.volume_id, "volume_id"},
                                                                                       {&s.owner_id, "owner_id"},
                                                                                       {&s.description, "description"},
                                                                                       {&s.state, "state"},
                                                                                       {&s.kms_key_id, "kms_key_id"}}) {
    *field = j.at(key).get<std::string>();
  }
  s.start_time = time_from_record(j.at("start_time"));
  s.since = time_from_record(j.at("since"));
  s.volume_size_gib = j.at("volume_size").get<long long>();
  s.encrypted = j.at("encrypted").get<bool>();
  return s;
}

}  // namespace chokepoint
