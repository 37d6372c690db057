#pragma once
// DynamoDB's number type: an exact decimal with at most 38 significant digits and a magnitude between
// 1E-130 and 9.99...E+125. Parsing, printing, comparison and arithmetic are all exact (never through double).
// A value type; thread-safe as any immutable value.
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

enum class DecimalError {
  kNone,
  kNotANumber,    // not numeric text ("The parameter cannot be converted to a numeric value")
  kTooPrecise,    // more than 38 significant digits
  kOverflow,      // magnitude above 9.99...E+125
  kUnderflow,     // magnitude below 1E-130
};

class Decimal {
 public:
  static constexpr int kMaxDigits = 38;
  static constexpr int kMaxExponent = 125;   // largest power of ten of the leading digit
  static constexpr int kMinExponent = -130;  // smallest power of ten of the leading digit

  Decimal() = default;  // zero
  static Decimal from_int(long long value);

  // Parses [+-]digits[.digits][e[+-]digits] (also ".5" and "5."). Range and precision are checked here.
  static std::optional<Decimal> parse(std::string_view text, DecimalError* error = nullptr);

  // Exact sum/difference; nullopt with `error` set when the result is out of range or too precise.
  static std::optional<Decimal> add(const Decimal& a, const Decimal& b, DecimalError* error = nullptr);
  static std::optional<Decimal> subtract(const Decimal& a, const Decimal& b, DecimalError* error = nullptr);

  bool is_zero() const { return digits_.empty(); }
  bool is_negative() const { return negative_; }
  int compare(const Decimal& other) const;  // -1, 0, 1
  bool operator==(const Decimal& other) const = default;

  // Plain notation without exponent, trailing zeros or a trailing point: "100", "-0.0015", "0".
  std::string to_string() const;
  // Bytes that sort (memcmp) in numeric order; used for sort keys.
  std::string sort_key_bytes() const;
  // The number sort_key_bytes() came from (for showing a stored key); none for bytes it cannot have made.
  static std::optional<Decimal> from_sort_key_bytes(std::string_view bytes);
  // Bytes DynamoDB counts for this number in an item's size: one byte of exponent, one per pair of
  // base-100 digits (aligned on an even power of ten) and one more for negative numbers.
  int storage_size() const;
  // DynamoDB's internal binary form of the number (an exponent byte, then base-100 digit pairs; negative
  // numbers complemented and terminated), which its partition hashing reads.
  std::string internal_bytes() const;

  // The message DynamoDB sends for an error (`text` is the offending input, quoted only for kNotANumber).
  static std::string error_message(DecimalError error, std::string_view text);
  // The message for a failed add() or subtract() in an update (SET a = a + :v, ADD): DynamoDB reports a result
  // that needs more than 38 digits as an overflow too.
  static std::string arithmetic_error_message(DecimalError error);

 private:
  static std::optional<Decimal> checked(Decimal d, DecimalError* error);
  int compare_magnitude(const Decimal& other) const;

  bool negative_ = false;
  std::string digits_;  // significant digits without leading or trailing zeros; empty for zero
  int exponent_ = 0;    // value = 0.<digits_> x 10^exponent_
};

}  // namespace chokepoint
