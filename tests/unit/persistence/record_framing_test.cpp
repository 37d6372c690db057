#include <catch2/catch.hpp>

#include "persistence/change_record.hpp"
#include "persistence/record_framing.hpp"

using namespace chokepoint;

TEST_CASE("frames round-trip with their sequences", "[persistence]") {
  std::string data;
  append_frame(data, 7, "first");
  append_frame(data, 8, "");
  append_frame(data, 9, std::string("bin\0ary", 7));
  const FrameScan scan = scan_frames(data);
  REQUIRE(scan.frames.size() == 3);
  CHECK_FALSE(scan.torn);
  CHECK(scan.valid_bytes == data.size());
  CHECK(scan.frames[0].sequence == 7);
  CHECK(scan.frames[0].payload == "first");
  CHECK(scan.frames[1].payload.empty());
  CHECK(scan.frames[2].payload == std::string_view("bin\0ary", 7));
}

TEST_CASE("a torn last frame is cut off at every possible length", "[persistence]") {
  std::string data;
  append_frame(data, 1, "kept");
  const std::size_t first_end = data.size();
  append_frame(data, 2, "the record a crash interrupted");
  for (std::size_t cut = first_end; cut < data.size(); ++cut) {
    const FrameScan scan = scan_frames(std::string_view(data).substr(0, cut));
    INFO("cut at " << cut);
    REQUIRE(scan.frames.size() == 1);
    CHECK(scan.frames[0].payload == "kept");
    CHECK(scan.valid_bytes == first_end);
    CHECK(scan.torn == (cut != first_end));
  }
}

TEST_CASE("a corrupted frame stops the scan there", "[persistence]") {
  std::string data;
  append_frame(data, 1, "one");
  const std::size_t second = data.size();
  append_frame(data, 2, "two");
  append_frame(data, 3, "three");
  data[second + kFrameHeaderBytes] ^= 0x20;  // a flipped bit in the second payload
  const FrameScan scan = scan_frames(data);
  REQUIRE(scan.frames.size() == 1);
  CHECK(scan.torn);
  CHECK(scan.valid_bytes == second);

  std::string bad_sequence;
  append_frame(bad_sequence, 5, "x");
  bad_sequence[8] = 6;  // the sequence is covered by the CRC too
  CHECK(scan_frames(bad_sequence).frames.empty());
}

TEST_CASE("an absurd length is corruption, not a reason to wait for more", "[persistence]") {
  std::string data(kFrameHeaderBytes, '\xff');
  const FrameScan scan = scan_frames(data);
  CHECK(scan.frames.empty());
  CHECK(scan.torn);
}

TEST_CASE("change records round-trip and keep to one line", "[persistence]") {
  const std::string text = json_record_text("ssm", "parameter", "1/us-east-1/a\nb", nlohmann::json{{"v", "line1\nline2"}});
  CHECK(text.find('\n') == std::string::npos);
  const auto record = parse_record(text);
  REQUIRE(record);
  CHECK(record->service == "ssm");
  CHECK(record->kind == "parameter");
  CHECK(record->key == "1/us-east-1/a\nb");
  CHECK(record->state["v"] == "line1\nline2");
  const auto deleted = parse_record(record_text("ssm", "parameter", "k", std::string_view("null")));
  REQUIRE(deleted);
  CHECK(deleted->state.is_null());
  CHECK_FALSE(parse_record("{\"s\":1}"));
  CHECK_FALSE(parse_record("not json"));
}
