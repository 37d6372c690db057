// Ec2Service's durable mode. One record per account and region (key "ACCOUNT/REGION", kind "region"):
// its instances, RunInstances client tokens, tags on other resources and the id/address counters. EC2's
// write calls are few and throttled hard, so writing a region's whole state after each is cheap enough
// and keeps the record independent of which instances a call touched.
#include "persistence/record_time.hpp"
#include "services/ec2/ec2_service.hpp"
#include "services/ec2/ec2_volume.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kEc2Records = "ec2";

using nlohmann::json;

json instance_state_json(const Ec2Instance& i) {
  json groups = json::array();
  for (const auto& g : i.security_groups) groups.push_back({g.id, g.name});
  return {{"seq", i.seq},
          {"id", i.id},
          {"reservation_id", i.reservation_id},
          {"owner_id", i.owner_id},
          {"region", i.region},
          {"image_id", i.image_id},
          {"instance_type", i.instance_type},
          {"architecture", i.architecture},
          {"platform", i.platform},
          {"platform_details", i.platform_details},
          {"root_device_name", i.root_device_name},
          {"key_name", i.key_name},
          {"zone", i.zone},
          {"zone_id", i.zone_id},
          {"subnet_id", i.subnet_id},
          {"vpc_id", i.vpc_id},
          {"private_ip", i.private_ip},
          {"public_ip", i.public_ip},
          {"network_interface_id", i.network_interface_id},
          {"mac_address", i.mac_address},
          {"root_volume_id", i.root_volume_id},
          {"client_token", i.client_token},
          {"security_groups", groups},
          {"launch_index", i.launch_index},
          {"cpu_cores", i.cpu_cores},
          {"threads_per_core", i.threads_per_core},
          {"ebs_optimized", i.ebs_optimized},
          {"monitoring", i.monitoring},
          {"disable_api_termination", i.disable_api_termination},
          {"launch_time", record_time(i.launch_time)},
          {"state", static_cast<int>(i.state)},
          {"state_since", record_time(i.state_since)},
          {"transition_reason", i.transition_reason},
          {"state_reason_code", i.state_reason_code},
          {"state_reason_message", i.state_reason_message},
          {"tags", i.tags},
          {"elastic_allocation_id", i.elastic_allocation_id},
          {"user_data", i.user_data},
          {"shutdown_behavior", i.shutdown_behavior},
          {"source_dest_check", i.source_dest_check},
          {"ena_support", i.ena_support},
          {"disable_api_stop", i.disable_api_stop},
          {"root_delete_on_termination", i.root_delete_on_termination}};
}

Ec2Instance instance_from(const json& j) {
  Ec2Instance i;
  i.seq = j.at("seq").get<uint64_t>();
  for (auto [field, key] : std::initializer_list<std::pair<std::string*, const char*>>{
           {&i.id, "id"}, {&i.reservation_id, "reservation_id"}, {&i.owner_id, "owner_id"}, {&i.region, "region"},
           {&i.image_id, "image_id"}, {&i.instance_type, "instance_type"}, {&i.architecture, "architecture"},
           {&i.platform, "platform"}, {&i.platform_details, "platform_details"},
           {&i.root_device_name, "root_device_name"}, {&i.key_name, "key_name"}, {&i.zone, "zone"},
           {&i.zone_id, "zone_id"}, {&i.subnet_id, "subnet_id"}, {&i.vpc_id, "vpc_id"},
           {&i.private_ip, "private_ip"}, {&i.public_ip, "public_ip"},
           {&i.network_interface_id, "network_interface_id"}, {&i.mac_address, "mac_address"},
           {&i.root_volume_id, "root_volume_id"}, {&i.client_token, "client_token"},
           {&i.transition_reason, "transition_reason"}, {&i.state_reason_code, "state_reason_code"},
           {&i.state_reason_message, "state_reason_message"}}) {
    *field = j.at(key).get<std::string>();
  }
  for (const auto& g : j.at("security_groups")) i.security_groups.push_back({g.at(0).get<std::string>(), g.at(1).get<std::string>()});
  i.launch_index = j.at("launch_index").get<int>();
  i.cpu_cores = j.at("cpu_cores").get<int>();
  i.threads_per_core = j.at("threads_per_core").get<int>();
  i.ebs_optimized = j.at("ebs_optimized").get<bool>();
  i.monitoring = j.at("monitoring").get<bool>();
  i.disable_api_termination = j.at("disable_api_termination").get<bool>();
  i.launch_time = time_from_record(j.at("launch_time"));
  i.state = static_cast<Ec2InstanceState>(j.at("state").get<int>());
  i.state_since = time_from_record(j.at("state_since"));
  i.tags = j.at("tags").get<Ec2Tags>();
  i.elastic_allocation_id = j.value("elastic_allocation_id", "");
  // Records written before instance attributes were emulated have their launch defaults.
  i.user_data = j.value("user_data", "");
  i.shutdown_behavior = j.value("shutdown_behavior", "stop");
  i.source_dest_check = j.value("source_dest_check", true);
  i.ena_support = j.value("ena_support", true);
  i.disable_api_stop = j.value("disable_api_stop", false);
  i.root_delete_on_termination = j.value("root_delete_on_termination", true);
  return i;
}

json region_json(const Ec2RegionState& s) {
  json instances = json::array(), tokens = json::object();
  for (const auto& [seq, instance] : s.instances) instances.push_back(instance_state_json(instance));
  for (const auto& [token, e] : s.client_tokens) {
    tokens[token] = {{"fingerprint", e.fingerprint}, {"reservation_id", e.reservation_id}, {"instances", e.instance_ids}};
  }
  json key_pairs = json::array();
  for (const auto& [name, key] : s.key_pairs) key_pairs.push_back(key_pair_record(key));
  json addresses = json::array();
  for (const auto& [id, address] : s.addresses) addresses.push_back(address_record(address));
  json volumes = json::array();
  for (const auto& [id, volume] : s.volumes) volumes.push_back(volume_record(volume));
  json snapshots = json::array();
  for (const auto& [id, snapshot] : s.snapshots) snapshots.push_back(snapshot_record(snapshot));
  json images = json::array();
  for (const auto& [id, image] : s.images) images.push_back(image_record(image));
  json network_interfaces = json::array();
  for (const auto& [id, eni] : s.network_interfaces) network_interfaces.push_back(network_interface_record(eni));
  json launch_templates = json::array();
  for (const auto& [seq, t] : s.launch_templates) launch_templates.push_back(launch_template_record(t));
  json vpcs = json::array(), subnets = json::array(), groups = json::array();
  for (const auto& [id, vpc] : s.vpcs) vpcs.push_back(vpc_record(vpc));
  for (const auto& [id, subnet] : s.subnets) subnets.push_back(subnet_record(subnet));
  for (const auto& [id, group] : s.security_groups) groups.push_back(group_record(group));
  json gateways = json::array(), tables = json::array();
  for (const auto& [id, gateway] : s.internet_gateways) gateways.push_back(internet_gateway_record(gateway));
  for (const auto& [id, table] : s.route_tables) tables.push_back(route_table_record(table));
  return {{"instances", instances},
          {"volumes", volumes},
          {"snapshots", snapshots},
          {"client_tokens", tokens},
          {"resource_tags", s.resource_tags},
          {"key_pairs", key_pairs},
          {"addresses", addresses},
          {"launch_templates", launch_templates},
          {"images", images},
          {"network_interfaces", network_interfaces},
          {"vpcs", vpcs},
          {"subnets", subnets},
          {"security_groups", groups},
          {"internet_gateways", gateways},
          {"route_tables", tables},
          {"next_sequence", s.next_sequence},
          {"next_private_address", s.next_private_address},
          {"next_public_address", s.next_public_address}};
}

void restore_region(Ec2RegionState& s, const json& j) {
  s = Ec2RegionState{};
  for (const auto& i : j.at("instances")) {
    Ec2Instance instance = instance_from(i);
    s.sequence_of[instance.id] = instance.seq;
    s.instances.emplace(instance.seq, std::move(instance));
  }
  for (const auto& [token, e] : j.at("client_tokens").items()) {
    s.client_tokens[token] = Ec2ClientTokenEntry{e.at("fingerprint").get<std::string>(),
                                                 e.at("reservation_id").get<std::string>(),
                                                 e.at("instances").get<std::vector<std::string>>()};
  }
  s.resource_tags = j.at("resource_tags").get<std::map<std::string, Ec2Tags>>();
  // Records written before key pairs and Elastic IPs were emulated have none.
  for (const auto& k : j.value("key_pairs", json::array())) {
    Ec2KeyPair key = key_pair_from_record(k);
    s.key_pairs.emplace(key.name, std::move(key));
  }
  for (const auto& a : j.value("addresses", json::array())) {
    Ec2Address address = address_from_record(a);
    s.addresses.emplace(address.allocation_id, std::move(address));
  }
  // Records written before volumes and snapshots were emulated have none.
  for (const auto& v : j.value("volumes", json::array())) {
    Ec2Volume volume = volume_from_record(v);
    s.volumes.emplace(volume.id, std::move(volume));
  }
  for (const auto& n : j.value("snapshots", json::array())) {
    Ec2Snapshot snapshot = snapshot_from_record(n);
    s.snapshots.emplace(snapshot.id, std::move(snapshot));
  }
  for (const auto& t : j.value("launch_templates", json::array())) {
    Ec2LaunchTemplate launch_template = launch_template_from_record(t);
    s.launch_templates.emplace(launch_template.seq, std::move(launch_template));
  }
  for (const auto& i : j.value("images", json::array())) {
    Ec2Image image = image_from_record(i);
    s.images.emplace(image.entry.id, std::move(image));
  }
  for (const auto& n : j.value("network_interfaces", json::array())) {
    Ec2NetworkInterface eni = network_interface_from_record(n);
    s.network_interfaces.emplace(eni.id, std::move(eni));
  }
  // Records written before VPC networking was emulated have none.
  for (const auto& v : j.value("vpcs", json::array())) {
    Ec2Vpc vpc = vpc_from_record(v);
    s.vpcs.emplace(vpc.id, std::move(vpc));
  }
  for (const auto& v : j.value("subnets", json::array())) {
    Ec2Subnet subnet = subnet_from_record(v);
    s.subnets.emplace(subnet.id, std::move(subnet));
  }
  for (const auto& v : j.value("security_groups", json::array())) {
    Ec2VpcGroup group = group_from_record(v);
    s.security_groups.emplace(group.id, std::move(group));
  }
  for (const auto& v : j.value("internet_gateways", json::array())) {
    Ec2InternetGateway gateway = internet_gateway_from_record(v);
    s.internet_gateways.emplace(gateway.id, std::move(gateway));
  }
  for (const auto& v : j.value("route_tables", json::array())) {
    Ec2RouteTable table = route_table_from_record(v);
    s.route_tables.emplace(table.id, std::move(table));
  }
  s.next_sequence = j.at("next_sequence").get<uint64_t>();
  s.next_private_address = j.at("next_private_address").get<uint64_t>();
  s.next_public_address = j.at("next_public_address").get<uint64_t>();
}

}  // namespace

std::string_view Ec2Service::persistence_name() const { return kEc2Records; }

void Ec2Service::attach_change_log(ChangeLog* log) { change_log_ = log; }

void Ec2Service::record_changes(const ApiRequest& request, CallContext& ctx) {
  const std::string& account = request.identity.account_id;
  const std::string& region = request.identity.region;
  store_.with_region(account, region, ctx.now, ctx.config.ec2, [&](Ec2RegionState& state) {
    change_log_->append(json_record_text(kEc2Records, "region", account + "/" + region, region_json(state)));
  });
}

void Ec2Service::dump(const RecordSink& emit) const {
  store_.for_each_region([&](const std::string& account, const std::string& region, const Ec2RegionState& state) {
    emit(json_record_text(kEc2Records, "region", account + "/" + region, region_json(state)));
  });
}

void Ec2Service::restore(const ChangeRecord& record, const RestoreContext& ctx) {
  const auto slash = record.key.find('/');
  if (record.kind != "region" || slash == std::string::npos) return;
  // Advancing to "now" first is harmless: restore_region replaces the whole state.
  store_.with_region(record.key.substr(0, slash), record.key.substr(slash + 1), ctx.now, ctx.config.ec2,
                     [&](Ec2RegionState& state) {
                       try {
                         restore_region(state, record.state);
                       } catch (const std::exception&) {
                         state = Ec2RegionState{};  // unreadable: start the region afresh
                       }
                     });
}

}  // namespace chokepoint
