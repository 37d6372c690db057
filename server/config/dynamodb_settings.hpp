#pragma once
// Settings of the DynamoDB emulation: table lifecycle delays, tables that exist from the start, capacity.
#include <optional>
#include <string>
#include <vector>

#include "config/dynamodb_capacity_settings.hpp"

namespace chokepoint {

struct DynamoDbKeyDecl {
  std::string name;
  std::string type = "S";  // S, N or B
};

struct DynamoDbIndexDecl {
  std::string name;
  DynamoDbKeyDecl hash_key;  // local indexes use the table's hash key; this is ignored for them
  std::optional<DynamoDbKeyDecl> range_key;
  std::string projection = "ALL";  // ALL, KEYS_ONLY, INCLUDE
  std::vector<std::string> non_key_attributes;
  long long read_capacity = 0;  // global indexes of provisioned tables
  long long write_capacity = 0;
};

struct DynamoDbTableDecl {
  std::string name;
  std::string account;  // empty: identity.default_account
  std::string region;   // empty: identity.default_region
  DynamoDbKeyDecl hash_key;
  std::optional<DynamoDbKeyDecl> range_key;
  std::string billing_mode = "PAY_PER_REQUEST";  // or PROVISIONED
  long long read_capacity = 0;
  long long write_capacity = 0;
  std::vector<DynamoDbIndexDecl> global_secondary_indexes;
  std::vector<DynamoDbIndexDecl> local_secondary_indexes;
};

struct DynamoDbSettings {
  // CreateTable answers CREATING; the table turns ACTIVE this long after (0: at once, as far as a client
  // can tell). Likewise DeleteTable (DELETING, then gone) and UpdateTable / new global indexes (UPDATING,
  // CREATING). Statuses are computed from request times; nothing runs in the background.
  long long table_creation_delay_ms = 0;
  long long table_deletion_delay_ms = 0;
  long long table_update_delay_ms = 0;
  long long index_creation_delay_ms = 0;
  // The most records a stream's shard keeps (the oldest go first); records also go after 24 hours, as AWS's do.
  long long stream_max_records_per_shard = 100000;
  // How long a stream's shard stays open before a child shard takes over (AWS publishes no figure; readers
  // observe about four hours: see kDefaultShardLifetime in services/dynamodb/stream_log.hpp).
  long long stream_shard_lifetime_ms = 4LL * 3600 * 1000;
  // Global secondary indexes whose key has up to 4 partition and 4 sort key attributes (DynamoDB since
  // November 2025). false: the earlier one HASH + one RANGE rule, for suites written before then.
  bool multi_attribute_index_keys = true;
  std::vector<DynamoDbTableDecl> tables;
  DynamoDbCapacitySettings capacity;
};

}  // namespace chokepoint
