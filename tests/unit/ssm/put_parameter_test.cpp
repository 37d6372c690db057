#include <catch2/catch.hpp>

#include "ssm/ssm_fixture.hpp"

using namespace chokepoint;
using chokepoint::test::SsmFixture;
using json = nlohmann::json;

TEST_CASE("ssm put: create, refuse a duplicate, overwrite with a new version", "[ssm]") {
  SsmFixture f;
  CHECK(f.put("/app/db", "one") == json({{"Version", 1}, {"Tier", "Standard"}}));
  const ApiError dup = f.err("PutParameter", {{"Name", "/app/db"}, {"Value", "two"}, {"Type", "String"}});
  CHECK(dup.code == "ParameterAlreadyExists");
  CHECK(dup.message_key == "message");
  f.now += std::chrono::seconds(1);
  CHECK(f.ok("PutParameter", {{"Name", "/app/db"}, {"Value", "two"}, {"Overwrite", true}})["Version"] == 2);
  const json got = f.ok("GetParameter", {{"Name", "/app/db"}})["Parameter"];
  CHECK(got["Value"] == "two");
  CHECK(got["Version"] == 2);
  CHECK(got["Type"] == "String");
  CHECK(got["ARN"] == "arn:aws:ssm:us-east-1:123456789012:parameter/app/db");
  CHECK(got["DataType"] == "text");
  CHECK(f.ok("GetParameter", {{"Name", "/app/db:1"}})["Parameter"]["Value"] == "one");
}

TEST_CASE("ssm put: 'x' and '/x' are one parameter", "[ssm]") {
  SsmFixture f;
  f.put("/single", "v");
  CHECK(f.err("PutParameter", {{"Name", "single"}, {"Value", "w"}, {"Type", "String"}}).code ==
        "ParameterAlreadyExists");
  const json got = f.ok("GetParameter", {{"Name", "single"}})["Parameter"];
  CHECK(got["Name"] == "/single");
  CHECK(got["ARN"] == "arn:aws:ssm:us-east-1:123456789012:parameter/single");
}

TEST_CASE("ssm put: bad input is refused and nothing changes", "[ssm]") {
  SsmFixture f;
  f.put("/keep", "original", {{"AllowedPattern", "^[a-z]+$"}});
  struct Case {
    json params;
    const char* code;
  };
  const Case cases[] = {
      {{{"Name", "/bad name"}, {"Value", "v"}, {"Type", "String"}}, "ValidationException"},
      {{{"Name", "a/b"}, {"Value", "v"}, {"Type", "String"}}, "ValidationException"},
      {{{"Name", "/aws/mine"}, {"Value", "v"}, {"Type", "String"}}, "AccessDeniedException"},
      {{{"Name", "/new"}, {"Value", "v"}}, "ValidationException"},
      {{{"Name", "/new"}, {"Value", "v"}, {"Type", "Number"}}, "ValidationException"},
      {{{"Name", "/new"}, {"Value", "v"}, {"Type", "String"}, {"Tier", "Gold"}}, "ValidationException"},
      {{{"Name", "/new"}, {"Value", std::string(4097, 'x')}, {"Type", "String"}}, "ValidationException"},
      {{{"Name", "/new"}, {"Value", std::string(8193, 'x')}, {"Type", "String"}, {"Tier", "Advanced"}},
       "ValidationException"},
      {{{"Name", "/new"}, {"Value", "{{ssm:other}}"}, {"Type", "String"}}, "ValidationException"},
      {{{"Name", "/new"}, {"Value", "v"}, {"Type", "String"}, {"AllowedPattern", "("}},
       "InvalidAllowedPatternException"},
      {{{"Name", "/new"}, {"Value", "12a"}, {"Type", "String"}, {"AllowedPattern", "\\d+"}},
       "ParameterPatternMismatchException"},
      {{{"Name", "/keep"}, {"Value", "UPPER"}, {"Overwrite", true}}, "ParameterPatternMismatchException"},
      {{{"Name", "/keep"}, {"Value", "v"}, {"Type", "SecureString"}, {"Overwrite", true}},
       "HierarchyTypeMismatchException"},
      {{{"Name", "/new"},
        {"Value", "v"},
        {"Type", "String"},
        {"Overwrite", true},
        {"Tags", json::array({{{"Key", "k"}, {"Value", "v"}}})}},
       "ValidationException"},
      {{{"Name", 5}, {"Value", "v"}, {"Type", "String"}}, "SerializationException"},
      {{{"Value", "v"}, {"Type", "String"}}, "ValidationException"},
      {{{"Name", "/new"}, {"Value", "v"}, {"Type", "String"}, {"KeyId", "bad key!"}}, "ValidationException"},
      {{{"Name", "/new"}, {"Value", "v"}, {"Type", "String"}, {"DataType", "aws:ec2:image"}}, "ValidationException"},
  };
  for (const auto& c : cases) {
    INFO(c.params.dump().substr(0, 200));
    f.now += std::chrono::seconds(1);
    CHECK(f.err("PutParameter", c.params).code == c.code);
  }
  const json all = f.ok("DescribeParameters", json::object())["Parameters"];
  REQUIRE(all.size() == 1);
  CHECK(all[0]["Name"] == "/keep");
  CHECK(all[0]["Version"] == 1);
  CHECK(f.ok("GetParameter", {{"Name", "/keep"}})["Parameter"]["Value"] == "original");
}

TEST_CASE("ssm put: tiers follow the request, the default tier setting and the value size", "[ssm]") {
  SsmFixture f;
  CHECK(f.put("/big", std::string(5000, 'x'), {{"Tier", "Advanced"}})["Tier"] == "Advanced");
  CHECK(f.put("/smart", std::string(5000, 'x'), {{"Tier", "Intelligent-Tiering"}})["Tier"] == "Advanced");
  CHECK(f.put("/small", "x", {{"Tier", "Intelligent-Tiering"}})["Tier"] == "Standard");
  // An advanced parameter stays advanced; asking for Standard explicitly is refused.
  CHECK(f.put("/big", "tiny", {{"Overwrite", true}})["Tier"] == "Advanced");
  f.now += std::chrono::seconds(1);
  CHECK(f.err("PutParameter", {{"Name", "/big"}, {"Value", "v"}, {"Overwrite", true}, {"Tier", "Standard"}}).code ==
        "ValidationException");
  f.ok("UpdateServiceSetting",
       {{"SettingId", "/ssm/parameter-store/default-parameter-tier"}, {"SettingValue", "Advanced"}});
  CHECK(f.put("/by-default", "x")["Tier"] == "Advanced");
}

TEST_CASE("ssm put: parameter limits per tier", "[ssm]") {
  SsmFixture f("ssm: {max_standard_parameters: 2, max_advanced_parameters: 1}\n");
  f.put("/a", "1");
  f.put("/b", "2");
  f.now += std::chrono::seconds(1);
  const ApiError e = f.err("PutParameter", {{"Name", "/c"}, {"Value", "3"}, {"Type", "String"}});
  CHECK(e.code == "ParameterLimitExceeded");
  f.put("/a", "1b", {{"Overwrite", true}});  // overwriting does not add a parameter
  f.put("/adv", "x", {{"Tier", "Advanced"}});
  f.now += std::chrono::seconds(1);
  CHECK(f.err("PutParameter", {{"Name", "/a"}, {"Value", "x"}, {"Overwrite", true}, {"Tier", "Advanced"}}).code ==
        "ParameterLimitExceeded");
  f.ok("DeleteParameter", {{"Name", "/b"}});
  f.put("/c", "3");
  // Other accounts have their own stores and limits.
  f.now += std::chrono::seconds(1);
  f.ok("PutParameter", {{"Name", "/c"}, {"Value", "3"}, {"Type", "String"}}, "210987654321");
}

TEST_CASE("ssm put: 100 versions are kept; a labelled oldest version blocks the next", "[ssm]") {
  SsmFixture f;
  f.put("/v", "0");
  f.ok("LabelParameterVersion", {{"Name", "/v"}, {"ParameterVersion", 1}, {"Labels", {"first"}}});
  for (int i = 2; i <= 100; ++i) f.put("/v", std::to_string(i), {{"Overwrite", true}});
  f.now += std::chrono::seconds(1);
  const ApiError e = f.err("PutParameter", {{"Name", "/v"}, {"Value", "x"}, {"Overwrite", true}});
  CHECK(e.code == "ParameterMaxVersionLimitExceeded");
  f.ok("LabelParameterVersion", {{"Name", "/v"}, {"ParameterVersion", 50}, {"Labels", {"first"}}});
  CHECK(f.put("/v", "101", {{"Overwrite", true}})["Version"] == 101);
  CHECK(f.err("GetParameter", {{"Name", "/v:1"}}).code == "ParameterVersionNotFound");
  CHECK(f.ok("GetParameter", {{"Name", "/v:2"}})["Parameter"]["Value"] == "2");
  CHECK(f.ok("GetParameter", {{"Name", "/v:first"}})["Parameter"]["Version"] == 50);
}

TEST_CASE("ssm put: writes of one name closer than the window are concurrent updates", "[ssm]") {
  SsmFixture f("ssm: {concurrent_update_window_ms: 50}\n");
  f.put("/hot", "1");
  f.now += std::chrono::milliseconds(49);
  const ApiError e = f.err("PutParameter", {{"Name", "/hot"}, {"Value", "2"}, {"Overwrite", true}});
  CHECK(e.code == "TooManyUpdates");
  CHECK(e.message_key == "Message");
  // A refused write does not restart the window, and other names are unaffected.
  f.now += std::chrono::milliseconds(1);
  CHECK(f.ok("PutParameter", {{"Name", "/hot"}, {"Value", "3"}, {"Overwrite", true}})["Version"] == 2);
  CHECK(f.ok("PutParameter", {{"Name", "/cold"}, {"Value", "1"}, {"Type", "String"}})["Version"] == 1);
  // The default window is a tenth of a millisecond: racing writers only, never a client that waits.
  SsmFixture fine;
  fine.ok("PutParameter", {{"Name", "/hot"}, {"Value", "1"}, {"Type", "String"}});
  fine.now += std::chrono::microseconds(99);
  CHECK(fine.err("PutParameter", {{"Name", "/hot"}, {"Value", "2"}, {"Overwrite", true}}).code == "TooManyUpdates");
  fine.now += std::chrono::microseconds(400);
  CHECK(fine.ok("PutParameter", {{"Name", "/hot"}, {"Value", "3"}, {"Overwrite", true}})["Version"] == 2);
  SsmFixture off("ssm: {concurrent_update_window_ms: 0}\n");
  off.ok("PutParameter", {{"Name", "/hot"}, {"Value", "1"}, {"Type", "String"}});
  CHECK(off.ok("PutParameter", {{"Name", "/hot"}, {"Value", "2"}, {"Overwrite", true}})["Version"] == 2);
}

TEST_CASE("ssm put: SecureString values are opaque unless decrypted; KeyId is kept", "[ssm]") {
  SsmFixture f;
  f.put("/secret", "hunter2", {{"Type", "SecureString"}});
  f.put("/custom", "pw", {{"Type", "SecureString"}, {"KeyId", "alias/mine"}});
  const json plain = f.ok("GetParameter", {{"Name", "/secret"}})["Parameter"];
  CHECK(plain["Value"] == "a21zOmFsaWFzL2F3cy9zc206aHVudGVyMg==");  // base64("kms:alias/aws/ssm:hunter2")
  CHECK(f.ok("GetParameter", {{"Name", "/secret"}, {"WithDecryption", true}})["Parameter"]["Value"] == "hunter2");
  const json meta = f.ok("DescribeParameters", json::object())["Parameters"];
  CHECK(meta[0]["KeyId"] == "alias/mine");
  CHECK(meta[1]["KeyId"] == "alias/aws/ssm");
  // Overwriting keeps the key unless a new one is given.
  f.put("/custom", "pw2", {{"Overwrite", true}});
  CHECK(f.ok("GetParameterHistory", {{"Name", "/custom"}})["Parameters"][1]["KeyId"] == "alias/mine");
}

TEST_CASE("ssm put: an Expiration policy deletes the parameter once its time has passed", "[ssm]") {
  SsmFixture f;
  const std::string policy =
      R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2027-01-15T08:00:10Z"}}])";
  f.now = TimePoint{std::chrono::seconds{1'800'000'000}};  // 2027-01-15T08:00:00Z
  CHECK(f.ok("PutParameter", {{"Name", "/temp"},
                              {"Value", "v"},
                              {"Type", "String"},
                              {"Policies", policy},
                              {"Tier", "Advanced"}})["Tier"] == "Advanced");
  const json meta = f.ok("DescribeParameters", json::object())["Parameters"][0];
  CHECK(meta["Policies"][0]["PolicyType"] == "Expiration");
  CHECK(meta["Policies"][0]["PolicyStatus"] == "Pending");
  f.now += std::chrono::seconds(9);
  f.ok("GetParameter", {{"Name", "/temp"}});
  f.now += std::chrono::seconds(1);
  CHECK(f.err("GetParameter", {{"Name", "/temp"}}).code == "ParameterNotFound");
  const std::string twice =
      R"([{"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2030-01-01T00:00:00Z"}},)"
      R"({"Type":"Expiration","Version":"1.0","Attributes":{"Timestamp":"2031-01-01T00:00:00Z"}}])";
  CHECK(f.err("PutParameter", {{"Name", "/p"}, {"Value", "v"}, {"Type", "String"}, {"Policies", twice}}).code ==
        "IncompatiblePolicyException");
  CHECK(
      f.err("PutParameter", {{"Name", "/p"}, {"Value", "v"}, {"Type", "String"}, {"Policies", R"([{"Type":"Nope"}])"}})
          .code == "InvalidPolicyTypeException");
  CHECK(f.err("PutParameter",
              {{"Name", "/p"}, {"Value", "v"}, {"Type", "String"}, {"Policies", policy}, {"Tier", "Standard"}})
            .code == "ValidationException");
}
