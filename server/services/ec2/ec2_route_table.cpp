#include "services/ec2/ec2_route_table.hpp"

#include <algorithm>

namespace chokepoint {

using nlohmann::json;

bool Ec2RouteTable::is_main() const {
  return std::any_of(associations.begin(), associations.end(), [](const Ec2RouteAssociation& a) { return a.main; });
}

json internet_gateway_record(const Ec2InternetGateway& g) {
  return {{"id", g.id}, {"vpc_id", g.vpc_id}};
}

Ec2InternetGateway internet_gateway_from_record(const json& j) {
  return {j.at("id").get<std::string>(), j.at("vpc_id").get<std::string>()};
}

json route_table_record(const Ec2RouteTable& t) {
  json routes = json::array(), associations = json::array();
  for (const auto& r : t.routes) routes.push_back({r.destination, r.target_kind, r.target, r.origin});
  for (const auto& a : t.associations) associations.push_back({a.id, a.subnet_id, a.main});
  return {{"id", t.id}, {"vpc_id", t.vpc_id}, {"routes", routes}, {"associations", associations}};
}

Ec2RouteTable route_table_from_record(const json& j) {
  Ec2RouteTable t;
  t.id = j.at("id").get<std::string>();
  t.vpc_id = j.at("vpc_id").get<std::string>();
  for (const auto& r : j.at("routes")) {
    t.routes.push_back({r.at(0).get<std::string>(), r.at(1).get<std::string>(), r.at(2).get<std::string>(),
                        r.at(3).get<std::string>()});
  }
  for (const auto& a : j.at("associations")) {
    t.associations.push_back({a.at(0).get<std::string>(), a.at(1).get<std::string>(), a.at(2).get<bool>()});
  }
  return t;
}

}  // namespace chokepoint
