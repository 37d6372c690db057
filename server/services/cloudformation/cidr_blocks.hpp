#pragma once
// Fn::Cidr's arithmetic: the first `count` IPv4 subnets of `block` ("10.0.0.0/16") with `host_bits` host bits
// each. nullopt when the block is malformed or too small.
#include <optional>
#include <string>
#include <vector>

namespace chokepoint {

std::optional<std::vector<std::string>> cidr_subnets(const std::string& block, long long count, long long host_bits);

}  // namespace chokepoint
