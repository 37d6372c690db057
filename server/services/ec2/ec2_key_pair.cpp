#include "services/ec2/ec2_key_pair.hpp"

#include "persistence/record_time.hpp"

namespace chokepoint {

nlohmann::json key_pair_record(const Ec2KeyPair& key) {
  return {{"id", key.id},
          {"name", key.name},
          {"type", std::string(key_type_name(key.type))},
          {"public_key", key.public_key},
          {"fingerprint", key.fingerprint},
          {"created", record_time(key.created)}};
}

Ec2KeyPair key_pair_from_record(const nlohmann::json& j) {
  Ec2KeyPair key;
  key.id = j.at("id").get<std::string>();
  key.name = j.at("name").get<std::string>();
  key.type = j.at("type").get<std::string>() == "ed25519" ? Ec2KeyType::kEd25519 : Ec2KeyType::kRsa;
  key.public_key = j.at("public_key").get<std::string>();
  key.fingerprint = j.at("fingerprint").get<std::string>();
  key.created = time_from_record(j.at("created"));
  return key;
}

}  // namespace chokepoint
