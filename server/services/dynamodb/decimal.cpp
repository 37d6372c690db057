#include "services/dynamodb/decimal.hpp"

#include <algorithm>
#include <cstdlib>

namespace chokepoint {

namespace {

constexpr long long kExponentCap = 1'000'000'000;  // beyond any valid number; keeps parsing overflow-free

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Adds two non-negative integers written as decimal digit strings.
std::string add_digits(const std::string& a, const std::string& b) {
  std::string out;
  out.reserve(std::max(a.size(), b.size()) + 1);
  int carry = 0;
  for (std::size_t i = 0; i < a.size() || i < b.size() || carry; ++i) {
    int sum = carry;
    if (i < a.size()) sum += a[a.size() - 1 - i] - '0';
    if (i < b.size()) sum += b[b.size() - 1 - i] - '0';
    out.push_back(static_cast<char>('0' + sum % 10));
    carry = sum / 10;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

// a - b for digit strings of equal length with a >= b.
std::string subtract_digits(const std::string& a, const std::string& b) {
  std::string out(a.size(), '0');
  int borrow = 0;
  for (std::size_t i = a.size(); i-- > 0;) {
    int d = (a[i] - '0') - (b[i] - '0') - borrow;
    borrow = d < 0 ? 1 : 0;
    out[i] = static_cast<char>('0' + d + borrow * 10);
  }
  return out;
}

}  // namespace

Decimal Decimal::from_int(long long value) { return *parse(std::to_string(value)); }

std::optional<Decimal> Decimal::parse(std::string_view text, DecimalError* error) {
  auto fail = [&](DecimalError e) -> std::optional<Decimal> {
    if (error) *error = e;
    return std::nullopt;
  };
  std::size_t i = 0;
  Decimal d;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) d.negative_ = text[i++] == '-';
  std::string mantissa;
  long long point = -1;
  for (; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      mantissa.push_back(text[i]);
    } else if (text[i] == '.' && point < 0) {
      point = static_cast<long long>(mantissa.size());
    } else {
      break;
    }
  }
  if (mantissa.empty()) return fail(DecimalError::kNotANumber);
  long long exponent = point < 0 ? static_cast<long long>(mantissa.size()) : point;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative_exp = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative_exp = text[i++] == '-';
    if (i == text.size()) return fail(DecimalError::kNotANumber);
    long long e = 0;
    for (; i < text.size() && is_digit(text[i]); ++i) e = std::min(kExponentCap, e * 10 + (text[i] - '0'));
    exponent += negative_exp ? -e : e;
  }
  if (i != text.size()) return fail(DecimalError::kNotANumber);
  const auto first = mantissa.find_first_not_of('0');
  if (first == std::string::npos) {
    // DynamoDB judges a zero by the exponent it is written with, counted from its last digit: it refuses 0E126
    // and 0E-131 but accepts 0.0E126 (ScyllaDB's alternator suite, run against DynamoDB: test_number.py
    // test_number_magnitude_not_allowed_zero).
    const long long written = exponent - static_cast<long long>(mantissa.size());
    if (written > kMaxExponent) return fail(DecimalError::kOverflow);
    if (written < kMinExponent) return fail(DecimalError::kUnderflow);
    return Decimal{};
  }
  exponent -= static_cast<long long>(first);
  mantissa.erase(0, first);
  mantissa.erase(mantissa.find_last_not_of('0') + 1);
  if (exponent - 1 > kMaxExponent) return fail(DecimalError::kOverflow);
  if (exponent - 1 < kMinExponent) return fail(DecimalError::kUnderflow);
  if (mantissa.size() > static_cast<std::size_t>(kMaxDigits)) return fail(DecimalError::kTooPrecise);
  d.digits_ = std::move(mantissa);
  d.exponent_ = static_cast<int>(exponent);
  return d;
}

std::optional<Decimal> Decimal::checked(Decimal d, DecimalError* error) {
  auto fail = [&](DecimalError e) -> std::optional<Decimal> {
    if (error) *error = e;
    return std::nullopt;
  };
  if (d.digits_.empty()) return Decimal{};
  if (d.exponent_ - 1 > kMaxExponent) return fail(DecimalError::kOverflow);
  if (d.exponent_ - 1 < kMinExponent) return fail(DecimalError::kUnderflow);
  if (d.digits_.size() > static_cast<std::size_t>(kMaxDigits)) return fail(DecimalError::kTooPrecise);
  return d;
}

std::optional<Decimal> Decimal::add(const Decimal& a, const Decimal& b, DecimalError* error) {
  if (a.is_zero()) return b;
  if (b.is_zero()) return a;
  // Write both as integers scaled by 10^low, then add or subtract the magnitudes.
  const int a_low = a.exponent_ - static_cast<int>(a.digits_.size());
  const int b_low = b.exponent_ - static_cast<int>(b.digits_.size());
  const int low = std::min(a_low, b_low);
  std::string x = a.digits_ + std::string(static_cast<std::size_t>(a_low - low), '0');
  std::string y = b.digits_ + std::string(static_cast<std::size_t>(b_low - low), '0');
  const std::size_t width = std::max(x.size(), y.size());
  x.insert(0, width - x.size(), '0');
  y.insert(0, width - y.size(), '0');
  Decimal r;
  std::string sum;
  if (a.negative_ == b.negative_) {
    sum = add_digits(x, y);
    r.negative_ = a.negative_;
  } else if (x >= y) {
    sum = subtract_digits(x, y);
    r.negative_ = a.negative_;
  } else {
    sum = subtract_digits(y, x);
    r.negative_ = b.negative_;
  }
  const auto first = sum.find_first_not_of('0');
  if (first == std::string::npos) return Decimal{};
  r.exponent_ = static_cast<int>(sum.size()) + low - static_cast<int>(first);
  sum.erase(0, first);
  sum.erase(sum.find_last_not_of('0') + 1);
  r.digits_ = std::move(sum);
  return checked(std::move(r), error);
}

std::optional<Decimal> Decimal::subtract(const Decimal& a, const Decimal& b, DecimalError* error) {
  Decimal negated = b;
  if (!negated.is_zero()) negated.negative_ = !negated.negative_;
  return add(a, negated, error);
}

int Decimal::compare_magnitude(const Decimal& other) const {
  if (is_zero() || other.is_zero()) return is_zero() == other.is_zero() ? 0 : (is_zero() ? -1 : 1);
  if (exponent_ != other.exponent_) return exponent_ < other.exponent_ ? -1 : 1;
  const int c = digits_.compare(other.digits_);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

int Decimal::compare(const Decimal& other) const {
  const bool neg = negative_ && !is_zero();
  const bool other_neg = other.negative_ && !other.is_zero();
  if (neg != other_neg) return neg ? -1 : 1;
  const int m = compare_magnitude(other);
  return neg ? -m : m;
}

std::string Decimal::to_string() const {
  if (is_zero()) return "0";
  std::string out;
  if (negative_) out.push_back('-');
  const int n = static_cast<int>(digits_.size());
  if (exponent_ <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-exponent_), '0');
    out.append(digits_);
  } else if (exponent_ >= n) {
    out.append(digits_);
    out.append(static_cast<std::size_t>(exponent_ - n), '0');
  } else {
    out.append(digits_, 0, static_cast<std::size_t>(exponent_));
    out.push_back('.');
    out.append(digits_, static_cast<std::size_t>(exponent_), std::string::npos);
  }
  return out;
}

std::string Decimal::sort_key_bytes() const {
  if (is_zero()) return std::string(1, '\x80');
  // Exponents of valid numbers lie in [-129, 126], so exponent + 129 fits one byte.
  const auto exp_byte = static_cast<unsigned char>(exponent_ + 129);
  std::string out;
  out.reserve(digits_.size() + 3);
  if (!negative_) {
    out.push_back('\x81');
    out.push_back(static_cast<char>(exp_byte));
    out.append(digits_);
    return out;
  }
  // Negative: everything complemented, and a terminator above any digit so that a shorter digit string
  // (smaller magnitude) sorts after its extensions.
  out.push_back('\x7f');
  out.push_back(static_cast<char>(255 - exp_byte));
  for (char c : digits_) out.push_back(static_cast<char>('9' - c + '0'));
  out.push_back('\xff');
  return out;
}

std::optional<Decimal> Decimal::from_sort_key_bytes(std::string_view bytes) {
  if (bytes == std::string_view("\x80", 1)) return Decimal();
  if (bytes.size() < 3) return std::nullopt;
  Decimal d;
  d.negative_ = bytes[0] == '\x7f';
  const auto exp_byte = static_cast<unsigned char>(bytes[1]);
  d.exponent_ = (d.negative_ ? 255 - exp_byte : exp_byte) - 129;
  std::string_view digits = bytes.substr(2);
  if (d.negative_) {
    if (digits.back() != '\xff') return std::nullopt;
    digits.remove_suffix(1);
    for (char c : digits) d.digits_.push_back(static_cast<char>('9' - c + '0'));
  } else {
    d.digits_ = std::string(digits);
  }
  return d;
}

int Decimal::storage_size() const {
  if (is_zero()) return 1;
  const int n = static_cast<int>(digits_.size());
  const int pad = exponent_ % 2 != 0 ? 1 : 0;
  return 1 + (n + pad + 1) / 2 + (negative_ ? 1 : 0);
}

std::string Decimal::internal_bytes() const {
  if (is_zero()) return std::string(1, '\x80');
  // Pairs of digits are aligned on even powers of ten, so an odd exponent gets a leading zero digit.
  const bool pad = exponent_ % 2 != 0;
  const std::string digits = (pad ? "0" : "") + digits_;
  const std::size_t pairs = (digits.size() + 1) / 2;
  std::string out;
  int head = (exponent_ + (pad ? 1 : 0)) / 2 - 64;
  if (negative_) head = ~head;
  out.push_back(static_cast<char>(head & 0xff));
  for (std::size_t k = 0; k < pairs; ++k) {
    const int high = digits[2 * k] - '0';
    const int low = 2 * k + 1 < digits.size() ? digits[2 * k + 1] - '0' : 0;
    const int value = high * 10 + low;
    out.push_back(static_cast<char>(negative_ ? 101 - value : value + 1));
  }
  if (negative_ && pairs < 20) out.push_back(static_cast<char>(102));
  return out;
}

std::string Decimal::error_message(DecimalError error, std::string_view text) {
  switch (error) {
    case DecimalError::kNone:
      return {};
    case DecimalError::kNotANumber:
      return text.empty() ? "The parameter cannot be converted to a numeric value"
                          : "The parameter cannot be converted to a numeric value: " + std::string(text);
    case DecimalError::kTooPrecise:
      return "Attempting to store more than 38 significant digits in a Number";
    case DecimalError::kOverflow:
      return "Number overflow. Attempting to store a number with magnitude larger than supported range";
    case DecimalError::kUnderflow:
      return "Number underflow. Attempting to store a number with magnitude smaller than supported range";
  }
  return {};
}

std::string Decimal::arithmetic_error_message(DecimalError error) {
  // Real DynamoDB answers 1E50 + 1 with "Number overflow..." rather than the significant-digits message it gives
  // for the same number written out (observed by ScyllaDB's alternator suite, test_number.py
  // test_update_expression_plus_imprecise, which runs against DynamoDB).
  return error_message(error == DecimalError::kTooPrecise ? DecimalError::kOverflow : error, {});
}

}  // namespace chokepoint
