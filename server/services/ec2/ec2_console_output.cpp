#include "services/ec2/ec2_console_output.hpp"

#include "common/base64.hpp"
#include "common/time_format.hpp"
#include "config/ec2_settings.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_instance_ids.hpp"
#include "services/ec2/ec2_network.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"

namespace chokepoint {

namespace {

std::string host_name(const Ec2Instance& i) {
  const std::string dns = private_dns_name(i.private_ip, i.region);
  return dns.substr(0, dns.find('.'));
}

std::string linux_boot_log(const Ec2Instance& i) {
  const std::string started = iso8601_seconds(i.launch_time);
  const std::string host = host_name(i);
  return "[    0.000000] Linux version 6.1.0-amazon (builder@build-host) (gcc 11.4.1) #1 SMP\n"
         "[    0.000000] Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz root=" + i.root_device_name +
         "1 ro console=tty0 console=ttyS0,115200n8 nvme_core.io_timeout=4294967295\n"
         "[    0.000000] DMI: Amazon EC2 " + i.instance_type + "/, BIOS 1.0 10/16/2017\n"
         "[    0.412337] ena 0000:00:05.0: Elastic Network Adapter (ENA) v2.8.0\n"
         "[    0.982114] EXT4-fs (" + i.root_device_name.substr(i.root_device_name.rfind('/') + 1) +
         "1): mounted filesystem with ordered data mode\n"
         "[    2.301856] systemd[1]: Hostname set to <" + host + ">.\n"
         "[    4.118092] cloud-init[1720]: Cloud-init v. 22.2.2 running 'init' at " + started +
         ". Up 4.05 seconds.\n"
         "[    4.120431] cloud-init[1720]: ci-info: | eth0 | True | " + i.private_ip + " | " + i.mac_address +
         " |\n"
         "[    6.743210] cloud-init[1720]: Generating public/private ed25519 key pair.\n"
         "[    9.201774] cloud-init[2051]: Cloud-init v. 22.2.2 finished at " + started +
         ". Datasource DataSourceEc2Local.  Up 9.17 seconds\n"
         "\n" + host + " login: \n";
}

std::string windows_boot_log(const Ec2Instance& i) {
  const std::string started = iso8601_seconds(i.launch_time);
  return started + " Info: EC2LaunchTelemetry: IsTelemetryEnabled=true\n" + started +
         " Info: Instance ID: " + i.id + "\n" + started + " Info: Message: Windows is Ready to use\n";
}

}  // namespace

std::string console_boot_log(const Ec2Instance& instance) {
  return instance.platform == "windows" ? windows_boot_log(instance) : linux_boot_log(instance);
}

ApiResult get_console_output(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto id = param_string(request.params, "InstanceId");
  if (!id) return ec2_missing_parameter("InstanceId");
  if (!is_ec2_resource_id(*id, "i")) return malformed_instance_id(*id);
  bool latest = false;
  if (auto e = read_flag(request.params, "Latest", latest)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings,
                           [&](Ec2RegionState& state) -> ApiResult {
                             const Ec2Instance* instance = state.find(*id);
                             if (!instance) return instances_not_found({*id});
                             if (auto e = check_dry_run(request.params)) return *e;
                             ApiResponse response;
                             response.body["instanceId"] = instance->id;
                             response.body["timestamp"] = iso8601_millis(ctx.now);
                             if (instance->state != Ec2InstanceState::kPending) {
                               response.body["output"] = base64_encode(console_boot_log(*instance));
                             }
                             return response;
                           });
}

}  // namespace chokepoint
