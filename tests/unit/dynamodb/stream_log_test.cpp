#include <catch2/catch.hpp>

#include "services/dynamodb/stream_iterator.hpp"
#include "services/dynamodb/stream_log.hpp"

namespace chokepoint {
namespace {

const std::string kLogTableArn = "arn:aws:dynamodb:us-east-1:123456789012:table/things";

PackedItem log_item(const std::string& pk, const std::string& value) {
  AttrMap attrs;
  attrs.set("pk", AttrValue::string(pk));
  attrs.set("v", AttrValue::string(value));
  return PackedItem::pack(attrs);
}

TimePoint log_time(long long s) { return TimePoint{std::chrono::seconds{s}}; }

StreamLimits log_limits(std::size_t max_records) {
  StreamLimits limits;
  limits.max_records = max_records;
  return limits;
}

TEST_CASE("stream log: sequence numbers are increasing 21-digit decimal strings", "[dynamodb][streams]") {
  CHECK(sequence_text(1) == "100000000000000000001");
  CHECK(sequence_text(1).size() == 21);
  CHECK(sequence_text(9) < sequence_text(10));
  CHECK(parse_sequence(sequence_text(123456)) == 123456u);
  CHECK_FALSE(parse_sequence("12345"));
  CHECK_FALSE(parse_sequence("200000000000000000001"));
  CHECK_FALSE(parse_sequence("10000000000000000000x"));
}

TEST_CASE("stream log: records go to the enabled stream only, in order, with their event names", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  CHECK_FALSE(streams.record({}, log_item("a", "1"), t0, false));  // no stream yet
  const Stream& s = streams.enable(StreamViewType::kNewAndOldImages, t0, kLogTableArn, log_limits(100), t0);
  CHECK(s.label == "2027-01-15T08:00:00.000");
  REQUIRE(s.shards.size() == 1);
  CHECK(s.shards[0].id.rfind("shardId-", 0) == 0);
  CHECK(s.shards[0].id.size() == 37);
  CHECK(s.shards[0].parent_id.empty());
  const PackedItem a1 = log_item("a", "1"), a2 = log_item("a", "2");
  streams.record({}, a1, t0, false);
  streams.record(a1, a2, t0, false);
  streams.record(a2, {}, t0, true);
  const Stream& live = *streams.enabled();
  const auto& records = live.shards.back().records;
  REQUIRE(records.size() == 3);
  CHECK(records[0].event_name() == "INSERT");
  CHECK(records[1].event_name() == "MODIFY");
  CHECK(records[2].event_name() == "REMOVE");
  CHECK(records[2].by_service);
  CHECK(records[0].sequence < records[1].sequence);
  CHECK(records[1].sequence < records[2].sequence);
  CHECK(stream_event_id(stream_arn(kLogTableArn, live.label), 1).size() == 32);
}

TEST_CASE("stream log: disabling closes the shard; re-enabling opens a new stream after it", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, log_limits(100), t0);
  streams.record({}, log_item("a", "1"), t0, false);
  streams.record({}, log_item("b", "1"), t0, false);
  const TimePoint off = t0 + std::chrono::seconds(1);
  CHECK(streams.disable(off, off + std::chrono::seconds(5)));
  CHECK_FALSE(streams.disable(off, off));
  CHECK_FALSE(streams.enabled());
  const Stream& first = streams.all().front();
  CHECK(first.status(off) == StreamStatus::kDisabling);
  CHECK(first.status(off + std::chrono::seconds(5)) == StreamStatus::kDisabled);
  const StreamShard& closed = first.shards.back();
  REQUIRE(closed.ending_sequence);
  CHECK(*closed.ending_sequence == closed.records.back().sequence);
  CHECK(closed.closed == off);
  streams.record({}, log_item("c", "1"), t0 + std::chrono::seconds(2), false);  // disabled: not recorded
  CHECK(closed.records.size() == 2);
  // Re-enabled in the same millisecond: a new, distinct label.
  const Stream& second = streams.enable(StreamViewType::kNewImage, t0, kLogTableArn, log_limits(100), t0);
  CHECK(second.label != streams.all().front().label);
  CHECK(second.shards[0].starting_sequence > *streams.all().front().shards.back().ending_sequence);
  CHECK(streams.latest() == &streams.all().back());
}

TEST_CASE("stream log: records older than 24 hours and beyond the cap are trimmed", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, log_limits(3), t0);
  for (int i = 0; i < 5; ++i) streams.record({}, log_item(std::to_string(i), "x"), t0, false);
  const StreamShard& s = streams.enabled()->shards.back();
  REQUIRE(s.records.size() == 3);  // the cap
  CHECK(s.trim_point(t0) == s.records.front().sequence - 1);
  CHECK(s.first_at(s.starting_sequence, t0) == 0);
  // A day later the rest is past the retention: readable no more, though still held until the shard goes.
  const TimePoint later = t0 + kStreamRetention;
  CHECK(s.trim_point(later) == s.records.back().sequence);
  CHECK(s.first_at(s.starting_sequence, later) == s.records.size());
}

TEST_CASE("stream log: a disabled stream ages out 24 hours after it was disabled", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  const std::string label = streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, log_limits(10), t0).label;
  streams.disable(t0, t0);
  CHECK(streams.find(label, t0 + std::chrono::hours(23)));
  CHECK_FALSE(streams.find(label, t0 + std::chrono::hours(24)));
}

TEST_CASE("stream log: an identical rewrite is no change", "[dynamodb][streams]") {
  AttrMap ab, ba;
  ab.set("a", AttrValue::string("1"));
  ab.set("b", AttrValue::string("2"));
  ba.set("b", AttrValue::string("2"));
  ba.set("a", AttrValue::string("1"));
  CHECK_FALSE(item_changed(PackedItem::pack(ab), PackedItem::pack(ba)));
  CHECK_FALSE(item_changed({}, {}));
  CHECK(item_changed({}, PackedItem::pack(ab)));
  CHECK(item_changed(log_item("a", "1"), log_item("a", "2")));
}

TEST_CASE("stream log: the open shard rolls over to a child every shard lifetime", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  const Stream& s = streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, log_limits(100), t0);
  CHECK(s.limits.shard_lifetime == std::chrono::hours(4));
  streams.record({}, log_item("a", "1"), t0, false);
  CHECK_FALSE(streams.advance(t0 + std::chrono::hours(4) - std::chrono::milliseconds(1)));
  REQUIRE(s.shards.size() == 1);
  // Due at 4 h; touched at 5 h: the shard closed at 4 h, as if on time.
  CHECK(streams.advance(t0 + std::chrono::hours(5)));
  REQUIRE(s.shards.size() == 2);
  const StreamShard& parent = s.shards[0];
  const StreamShard& child = s.shards[1];
  CHECK(parent.closed == t0 + std::chrono::hours(4));
  REQUIRE(parent.ending_sequence);
  CHECK(*parent.ending_sequence == parent.records.back().sequence);
  CHECK(child.parent_id == parent.id);
  CHECK(child.opened == t0 + std::chrono::hours(4));
  CHECK(child.starting_sequence == *parent.ending_sequence + 1);
  CHECK_FALSE(child.ending_sequence);
  CHECK(parent.id < child.id);  // ids sort by opening time
  CHECK(child.id.size() == 37);
  streams.record({}, log_item("b", "1"), t0 + std::chrono::hours(5), false);
  CHECK(child.records.size() == 1);
  CHECK(parent.records.size() == 1);
  // An empty shard closes on its starting sequence; its child starts after it.
  CHECK(streams.advance(t0 + std::chrono::hours(12)));
  REQUIRE(s.shards.size() == 4);
  CHECK(s.shards[2].records.empty());
  CHECK(s.shards[2].parent_id == s.shards[1].id);
  CHECK(*s.shards[2].ending_sequence == s.shards[2].starting_sequence);
  CHECK(s.shards[3].starting_sequence == s.shards[2].starting_sequence + 1);
  CHECK(s.shards[3].parent_id == s.shards[2].id);
  CHECK_FALSE(streams.advance(t0 + std::chrono::hours(12)));
}

TEST_CASE("stream log: closed shards are dropped 24 hours after they closed", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  const Stream& s = streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, log_limits(100), t0);
  streams.record({}, log_item("a", "1"), t0, false);
  const std::string first = s.shards.front().id;
  streams.advance(t0 + std::chrono::hours(28) - std::chrono::milliseconds(1));
  CHECK(s.shard(first));  // closed at 4 h: listed until 28 h
  CHECK(s.shards.size() == 7);
  streams.advance(t0 + std::chrono::hours(28));
  CHECK_FALSE(s.shard(first));
  CHECK(s.shards.front().parent_id == first);  // the child names a parent that is no longer listed
  // A clock far ahead makes only the shards still listed, each the child of the one before.
  streams.advance(t0 + std::chrono::hours(24 * 365));
  CHECK(s.shards.size() == 7);
  for (std::size_t i = 1; i < s.shards.size(); ++i) CHECK(s.shards[i].parent_id == s.shards[i - 1].id);
  CHECK_FALSE(s.shards.back().ending_sequence);
  CHECK(s.shards.back().opened == t0 + std::chrono::hours(24 * 365));
}

TEST_CASE("stream log: ENABLING until the enabling operation completes", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  const Stream& s = streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, log_limits(10), t0 + std::chrono::seconds(3));
  CHECK(s.status(t0) == StreamStatus::kEnabling);
  CHECK(stream_status_name(s.status(t0)) == "ENABLING");
  CHECK(s.status(t0 + std::chrono::seconds(3)) == StreamStatus::kEnabled);
  CHECK(stream_status_name(StreamStatus::kDisabling) == "DISABLING");
  // Writes are captured from the enabling request on.
  CHECK(streams.record({}, log_item("a", "1"), t0, false));
}

TEST_CASE("shard iterators: round trip, and anything else is refused", "[dynamodb][streams]") {
  const std::string arn = stream_arn(kLogTableArn, "2027-01-15T08:00:00.000");
  const ShardIterator it{arn, "shardId-00000001800000000000-0badf00d", 42, log_time(1'800'000'000)};
  const std::string text = encode_shard_iterator(it);
  CHECK(text.rfind(arn + "|1|", 0) == 0);
  const auto back = decode_shard_iterator(text);
  REQUIRE(back);
  CHECK(back->stream_arn == arn);
  CHECK(back->shard_id == it.shard_id);
  CHECK(back->position == 42);
  CHECK(back->issued == it.issued);
  CHECK_FALSE(decode_shard_iterator("garbage"));
  CHECK_FALSE(decode_shard_iterator(arn + "|1|!!!"));
  CHECK_FALSE(decode_shard_iterator("arn:aws:s3:::bucket|1|" + text.substr(text.rfind('|') + 1)));
  const auto address = parse_stream_arn(arn);
  REQUIRE(address);
  CHECK(address->table == "things");
  CHECK(address->label == "2027-01-15T08:00:00.000");
  CHECK_FALSE(parse_stream_arn(kLogTableArn));
}

}  // namespace
}  // namespace chokepoint
