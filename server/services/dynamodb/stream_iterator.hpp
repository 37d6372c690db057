#pragma once
// Shard iterators: opaque to clients, self-contained here. An iterator names its stream, its shard, the sequence
// it reads from next and when GetShardIterator (or the GetRecords that returned it) issued it, which is what
// expiry is measured from. Written "<stream ARN>|1|<base64 of the rest>", the shape of DynamoDB Streams' own.
// Pure functions.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace chokepoint {

// [DDBSTREAMS-API] "A shard iterator expires 15 minutes after it is returned to the requester."
// https://docs.aws.amazon.com/amazondynamodbstreams/latest/APIReference/API_GetShardIterator.html
inline constexpr std::chrono::minutes kShardIteratorLifetime{15};

struct ShardIterator {
  std::string stream_arn;
  std::string shard_id;
  uint64_t position = 0;  // the next sequence to read
  TimePoint issued{};
};

std::string encode_shard_iterator(const ShardIterator& iterator);
// Nullopt when `text` is not an iterator this emulator wrote.
std::optional<ShardIterator> decode_shard_iterator(std::string_view text);

// A stream ARN's parts: arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>.
struct StreamAddress {
  std::string region, account, table, label;
};
std::optional<StreamAddress> parse_stream_arn(std::string_view arn);

}  // namespace chokepoint
