#include "services/ec2/ec2_image.hpp"

#include "persistence/record_time.hpp"

namespace chokepoint {

std::string image_state(const Ec2Image& image, TimePoint now, const Ec2Settings& settings) {
  return now >= image.created + settings.pending_delay ? "available" : "pending";
}

nlohmann::json image_record(const Ec2Image& image) {
  const Ec2ImageEntry& e = image.entry;
  return {{"seq", image.seq},
          {"id", e.id},
          {"name", e.name},
          {"description", e.description},
          {"architecture", e.architecture},
          {"platform", e.platform},
          {"platform_details", e.platform_details},
          {"owner_id", e.owner_id},
          {"creation_date", e.creation_date},
          {"root_device_name", e.root_device_name},
          {"source_instance_id", image.source_instance_id},
          {"created", record_time(image.created)}};
}

Ec2Image image_from_record(const nlohmann::json& j) {
  Ec2Image image;
  image.seq = j.at("seq").get<uint64_t>();
  Ec2ImageEntry& e = image.entry;
  for (auto [field, key] : std::initializer_list<std::pair<std::string*, const char*>>{
           {&e.id, "id"}, {&e.name, "name"}, {&e.description, "description"}, {&e.architecture, "architecture"},
           {&e.platform, "platform"}, {&e.platform_details, "platform_details"}, {&e.owner_id, "owner_id"},
           {&e.creation_date, "creation_date"}, {&e.root_device_name, "root_device_name"},
           {&image.source_instance_id, "source_instance_id"}}) {
    *field = j.at(key).get<std::string>();
  }
  e.owner_alias.clear();
  e.is_public = false;
  image.created = time_from_record(j.at("created"));
  return image;
}

}  // namespace chokepoint
