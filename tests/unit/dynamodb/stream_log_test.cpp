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
  const Stream& s = streams.enable(StreamViewType::kNewAndOldImages, t0, kLogTableArn, 100);
  CHECK(s.label == "2027-01-15T08:00:00.000");
  CHECK(s.shard_id.rfind("shardId-", 0) == 0);
  CHECK(s.shard_id.size() == 37);
  const PackedItem a1 = log_item("a", "1"), a2 = log_item("a", "2");
  streams.record({}, a1, t0, false);
  streams.record(a1, a2, t0, false);
  streams.record(a2, {}, t0, true);
  const Stream& live = *streams.enabled();
  REQUIRE(live.records.size() == 3);
  CHECK(live.records[0].event_name() == "INSERT");
  CHECK(live.records[1].event_name() == "MODIFY");
  CHECK(live.records[2].event_name() == "REMOVE");
  CHECK(live.records[2].by_service);
  CHECK(live.records[0].sequence < live.records[1].sequence);
  CHECK(live.records[1].sequence < live.records[2].sequence);
  CHECK(stream_event_id(stream_arn(kLogTableArn, live.label), 1).size() == 32);
}

TEST_CASE("stream log: disabling closes the shard; re-enabling opens a new stream after it", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, 100);
  streams.record({}, log_item("a", "1"), t0, false);
  streams.record({}, log_item("b", "1"), t0, false);
  CHECK(streams.disable(t0 + std::chrono::seconds(1)));
  CHECK_FALSE(streams.disable(t0 + std::chrono::seconds(1)));
  CHECK_FALSE(streams.enabled());
  const Stream& first = streams.all().front();
  REQUIRE(first.ending_sequence);
  CHECK(*first.ending_sequence == first.records.back().sequence);
  streams.record({}, log_item("c", "1"), t0 + std::chrono::seconds(2), false);  // disabled: not recorded
  CHECK(first.records.size() == 2);
  // Re-enabled in the same millisecond: a new, distinct label.
  const Stream& second = streams.enable(StreamViewType::kNewImage, t0, kLogTableArn, 100);
  CHECK(second.label != streams.all().front().label);
  CHECK(second.starting_sequence > *streams.all().front().ending_sequence);
  CHECK(streams.latest() == &streams.all().back());
}

TEST_CASE("stream log: records older than 24 hours and beyond the cap are trimmed", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, 3);
  for (int i = 0; i < 5; ++i) streams.record({}, log_item(std::to_string(i), "x"), t0, false);
  const Stream& s = *streams.enabled();
  REQUIRE(s.records.size() == 3);  // the cap
  CHECK(s.trim_point(t0) == s.records.front().sequence - 1);
  CHECK(s.first_at(s.starting_sequence, t0) == 0);
  // A day later the rest is past the retention: readable no more, though still held until the next write.
  const TimePoint later = t0 + kStreamRetention;
  CHECK(s.trim_point(later) == s.records.back().sequence);
  CHECK(s.first_at(s.starting_sequence, later) == s.records.size());
  streams.record({}, log_item("new", "x"), later, false);
  CHECK(s.records.size() == 1);
}

TEST_CASE("stream log: a disabled stream ages out 24 hours after it was disabled", "[dynamodb][streams]") {
  TableStreams streams;
  const TimePoint t0 = log_time(1'800'000'000);
  const std::string label = streams.enable(StreamViewType::kKeysOnly, t0, kLogTableArn, 10).label;
  streams.disable(t0);
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
