#include <catch2/catch.hpp>

#include "config/ssm_parameter_names.hpp"
#include "services/ssm/ssm_encoding.hpp"

using namespace chokepoint;

namespace {

std::string code_of(const std::optional<ApiError>& e) {
  return e ? e->code : "ok";
}

std::string deep_name(int levels) {
  std::string name;
  for (int i = 0; i < levels; ++i) name += "/l" + std::to_string(i);
  return name;
}

}  // namespace

TEST_CASE("ssm names: shape and characters", "[ssm]") {
  CHECK(code_of(check_name("plain")) == "ok");
  CHECK(code_of(check_name("/a/b-c/d_e.f")) == "ok");
  CHECK(code_of(check_name(deep_name(15))) == "ok");
  CHECK(code_of(check_name(deep_name(16))) == "HierarchyLevelLimitExceededException");
  CHECK(code_of(check_name("has space")) == "ValidationException");
  CHECK(code_of(check_name("/a/b@c")) == "ValidationException");
  CHECK(code_of(check_name("/a//b")) == "ValidationException");
  CHECK(code_of(check_name("/a/")) == "ValidationException");
  CHECK(code_of(check_name("/")) == "ValidationException");
  CHECK(code_of(check_name("")) == "ValidationException");
  const auto relative = check_name("a/b");
  REQUIRE(relative);
  CHECK(relative->message == "Parameter name must be a fully qualified name.");
  CHECK(relative->message_key == "Message");
  const auto deep = check_name(deep_name(16));
  REQUIRE(deep);
  CHECK(deep->message_key == "message");
}

TEST_CASE("ssm names: reserved prefixes and the ARN-inclusive length limit apply to new names", "[ssm]") {
  const std::string account = "123456789012";
  const std::string region = "us-east-1";
  CHECK(code_of(check_new_name("/app/x", account, region)) == "ok");
  CHECK(code_of(check_new_name("/aws/x", account, region)) == "AccessDeniedException");
  CHECK(code_of(check_new_name("awsconfig", account, region)) == "ValidationException");
  CHECK(code_of(check_new_name("SSM-thing", account, region)) == "ValidationException");
  CHECK(code_of(check_new_name("/ssm/x", account, region)) == "ValidationException");
  // Reading a reserved name is fine: it is simply not found.
  CHECK(code_of(check_name("/aws/service/x")) == "ok");
  const std::string prefix = "arn:aws:ssm:us-east-1:123456789012:parameter/";
  const std::string fits = "/" + std::string(kMaxNameWithArnPrefix - prefix.size(), 'n');
  CHECK(code_of(check_new_name(fits, account, region)) == "ok");
  CHECK(code_of(check_new_name(fits + "n", account, region)) == "ValidationException");
}

TEST_CASE("ssm names: one key for 'x' and '/x', parents and ARNs", "[ssm]") {
  CHECK(name_key("x") == "/x");
  CHECK(name_key("/x") == "/x");
  CHECK(name_key("/a/b") == "/a/b");
  CHECK(parent_path("/a/b/c") == "/a/b");
  CHECK(parent_path("/c") == "/");
  CHECK(hierarchy_levels("x") == 1);
  CHECK(hierarchy_levels("/a/b/c") == 3);
  CHECK(parameter_arn("1", "r", "/a/b") == "arn:aws:ssm:r:1:parameter/a/b");
  CHECK(parameter_arn("1", "r", "x") == "arn:aws:ssm:r:1:parameter/x");
}

TEST_CASE("ssm names: references with selectors and ARNs", "[ssm]") {
  auto parse = [](std::string_view text) { return parse_reference(text, "123456789012", "us-east-1"); };
  auto plain = parse("  /a/b  ").value();
  CHECK(plain.name == "/a/b");
  CHECK(plain.selector.empty());
  auto version = parse("/a/b:3").value();
  CHECK(version.name == "/a/b");
  CHECK(version.version == 3);
  CHECK(version.selector == ":3");
  auto label = parse("x:prod").value();
  CHECK(label.label == "prod");
  CHECK_FALSE(label.version);
  auto arn = parse("arn:aws:ssm:us-east-1:123456789012:parameter/a/b:2").value();
  CHECK(arn.name == "/a/b");
  CHECK(arn.version == 2);
  CHECK_FALSE(arn.foreign);
  auto single = parse("arn:aws:ssm:us-east-1:123456789012:parameter/x").value();
  CHECK(single.name == "x");
  CHECK(parse("arn:aws:ssm:eu-west-1:123456789012:parameter/x").value().foreign);
  CHECK(!parse("x:").ok());
  CHECK(!parse("x:1:2").ok());
  CHECK(!parse("arn:aws:s3:::bucket").ok());
}

TEST_CASE("ssm names: paths and labels", "[ssm]") {
  CHECK(code_of(check_path("/")) == "ok");
  CHECK(code_of(check_path("/a/b/")) == "ok");
  CHECK(code_of(check_path("a/b")) == "ValidationException");
  CHECK(code_of(check_path("/a//b")) == "ValidationException");
  CHECK(code_of(check_path(deep_name(16))) == "HierarchyLevelLimitExceededException");
  CHECK(is_valid_label("prod"));
  CHECK(is_valid_label("release_1.2-b"));
  CHECK_FALSE(is_valid_label("1st"));
  CHECK_FALSE(is_valid_label("AWSlabel"));
  CHECK_FALSE(is_valid_label("ssm"));
  CHECK_FALSE(is_valid_label("with space"));
  CHECK_FALSE(is_valid_label(std::string(101, 'a')));
}

TEST_CASE("ssm encoding: base64, page tokens and SecureString ciphertext", "[ssm]") {
  for (const std::string& text : std::vector<std::string>{"a", "ab", "abc", "abcd", std::string("\0\xff\n", 3)}) {
    INFO(text.size());
    std::string decoded;
    CHECK(base64_decode(base64_encode(text), decoded));
    CHECK(decoded == text);
  }
  CHECK(base64_encode("kms:k:v") == "a21zOms6dg==");
  std::string out;
  CHECK_FALSE(base64_decode("abc", out));
  CHECK_FALSE(base64_decode("a$b=", out));
  const std::string token = make_page_token("DescribeParameters", "/a/b");
  CHECK(read_page_token(token, "DescribeParameters") == "/a/b");
  CHECK_FALSE(read_page_token(token, "GetParametersByPath"));
  CHECK_FALSE(read_page_token("garbage", "DescribeParameters"));
  CHECK(secure_string_ciphertext("alias/aws/ssm", "pw") == base64_encode("kms:alias/aws/ssm:pw"));
}
