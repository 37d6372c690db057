#pragma once
// Internet gateways and route tables created through the API, and their durable records. Each created VPC has a
// main route table with its local route. Plain values; thread-safety is their owner's (Ec2Store).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace chokepoint {

struct Ec2InternetGateway {
  std::string id;      // igw-0123456789abcdef0
  std::string vpc_id;  // empty while detached
};

struct Ec2Route {
  std::string destination;  // an IPv4 block ("0.0.0.0/0")
  std::string target_kind;  // the Route member that names the target: gatewayId, natGatewayId, instanceId, ...
  std::string target;       // "local" for the VPC's own block
  std::string origin = "CreateRoute";  // or CreateRouteTable for the local route
};

struct Ec2RouteAssociation {
  std::string id;         // rtbassoc-0123456789abcdef0
  std::string subnet_id;  // empty for the main association
  bool main = false;
};

struct Ec2RouteTable {
  std::string id;  // rtb-0123456789abcdef0
  std::string vpc_id;
  std::vector<Ec2Route> routes;
  std::vector<Ec2RouteAssociation> associations;

  bool is_main() const;
};

nlohmann::json internet_gateway_record(const Ec2InternetGateway& gateway);
Ec2InternetGateway internet_gateway_from_record(const nlohmann::json& j);
nlohmann::json route_table_record(const Ec2RouteTable& table);
Ec2RouteTable route_table_from_record(const nlohmann::json& j);

}  // namespace chokepoint
