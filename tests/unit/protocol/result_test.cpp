#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "protocol/result.hpp"

using namespace chokepoint;

namespace {

struct Pair {
  std::string first;
  int second = 0;
};

Result<std::string> name_or_error(bool fail) {
  if (fail) return make_error("ValidationError", "no name");
  return "stack-1";  // a string literal converts to the value, not to the error
}

Result<Pair> pair_or_error(bool fail) {
  if (fail) return make_error("NotFound", "missing", 404);
  Pair p{"id", 7};
  return p;
}

}  // namespace

TEST_CASE("Result: a value converts implicitly and reads through *, -> and value()") {
  auto name = name_or_error(false);
  REQUIRE(name.ok());
  REQUIRE(static_cast<bool>(name));
  CHECK(*name == "stack-1");
  CHECK(name->size() == 7);
  CHECK(name.value() == "stack-1");

  const auto pair = pair_or_error(false);
  REQUIRE(pair);
  CHECK(pair->first == "id");
  CHECK(pair->second == 7);
  CHECK((*pair).first == "id");
}

TEST_CASE("Result: an ApiError converts implicitly and reads through error()") {
  auto name = name_or_error(true);
  REQUIRE_FALSE(name.ok());
  REQUIRE_FALSE(name);
  CHECK(name.error().code == "ValidationError");
  CHECK(name.error().message == "no name");

  const auto pair = pair_or_error(true);
  REQUIRE_FALSE(pair);
  CHECK(pair.error().code == "NotFound");
  CHECK(pair.error().http_status == 404);

  const ApiError copied = make_error("Throttling", "slow down");
  Result<int> from_lvalue = copied;
  REQUIRE_FALSE(from_lvalue);
  CHECK(from_lvalue.error().code == "Throttling");
}

TEST_CASE("Result: values and errors move out") {
  Result<std::unique_ptr<int>> owned = std::make_unique<int>(5);
  REQUIRE(owned);
  std::unique_ptr<int> taken = std::move(*owned);
  REQUIRE(taken);
  CHECK(*taken == 5);

  Result<std::vector<int>> list = std::vector<int>{1, 2, 3};
  const std::vector<int> moved = std::move(list).value();
  CHECK(moved.size() == 3);

  Result<std::vector<int>> failed = make_error("Bad", "x");
  const ApiError error = std::move(failed).error();
  CHECK(error.code == "Bad");
}

TEST_CASE("Result: pointers and monostate hold as values") {
  int n = 3;
  Result<int*> pointer = &n;
  REQUIRE(pointer);
  CHECK(**pointer == 3);

  Result<std::monostate> done = std::monostate{};
  CHECK(done.ok());
}

static_assert(std::is_convertible_v<const char*, Result<std::string>>);
static_assert(std::is_convertible_v<ApiError, Result<std::string>>);
static_assert(!std::is_convertible_v<Result<std::string>, std::string>);
static_assert(sizeof(Result<std::string>) == sizeof(std::variant<std::string, ApiError>));
