#pragma once
// What an operation handler works with: the request, the caller's tables, the time, and the capacity the
// operation consumes (recorded by data-plane handlers, reported through ReturnConsumedCapacity).
#include <memory>
#include <string>
#include <string_view>

#include "common/ids.hpp"
#include "config/config.hpp"
#include "config/count_quotas.hpp"
#include "protocol/api_types.hpp"
#include "services/dynamodb/capacity.hpp"
#include "services/dynamodb/table_arn.hpp"
#include "services/dynamodb/table_registry.hpp"
#include "throttle/rate_limiter.hpp"

namespace chokepoint {

class TransactionTokens;

struct DynamoCall {
  const nlohmann::json& params;
  const std::string& account;
  const std::string& region;
  TimePoint now;
  const Config& config;
  IdGenerator& ids;
  RegionTables& tables;
  TransactionTokens& tokens;
  CapacityRecord capacity;
  // Reads count quotas' values in force (an approved Service Quotas increase); null: the configuration's.
  const RateLimiter* limiter = nullptr;

  // A count quota of the call's account and region (config/count_quotas.hpp).
  double count_quota(std::string_view code, double configured) const {
    if (!limiter) return configured;
    return limiter->quota_value(config, account, region, "dynamodb", count_quota_key(code), configured);
  }

  std::string table_arn(const std::string& table) const {
    return chokepoint::table_arn(region, account, table);
  }
};

// A JSON text body (data-plane responses are written straight to text).
inline ApiResponse json_text_response(std::string body) {
  ApiResponse r;
  r.json_text = std::move(body);
  return r;
}

}  // namespace chokepoint
