#include <catch2/catch.hpp>

#include "services/dynamodb/decimal.hpp"

namespace chokepoint {
namespace {

std::string canonical(const std::string& text) {
  const auto d = Decimal::parse(text);
  REQUIRE(d);
  return d->to_string();
}

DecimalError error_of(const std::string& text) {
  DecimalError e = DecimalError::kNone;
  CHECK_FALSE(Decimal::parse(text, &e));
  return e;
}

Decimal num(const std::string& text) { return *Decimal::parse(text); }

std::string sum(const std::string& a, const std::string& b) { return Decimal::add(num(a), num(b))->to_string(); }

TEST_CASE("decimal: parsing normalises to DynamoDB's plain form", "[dynamodb][decimal]") {
  CHECK(canonical("0") == "0");
  CHECK(canonical("-0") == "0");
  CHECK(canonical("+5") == "5");
  CHECK(canonical("1.50") == "1.5");
  CHECK(canonical("007") == "7");
  CHECK(canonical("1e2") == "100");
  CHECK(canonical("1E-3") == "0.001");
  CHECK(canonical(".5") == "0.5");
  CHECK(canonical("5.") == "5");
  CHECK(canonical("-12.3400e1") == "-123.4");
  CHECK(canonical("123456789012345678901234567890123456780000") == "123456789012345678901234567890123456780000");
}

TEST_CASE("decimal: range and precision errors", "[dynamodb][decimal]") {
  CHECK(error_of("") == DecimalError::kNotANumber);
  CHECK(error_of("b") == DecimalError::kNotANumber);
  CHECK(error_of("1e") == DecimalError::kNotANumber);
  CHECK(error_of("1.2.3") == DecimalError::kNotANumber);
  CHECK(error_of(" 1") == DecimalError::kNotANumber);
  CHECK(error_of("123456789012345678901234567890123456789") == DecimalError::kTooPrecise);
  CHECK(error_of("-1.23456789012345678901234567890123456789") == DecimalError::kTooPrecise);
  CHECK(error_of("1e126") == DecimalError::kOverflow);
  CHECK(error_of("-1e126") == DecimalError::kOverflow);
  CHECK(error_of("1e-131") == DecimalError::kUnderflow);
  CHECK(error_of("1e99999999999999999999") == DecimalError::kOverflow);
  CHECK(Decimal::parse("9.9999999999999999999999999999999999999e125"));
  CHECK(Decimal::parse("1e-130"));
  CHECK(Decimal::error_message(DecimalError::kNotANumber, "b") == "The parameter cannot be converted to a numeric value: b");
  CHECK(Decimal::error_message(DecimalError::kNotANumber, "") == "The parameter cannot be converted to a numeric value");
}

TEST_CASE("decimal: exact arithmetic, never through double", "[dynamodb][decimal]") {
  CHECK(sum("0.1", "0.2") == "0.3");
  CHECK(sum("1", "-1") == "0");
  CHECK(sum("-5", "3") == "-2");
  CHECK(sum("99999999999999999999999999999999999999", "-1") == "99999999999999999999999999999999999998");
  CHECK(sum("12345678901234567890.123456789", "0.000000001") == "12345678901234567890.12345679");
  CHECK(Decimal::subtract(num("10"), num("0.01"))->to_string() == "9.99");
  DecimalError e = DecimalError::kNone;
  CHECK_FALSE(Decimal::add(num("99999999999999999999999999999999999999"), num("0.1"), &e));
  CHECK(e == DecimalError::kTooPrecise);
  CHECK_FALSE(Decimal::add(num("9e125"), num("9e125"), &e));
  CHECK(e == DecimalError::kOverflow);
}

TEST_CASE("decimal: a zero is judged by the exponent it is written with, as DynamoDB does", "[dynamodb][decimal]") {
  for (const char* allowed : {"0", "0.0", "-0", "0e125", "0.0e126", "000.000e128", "0e-130", "0.0e-129"}) {
    INFO(allowed);
    const auto zero = Decimal::parse(allowed);
    REQUIRE(zero);
    CHECK(zero->is_zero());
    CHECK(zero->to_string() == "0");
  }
  CHECK(error_of("0e126") == DecimalError::kOverflow);
  CHECK(error_of("00e126") == DecimalError::kOverflow);
  CHECK(error_of("0e-131") == DecimalError::kUnderflow);
  CHECK(error_of("0.0e-130") == DecimalError::kUnderflow);
}

TEST_CASE("decimal: an update's sum that needs more than 38 digits is reported as an overflow", "[dynamodb][decimal]") {
  const std::string overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range";
  DecimalError e = DecimalError::kNone;
  CHECK_FALSE(Decimal::add(num("1e50"), num("1"), &e));
  CHECK(e == DecimalError::kTooPrecise);
  CHECK(Decimal::arithmetic_error_message(e) == overflow);
  CHECK(Decimal::arithmetic_error_message(DecimalError::kOverflow) == overflow);
  CHECK(Decimal::arithmetic_error_message(DecimalError::kUnderflow) ==
        "Number underflow. Attempting to store a number with magnitude smaller than supported range");
}

TEST_CASE("decimal: comparison and sort-key bytes order numerically", "[dynamodb][decimal]") {
  const std::vector<std::string> ordered = {"-1e10", "-100", "-10.5", "-10", "-2", "-1.5", "-1", "-0.001", "0",
                                            "1e-130", "0.5", "1", "1.01", "2", "10", "11", "100", "1e125"};
  for (std::size_t i = 0; i + 1 < ordered.size(); ++i) {
    INFO(ordered[i] << " < " << ordered[i + 1]);
    CHECK(num(ordered[i]).compare(num(ordered[i + 1])) < 0);
    CHECK(num(ordered[i + 1]).compare(num(ordered[i])) > 0);
    CHECK(num(ordered[i]).sort_key_bytes() < num(ordered[i + 1]).sort_key_bytes());
  }
  CHECK(num("1.0").compare(num("1")) == 0);
  CHECK(num("1.0").sort_key_bytes() == num("1").sort_key_bytes());
}

TEST_CASE("decimal: stored size is one byte per two digits plus one", "[dynamodb][decimal]") {
  CHECK(num("0").storage_size() == 1);
  CHECK(num("1").storage_size() == 2);
  CHECK(num("12").storage_size() == 2);
  CHECK(num("123").storage_size() == 3);
  CHECK(num("1234").storage_size() == 3);
  CHECK(num("-1").storage_size() == 3);
  CHECK(num("12.3456").storage_size() == 4);
  CHECK(num("99999999999999999999999999999999999999").storage_size() == 20);
}

TEST_CASE("decimal: internal bytes use base-100 digit pairs", "[dynamodb][decimal]") {
  CHECK(num("0").internal_bytes() == std::string(1, '\x80'));
  // 1 = 0.01 x 100^1: exponent byte 193 (0xC1), digit pair 01 stored as 2.
  CHECK(num("1").internal_bytes() == std::string("\xc1\x02", 2));
  CHECK(num("100").internal_bytes() == std::string("\xc2\x02", 2));
  // Negative numbers are complemented and end with 102.
  CHECK(num("-1").internal_bytes() == std::string("\x3e\x64\x66", 3));
}

}  // namespace
}  // namespace chokepoint
