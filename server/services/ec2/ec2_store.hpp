#pragma once
// All EC2 state, per account and region: instances in launch order, RunInstances client tokens, key pairs,
// Elastic IPs and tags on other resources. Thread-safe: one mutex; every call works on its region under it, after the
// region's instances have been advanced to the call's time.
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "services/ec2/ec2_address.hpp"
#include "services/ec2/ec2_image.hpp"
#include "services/ec2/ec2_instance.hpp"
#include "services/ec2/ec2_key_pair.hpp"
#include "services/ec2/ec2_volume.hpp"
#include "services/ec2/ec2_launch_template.hpp"
#include "services/ec2/ec2_network_interface.hpp"
#include "services/ec2/ec2_route_table.hpp"
#include "services/ec2/ec2_vpc.hpp"

namespace chokepoint {

// What RunInstances remembers of a ClientToken, to answer a repeated call with the same reservation.
struct Ec2ClientTokenEntry {
  std::string fingerprint;  // the call's parameters; a different call with the same token is a mismatch
  std::string reservation_id;
  std::vector<std::string> instance_ids;
};

struct Ec2RegionState {
  std::map<uint64_t, Ec2Instance> instances;              // by launch sequence
  std::unordered_map<std::string, uint64_t> sequence_of;  // instance id -> launch sequence
  std::unordered_map<std::string, Ec2ClientTokenEntry> client_tokens;
  // Tags on resources other than instances (catalog images, the default network, root volumes and network
  // interfaces), by resource id.
  std::map<std::string, Ec2Tags> resource_tags;
  std::map<std::string, Ec2KeyPair> key_pairs;  // by name; their tags are in resource_tags
  std::map<std::string, Ec2Address> addresses;  // Elastic IPs by allocation id; their tags are in resource_tags
  std::map<std::string, Ec2Volume> volumes;      // EBS volumes by id, root volumes too; tags in resource_tags
  std::map<std::string, Ec2Snapshot> snapshots;  // EBS snapshots by id; their tags are in resource_tags
  std::map<uint64_t, Ec2LaunchTemplate> launch_templates;  // by creation order; their tags are in resource_tags
  std::map<std::string, Ec2Image> images;  // made by CreateImage, by id; their tags are in resource_tags
  // Made by CreateNetworkInterface, by id (instances keep their primary interfaces); tags in resource_tags.
  std::map<std::string, Ec2NetworkInterface> network_interfaces;
  std::map<std::string, Ec2Vpc> vpcs;           // created VPCs by id; their tags are in resource_tags
  std::map<std::string, Ec2Subnet> subnets;     // created subnets by id
  // Created security groups by id, and the default VPC's "default" group once a rule of it has changed.
  std::map<std::string, Ec2VpcGroup> security_groups;
  std::map<std::string, Ec2InternetGateway> internet_gateways;  // by id
  std::map<std::string, Ec2RouteTable> route_tables;            // by id, created VPCs' main tables among them
  uint64_t next_sequence = 1;
  uint64_t next_private_address = 0;
  uint64_t next_public_address = 0;

  Ec2Instance* find(const std::string& id);
  Ec2KeyPair* find_key_pair_by_id(const std::string& id);
  Ec2Instance& add(Ec2Instance instance);  // assigns the launch sequence
  size_t live_count() const;               // instances not terminated
};

class Ec2Store {
 public:
  // Runs fn(Ec2RegionState&) for (account, region) under the lock, after advancing its instances to `now`
  // and dropping terminated ones past their visible time.
  template <typename Fn>
  auto with_region(const std::string& account, const std::string& region, TimePoint now, const Ec2Settings& settings,
                   Fn&& fn) {
    std::lock_guard lock(mutex_);
    Ec2RegionState& state = regions_[{account, region}];
    settle(state, now, settings);
    return fn(state);
  }

  void reset();
  // Runs fn(account, region, state) for every region in use, under the lock, without advancing anything.
  template <typename Fn>
  void for_each_region(Fn&& fn) {
    std::lock_guard lock(mutex_);
    for (auto& [key, state] : regions_) fn(key.first, key.second, state);
  }

 private:
  static void settle(Ec2RegionState& state, TimePoint now, const Ec2Settings& settings);

  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Ec2RegionState> regions_;
};

}  // namespace chokepoint
