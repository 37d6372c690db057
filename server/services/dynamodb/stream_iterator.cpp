#include "services/dynamodb/stream_iterator.hpp"

#include "common/base64.hpp"
#include "services/dynamodb/table_arn.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kIteratorVersion = "|1|";

std::optional<uint64_t> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

}  // namespace

std::string encode_shard_iterator(const ShardIterator& iterator) {
  const long long ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(iterator.issued.time_since_epoch()).count();
  const std::string rest = iterator.shard_id + ":" + std::to_string(iterator.position) + ":" + std::to_string(ms);
  return iterator.stream_arn + std::string(kIteratorVersion) + base64_encode(rest);
}

std::optional<ShardIterator> decode_shard_iterator(std::string_view text) {
  const auto bar = text.rfind(kIteratorVersion);
  if (bar == std::string_view::npos) return std::nullopt;
  std::string rest;
  if (!base64_decode(text.substr(bar + kIteratorVersion.size()), rest)) return std::nullopt;
  const auto first = rest.find(':');
  const auto second = first == std::string::npos ? std::string::npos : rest.find(':', first + 1);
  if (second == std::string::npos) return std::nullopt;
  const auto position = parse_number(std::string_view(rest).substr(first + 1, second - first - 1));
  const auto ms = parse_number(std::string_view(rest).substr(second + 1));
  if (!position || !ms || first == 0) return std::nullopt;
  ShardIterator iterator;
  iterator.stream_arn = std::string(text.substr(0, bar));
  iterator.shard_id = rest.substr(0, first);
  iterator.position = *position;
  iterator.issued = TimePoint{std::chrono::duration_cast<Duration>(std::chrono::milliseconds(*ms))};
  if (!parse_stream_arn(iterator.stream_arn)) return std::nullopt;
  return iterator;
}

std::optional<StreamAddress> parse_stream_arn(std::string_view arn) {
  constexpr std::string_view kStream = "/stream/";
  const auto at = arn.find(kStream);
  if (at == std::string_view::npos) return std::nullopt;
  const auto table = parse_table_arn(arn.substr(0, at));
  const std::string_view label = arn.substr(at + kStream.size());
  if (!table || label.empty() || label.find('/') != std::string_view::npos) return std::nullopt;
  return StreamAddress{table->region, table->account, table->name, std::string(label)};
}

}  // namespace chokepoint
