#include "services/ec2/ec2_instance.hpp"

#include "common/time_format.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

constexpr const char* kShutdownCode = "Client.UserInitiatedShutdown";
constexpr const char* kShutdownMessage = "Client.UserInitiatedShutdown: User initiated shutdown";

// "User initiated (2026-11-21 23:34:00 GMT)", EC2's StateTransitionReason for a user's stop or terminate.
std::string user_initiated(TimePoint now) {
  std::string stamp = iso8601_seconds(now);  // 2026-11-21T23:34:00Z
  stamp[10] = ' ';
  stamp.pop_back();
  return "User initiated (" + stamp + " GMT)";
}

Duration delay_of(Ec2InstanceState state, const Ec2Settings& settings) {
  switch (state) {
    case Ec2InstanceState::kPending:
      return settings.pending_delay;
    case Ec2InstanceState::kStopping:
      return settings.stopping_delay;
    case Ec2InstanceState::kShuttingDown:
      return settings.shutting_down_delay;
    default:
      return Duration::max();
  }
}

Ec2InstanceState end_of(Ec2InstanceState state) {
  switch (state) {
    case Ec2InstanceState::kPending:
      return Ec2InstanceState::kRunning;
    case Ec2InstanceState::kStopping:
      return Ec2InstanceState::kStopped;
    case Ec2InstanceState::kShuttingDown:
      return Ec2InstanceState::kTerminated;
    default:
      return state;
  }
}

nlohmann::json network_interface_json(const Ec2Instance& i) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : i.security_groups) groups.push_back({{"groupId", g.id}, {"groupName", g.name}});
  nlohmann::json address = {{"privateIpAddress", i.private_ip},
                            {"privateDnsName", private_dns_name(i.private_ip, i.region)},
                            {"primary", true}};
  nlohmann::json eni = {{"networkInterfaceId", i.network_interface_id},
                        {"subnetId", i.subnet_id},
                        {"vpcId", i.vpc_id},
                        {"description", ""},
                        {"ownerId", i.owner_id},
                        {"status", "in-use"},
                        {"macAddress", i.mac_address},
                        {"privateIpAddress", i.private_ip},
                        {"privateDnsName", private_dns_name(i.private_ip, i.region)},
                        {"sourceDestCheck", i.source_dest_check},
                        {"groupSet", groups},
                        {"interfaceType", "interface"},
                        {"attachment",
                         {{"attachmentId", "eni-attach-" + i.network_interface_id.substr(4)},
                          {"deviceIndex", 0},
                          {"networkCardIndex", 0},
                          {"status", "attached"},
                          {"attachTime", iso8601_millis(i.launch_time)},
                          {"deleteOnTermination", true}}}};
  if (!i.public_ip.empty()) {
    const nlohmann::json association = {{"publicIp", i.public_ip},
                                        {"publicDnsName", public_dns_name(i.public_ip, i.region)},
                                        {"ipOwnerId", public_ip_owner(i)}};
    eni["association"] = association;
    address["association"] = association;
  }
  eni["privateIpAddressesSet"] = nlohmann::json::array({address});
  return eni;
}

// The parts of an Instance that describe how it was launched rather than its current state.
void add_launch_details(nlohmann::json& j, const Ec2Instance& i) {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : i.security_groups) groups.push_back({{"groupId", g.id}, {"groupName", g.name}});
  j["groupSet"] = std::move(groups);
  j["placement"] = {
      {"availabilityZone", i.zone}, {"availabilityZoneId", i.zone_id}, {"groupName", ""}, {"tenancy", "default"}};
  j["monitoring"] = {{"state", i.monitoring ? "enabled" : "disabled"}};
  j["cpuOptions"] = {{"coreCount", i.cpu_cores}, {"threadsPerCore", i.threads_per_core}};
  j["capacityReservationSpecification"] = {{"capacityReservationPreference", "open"}};
  j["hibernationOptions"] = {{"configured", false}};
  j["enclaveOptions"] = {{"enabled", false}};
  j["metadataOptions"] = {
      {"state", "applied"},        {"httpTokens", "required"},       {"httpPutResponseHopLimit", 2},
      {"httpEndpoint", "enabled"}, {"httpProtocolIpv6", "disabled"}, {"instanceMetadataTags", "disabled"}};
  j["privateDnsNameOptions"] = {
      {"hostnameType", "ip-name"}, {"enableResourceNameDnsARecord", false}, {"enableResourceNameDnsAAAARecord", false}};
  j["maintenanceOptions"] = {{"autoRecovery", "default"}};
  j["productCodes"] = nlohmann::json::array();
  j["usageOperation"] = i.platform == "windows" ? "RunInstances:0002" : "RunInstances";
  j["usageOperationUpdateTime"] = iso8601_millis(i.launch_time);
}

}  // namespace

int state_code(Ec2InstanceState state) {
  switch (state) {
    case Ec2InstanceState::kPending:
      return 0;
    case Ec2InstanceState::kRunning:
      return 16;
    case Ec2InstanceState::kShuttingDown:
      return 32;
    case Ec2InstanceState::kTerminated:
      return 48;
    case Ec2InstanceState::kStopping:
      return 64;
    case Ec2InstanceState::kStopped:
      return 80;
  }
  return 0;
}

std::string_view state_name(Ec2InstanceState state) {
  switch (state) {
    case Ec2InstanceState::kPending:
      return "pending";
    case Ec2InstanceState::kRunning:
      return "running";
    case Ec2InstanceState::kShuttingDown:
      return "shutting-down";
    case Ec2InstanceState::kTerminated:
      return "terminated";
    case Ec2InstanceState::kStopping:
      return "stopping";
    case Ec2InstanceState::kStopped:
      return "stopped";
  }
  return "pending";
}

nlohmann::json state_json(Ec2InstanceState state) {
  return {{"code", state_code(state)}, {"name", std::string(state_name(state))}};
}

void advance(Ec2Instance& instance, TimePoint now, const Ec2Settings& settings) {
  const Duration delay = delay_of(instance.state, settings);
  if (delay == Duration::max() || now - instance.state_since < delay) return;
  instance.state_since += delay;
  instance.state = end_of(instance.state);
  // AWS releases an instance's auto-assigned public address when it stops; an Elastic IP stays associated
  // until the instance terminates.
  const bool keeps_address = instance.state == Ec2InstanceState::kStopped && !instance.elastic_allocation_id.empty();
  if ((instance.state == Ec2InstanceState::kStopped || instance.state == Ec2InstanceState::kTerminated) &&
      !keeps_address) {
    instance.public_ip.clear();
    instance.elastic_allocation_id.clear();
  }
}

void set_state(Ec2Instance& instance, Ec2InstanceState state, TimePoint now) {
  instance.state = state;
  instance.state_since = now;
  if (state == Ec2InstanceState::kPending) {
    instance.launch_time = now;
    instance.transition_reason.clear();
    instance.state_reason_code.clear();
    instance.state_reason_message.clear();
  } else if (state == Ec2InstanceState::kStopping || state == Ec2InstanceState::kShuttingDown) {
    instance.transition_reason = user_initiated(now);
    instance.state_reason_code = kShutdownCode;
    instance.state_reason_message = kShutdownMessage;
  }
}

bool expired(const Ec2Instance& instance, TimePoint now, const Ec2Settings& settings) {
  return instance.state == Ec2InstanceState::kTerminated && now - instance.state_since >= settings.terminated_visible;
}

std::string public_ip_owner(const Ec2Instance& instance) {
  if (instance.public_ip.empty()) return {};
  return instance.elastic_allocation_id.empty() ? "amazon" : instance.owner_id;
}

nlohmann::json instance_json(const Ec2Instance& i) {
  const bool gone = i.state == Ec2InstanceState::kTerminated;
  nlohmann::json j = {{"instanceId", i.id},
                      {"imageId", i.image_id},
                      {"instanceState", state_json(i.state)},
                      {"privateDnsName", gone ? "" : private_dns_name(i.private_ip, i.region)},
                      {"dnsName", i.public_ip.empty() ? "" : public_dns_name(i.public_ip, i.region)},
                      {"reason", i.transition_reason},
                      {"amiLaunchIndex", i.launch_index},
                      {"instanceType", i.instance_type},
                      {"launchTime", iso8601_millis(i.launch_time)},
                      {"architecture", i.architecture},
                      {"platformDetails", i.platform_details},
                      {"rootDeviceType", "ebs"},
                      {"rootDeviceName", i.root_device_name},
                      {"virtualizationType", "hvm"},
                      {"hypervisor", "xen"},
                      {"clientToken", i.client_token},
                      {"sourceDestCheck", i.source_dest_check},
                      {"ebsOptimized", i.ebs_optimized},
                      {"enaSupport", i.ena_support}};
  add_launch_details(j, i);
  if (!i.key_name.empty()) j["keyName"] = i.key_name;
  if (!i.platform.empty()) j["platform"] = i.platform;
  if (!i.state_reason_code.empty()) {
    j["stateReason"] = {{"code", i.state_reason_code}, {"message", i.state_reason_message}};
  }
  if (!i.tags.empty()) j["tagSet"] = tag_set_json(i.tags);
  if (!i.public_ip.empty()) j["ipAddress"] = i.public_ip;
  // A terminated instance has released its network interface and volume.
  j["blockDeviceMapping"] = nlohmann::json::array();
  j["networkInterfaceSet"] = nlohmann::json::array();
  if (!gone) {
    j["subnetId"] = i.subnet_id;
    j["vpcId"] = i.vpc_id;
    j["privateIpAddress"] = i.private_ip;
    j["blockDeviceMapping"].push_back({{"deviceName", i.root_device_name},
                                       {"ebs",
                                        {{"volumeId", i.root_volume_id},
                                         {"status", "attached"},
                                         {"attachTime", iso8601_millis(i.launch_time)},
                                         {"deleteOnTermination", i.root_delete_on_termination}}}});
    j["networkInterfaceSet"].push_back(network_interface_json(i));
  }
  return j;
}

nlohmann::json reservation_json(const std::string& reservation_id, const std::string& owner_id,
                                nlohmann::json instances) {
  return {{"reservationId", reservation_id},
          {"ownerId", owner_id},
          {"groupSet", nlohmann::json::array()},
          {"instancesSet", std::move(instances)}};
}

nlohmann::json state_change_json(const Ec2Instance& instance, Ec2InstanceState previous) {
  return {{"instanceId", instance.id},
          {"currentState", state_json(instance.state)},
          {"previousState", state_json(previous)}};
}

}  // namespace chokepoint
