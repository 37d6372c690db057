#include "services/ec2/ec2_group_permissions.hpp"

#include <algorithm>
#include <cctype>

#include "common/ipv4.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_vpc_views.hpp"

namespace chokepoint {

namespace {

constexpr int kMaxPort = 65535;
constexpr int kMaxIcmpValue = 255;

// "-1" for all protocols; names for the protocols AWS names; other protocol numbers as given.
Result<std::string> normalized_protocol(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  if (text == "-1" || text == "all") return std::string("-1");
  if (text == "tcp" || text == "6") return std::string("tcp");
  if (text == "udp" || text == "17") return std::string("udp");
  if (text == "icmp" || text == "1") return std::string("icmp");
  if (text == "icmpv6" || text == "58") return std::string("icmpv6");
  const bool numeric = !text.empty() && text.size() <= 3 &&
                       std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
  if (!numeric || std::stoi(text) > 255) {
    return ec2_error("InvalidParameterValue", "Invalid value '" + text + "' for IP protocol. Unknown protocol.");
  }
  return text;
}

// Protocol and ports of one permission into `rule`.
std::optional<ApiError> read_ports(const nlohmann::json& owner, Ec2GroupRule& rule) {
  const auto protocol_text = param_string(owner, "IpProtocol");
  if (!protocol_text) return ec2_missing_parameter("IpProtocol");
  auto protocol = normalized_protocol(*protocol_text);
  if (!protocol) return protocol.error();
  rule.protocol = *protocol;
  std::optional<long long> from, to;
  if (auto e = read_integer(owner, "FromPort", from)) return e;
  if (auto e = read_integer(owner, "ToPort", to)) return e;
  if (rule.protocol == "tcp" || rule.protocol == "udp") {
    if (!from || !to) {
      return ec2_error("InvalidParameterValue",
                       "Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
    }
    if (*from < 0 || *to > kMaxPort || *from > *to) {
      return ec2_error("InvalidParameterValue", "Invalid TCP/UDP port range, from port: " + std::to_string(*from) +
                                                    ", to port: " + std::to_string(*to));
    }
  } else if (rule.protocol == "icmp" || rule.protocol == "icmpv6") {
    from = from.value_or(-1);
    to = to.value_or(-1);
    if (*from < -1 || *from > kMaxIcmpValue || *to < -1 || *to > kMaxIcmpValue) {
      return ec2_error("InvalidParameterValue",
                       "Invalid value for ICMP type or code: " + std::to_string(*from) + ", " + std::to_string(*to));
    }
  } else {
    from = to = -1;  // all ports of the protocol
  }
  rule.from_port = static_cast<int>(*from);
  rule.to_port = static_cast<int>(*to);
  return std::nullopt;
}

std::optional<ApiError> check_ipv4(const std::string& cidr) {
  if (parse_ipv4_cidr(cidr)) return std::nullopt;
  return ec2_error("InvalidParameterValue", "CIDR block " + cidr + " is malformed");
}

std::optional<ApiError> check_ipv6(const std::string& cidr) {
  const auto slash = cidr.find('/');
  const bool plausible = slash != std::string::npos && cidr.find(':') < slash && slash + 1 < cidr.size() &&
                         std::all_of(cidr.begin(), cidr.begin() + static_cast<long>(slash),
                                     [](unsigned char c) { return std::isxdigit(c) || c == ':'; });
  if (plausible) return std::nullopt;
  return ec2_error("InvalidParameterValue", "CIDR block " + cidr + " is malformed");
}

// One peer: a copy of `ports` with the peer set, or the error.
using Peers = std::vector<Ec2GroupRule>;

std::optional<ApiError> read_peers(const nlohmann::json& permission, const Ec2GroupRule& ports,
                                   const Ec2RegionState& state, const Ec2Scope& scope, const Ec2VpcGroup& group,
                                   Peers& out) {
  const auto list = [&](const char* key) {
    const auto* items = param_list(permission, key);
    return items ? *items : nlohmann::json::array();
  };
  for (const auto& range : list("IpRanges")) {
    Ec2GroupRule rule = ports;
    rule.cidr_ipv4 = param_string(range, "CidrIp").value_or("");
    if (auto e = check_ipv4(rule.cidr_ipv4)) return e;
    rule.description = param_string(range, "Description").value_or("");
    out.push_back(std::move(rule));
  }
  for (const auto& range : list("Ipv6Ranges")) {
    Ec2GroupRule rule = ports;
    rule.cidr_ipv6 = param_string(range, "CidrIpv6").value_or("");
    if (auto e = check_ipv6(rule.cidr_ipv6)) return e;
    rule.description = param_string(range, "Description").value_or("");
    out.push_back(std::move(rule));
  }
  for (const auto& pair : list("Groups")) {
    Ec2GroupRule rule = ports;
    const auto id = param_string(pair, "GroupId");
    const auto name = param_string(pair, "GroupName");
    auto peer = id     ? find_group(state, scope, *id)
                : name ? find_group_by_name(state, scope, *name, group.vpc_id)
                       : Result<Ec2VpcGroup>(ec2_missing_parameter("GroupId"));
    if (!peer) return peer.error();
    rule.group_id = peer->id;
    rule.group_owner = param_string(pair, "UserId").value_or(scope.account);
    rule.description = param_string(pair, "Description").value_or("");
    out.push_back(std::move(rule));
  }
  for (const auto& prefix : list("PrefixListIds")) {
    Ec2GroupRule rule = ports;
    rule.prefix_list_id = param_string(prefix, "PrefixListId").value_or("");
    if (!is_ec2_resource_id(rule.prefix_list_id, "pl")) {
      return ec2_error("InvalidPrefixListId.Malformed",
                       "The prefix list ID '" + rule.prefix_list_id + "' is malformed");
    }
    rule.description = param_string(prefix, "Description").value_or("");
    out.push_back(std::move(rule));
  }
  return std::nullopt;
}

// The legacy parameters as one permission: CidrIp, or SourceSecurityGroupName (a group of the same VPC).
nlohmann::json legacy_permission(const nlohmann::json& params) {
  nlohmann::json permission = nlohmann::json::object();
  for (const char* key : {"IpProtocol", "FromPort", "ToPort"}) {
    if (const auto* v = param(params, key)) permission[key] = *v;
  }
  if (const auto cidr = param_string(params, "CidrIp")) permission["IpRanges"] = {{{"CidrIp", *cidr}}};
  if (const auto name = param_string(params, "SourceSecurityGroupName")) {
    nlohmann::json pair = {{"GroupName", *name}};
    if (const auto owner = param_string(params, "SourceSecurityGroupOwnerId")) pair["UserId"] = *owner;
    permission["Groups"] = nlohmann::json::array({pair});
    if (!permission.contains("IpProtocol")) permission["IpProtocol"] = "-1";
  }
  return permission;
}

}  // namespace

Result<std::vector<Ec2GroupRule>> read_group_permissions(const nlohmann::json& params, bool egress,
                                                         const Ec2RegionState& state, const Ec2Scope& scope,
                                                         const Ec2VpcGroup& group) {
  nlohmann::json permissions = nlohmann::json::array();
  if (const auto* listed = param_list(params, "IpPermissions")) permissions = *listed;
  if (param(params, "IpProtocol") || param(params, "CidrIp") || param(params, "SourceSecurityGroupName")) {
    permissions.push_back(legacy_permission(params));
  }
  std::vector<Ec2GroupRule> rules;
  for (const auto& permission : permissions) {
    Ec2GroupRule ports;
    ports.egress = egress;
    if (auto e = read_ports(permission, ports)) return *e;
    if (auto e = read_peers(permission, ports, state, scope, group, rules)) return *e;
  }
  if (rules.empty()) return ec2_missing_parameter("IpPermissions");
  return rules;
}

std::string describe_permission(const Ec2GroupRule& rule) {
  std::string peer = !rule.cidr_ipv4.empty()   ? rule.cidr_ipv4
                     : !rule.cidr_ipv6.empty() ? rule.cidr_ipv6
                     : !rule.group_id.empty()  ? rule.group_id
                                               : rule.prefix_list_id;
  std::string protocol = rule.protocol == "-1" ? "ALL" : rule.protocol;
  std::transform(protocol.begin(), protocol.end(), protocol.begin(), [](unsigned char c) { return std::toupper(c); });
  return "peer: " + peer + ", " + protocol + ", from port: " + std::to_string(rule.from_port) +
         ", to port: " + std::to_string(rule.to_port) + ", ALLOW";
}

}  // namespace chokepoint
