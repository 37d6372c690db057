#include <catch2/catch.hpp>

#include "services/ssm/parameter_view.hpp"

namespace chokepoint {

namespace {

StoredParameter stored(TimePoint modified) {
  StoredParameter p;
  p.name = "/app/db \"primary\"";
  ParameterVersion v;
  v.version = 7;
  v.value = "line one\nline two";
  v.type = "String";
  v.tier = "Standard";
  v.data_type = "text";
  v.modified = modified;
  p.versions.push_back(v);
  return p;
}

}  // namespace

TEST_CASE("GetParameter's Parameter is the same text a JSON tree of it would print", "[ssm][view]") {
  const ViewScope scope{"123456789012", "eu-west-1"};
  for (const auto millis : {0, 5, 123, 999}) {
    const TimePoint modified = TimePoint{std::chrono::seconds(1763790274)} + std::chrono::milliseconds(millis);
    const StoredParameter p = stored(modified);
    for (const std::string selector : {"", ":7"}) {
      nlohmann::json expected = {
          {"Name", p.name},
          {"Type", "String"},
          {"Value", "line one\nline two"},
          {"Version", 7},
          {"LastModifiedDate", 1763790274 + millis / 1000.0},
          {"ARN", "arn:aws:ssm:eu-west-1:123456789012:parameter/app/db \"primary\""},
          {"DataType", "text"},
      };
      if (!selector.empty()) expected["Selector"] = selector;
      std::string text;
      append_parameter_json(text, p, p.latest(), selector, false, scope);
      CHECK(text == expected.dump());
      CHECK(parameter_json(p, p.latest(), selector, false, scope) == expected);
    }
  }
}

}  // namespace chokepoint
