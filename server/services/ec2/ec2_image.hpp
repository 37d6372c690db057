#pragma once
// An image made by CreateImage from an instance: a catalog-shaped entry owned by the account, pending until the
// emulated clock has passed the instance pending delay after its creation, then available. Plain value;
// thread-safety is its owner's (Ec2Store).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "common/clock.hpp"
#include "config/ec2_settings.hpp"

namespace chokepoint {

struct Ec2Image {
  uint64_t seq = 0;    // creation order within its account and region
  Ec2ImageEntry entry;  // id, name, description, architecture, platform, owner (the account), root device
  std::string source_instance_id;
  TimePoint created;
};

// "pending" until `settings.pending_delay` after creation, then "available".
std::string image_state(const Ec2Image& image, TimePoint now, const Ec2Settings& settings);

nlohmann::json image_record(const Ec2Image& image);
Ec2Image image_from_record(const nlohmann::json& j);

}  // namespace chokepoint
