#pragma once
// One EC2 key pair as EC2 keeps it: the public half and its fingerprint (EC2 never stores a private key), and
// its durable record. Plain value; thread-safety is its owner's (Ec2Store).
#include <nlohmann/json.hpp>
#include <string>

#include "common/clock.hpp"
#include "services/ec2/ec2_key_material.hpp"

namespace chokepoint {

struct Ec2KeyPair {
  std::string id;    // key-0123456789abcdef0
  std::string name;  // unique within its account and region
  Ec2KeyType type = Ec2KeyType::kRsa;
  std::string public_key;  // "ssh-rsa AAAA..." without a comment
  std::string fingerprint;
  TimePoint created;
};

nlohmann::json key_pair_record(const Ec2KeyPair& key);
Ec2KeyPair key_pair_from_record(const nlohmann::json& j);

}  // namespace chokepoint
