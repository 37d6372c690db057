#pragma once
// One emulated instance and its life cycle. States change lazily: a call that looks at an instance first
// advances it by the time passed since its last change (pending -> running, stopping -> stopped,
// shutting-down -> terminated), so no timers run and a manual clock drives it in tests.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "config/ec2_settings.hpp"
#include "services/ec2/ec2_filters.hpp"

namespace chokepoint {

enum class Ec2InstanceState { kPending, kRunning, kShuttingDown, kTerminated, kStopping, kStopped };

int state_code(Ec2InstanceState state);               // 0, 16, 32, 48, 64, 80
std::string_view state_name(Ec2InstanceState state);  // "pending", "running", ...
nlohmann::json state_json(Ec2InstanceState state);    // {code, name}

struct Ec2SecurityGroup {
  std::string id;
  std::string name;
};

struct Ec2Instance {
  uint64_t seq = 0;  // launch order within its account and region; the pagination cursor
  std::string id;
  std::string reservation_id;
  std::string owner_id;
  std::string region;
  std::string image_id;
  std::string instance_type;
  std::string architecture;
  std::string platform;  // "" or "windows"
  std::string platform_details;
  std::string root_device_name;
  std::string key_name;
  std::string zone;
  std::string zone_id;  // use1-az1
  std::string subnet_id;
  std::string vpc_id;
  std::string private_ip;
  std::string public_ip;              // empty while stopped or terminated, unless it is an Elastic IP
  std::string elastic_allocation_id;  // set while public_ip is an associated Elastic IP (it stays when stopped)
  std::string network_interface_id;
  std::string mac_address;
  std::string root_volume_id;
  std::string client_token;
  std::vector<Ec2SecurityGroup> security_groups;
  int launch_index = 0;
  int cpu_cores = 1;
  int threads_per_core = 1;
  bool ebs_optimized = false;
  bool monitoring = false;
  bool disable_api_termination = false;
  // Instance attributes (DescribeInstanceAttribute / ModifyInstanceAttribute).
  std::string user_data;                  // base64, as RunInstances and ModifyInstanceAttribute carry it
  std::string shutdown_behavior = "stop";  // InstanceInitiatedShutdownBehavior
  bool source_dest_check = true;
  bool ena_support = true;
  bool disable_api_stop = false;
  bool root_delete_on_termination = true;
  TimePoint launch_time;  // the last start
  Ec2InstanceState state = Ec2InstanceState::kPending;
  TimePoint state_since;          // when the current state began
  std::string transition_reason;  // StateTransitionReason
  std::string state_reason_code;  // StateReason.Code; empty when none
  std::string state_reason_message;
  Ec2Tags tags;
};

// Moves `instance` to the end of any transition whose delay has passed.
void advance(Ec2Instance& instance, TimePoint now, const Ec2Settings& settings);
// Starts a transition (pending, stopping, shutting-down) or sets a final state, now.
void set_state(Ec2Instance& instance, Ec2InstanceState state, TimePoint now);
// True when a terminated instance has been listed long enough to disappear.
bool expired(const Ec2Instance& instance, TimePoint now, const Ec2Settings& settings);

// Who owns the instance's public address: "amazon" for an auto-assigned one, the account for an Elastic IP;
// empty without a public address.
std::string public_ip_owner(const Ec2Instance& instance);

// The Instance structure under its EC2 wire names.
nlohmann::json instance_json(const Ec2Instance& instance);
// A Reservation: {reservationId, ownerId, groupSet, instancesSet}.
nlohmann::json reservation_json(const std::string& reservation_id, const std::string& owner_id,
                                nlohmann::json instances);
// An InstanceStateChange item: {instanceId, currentState, previousState}.
nlohmann::json state_change_json(const Ec2Instance& instance, Ec2InstanceState previous);

// DescribeInstances' filters: every name AWS documents is accepted (ec2_instance_filters.cpp); the values are
// the instance's, and empty for properties emulated instances never have (host-id, spot-instance-request-id).
bool is_instance_filter(std::string_view name);
std::vector<std::string> instance_filter_values(const Ec2Instance& instance, const std::string& name);

}  // namespace chokepoint
