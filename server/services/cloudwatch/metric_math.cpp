#include "services/cloudwatch/metric_math.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <vector>

namespace chokepoint {

namespace {

struct MathError {
  std::string message;
};

// Recursive descent over:  expr := term (('+'|'-') term)*   term := unary (('*'|'/') unary)*
//                          unary := '-' unary | primary    primary := number | id | ABS '(' expr ')' | '(' expr ')'
class Parser {
 public:
  Parser(std::string_view text, const SeriesLookup* lookup) : text_(text), lookup_(lookup) {}

  MathResult parse() {
    MathResult r = expr();
    skip_space();
    if (pos_ < text_.size()) fail("Unexpected '" + std::string(1, text_[pos_]) + "'");
    return r;
  }
  const std::vector<std::string>& references() const { return references_; }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw MathError{message + " at position " + std::to_string(pos_ + 1)};
  }
  void skip_space() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool take(char c) {
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  MathResult expr() {
    MathResult left = term();
    while (true) {
      if (take('+')) {
        left = combine(left, term(), '+');
      } else if (take('-')) {
        left = combine(left, term(), '-');
      } else {
        return left;
      }
    }
  }
  MathResult term() {
    MathResult left = unary();
    while (true) {
      if (take('*')) {
        left = combine(left, unary(), '*');
      } else if (take('/')) {
        left = combine(left, unary(), '/');
      } else {
        return left;
      }
    }
  }
  MathResult unary() {
    if (take('-')) return combine(MathResult{true, -1, {}}, unary(), '*');
    return primary();
  }
  MathResult primary() {
    skip_space();
    if (take('(')) {
      MathResult r = expr();
      if (!take(')')) fail("Expected ')'");
      return r;
    }
    if (pos_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '.')) {
      return number();
    }
    return name();
  }
  MathResult number() {
    const std::string rest(text_.substr(pos_));
    char* end = nullptr;
    const double v = std::strtod(rest.c_str(), &end);
    if (end == rest.c_str()) fail("Expected a number");
    pos_ += static_cast<size_t>(end - rest.c_str());
    return MathResult{true, v, {}};
  }
  MathResult name() {
    const size_t start = pos_;
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    if (start == pos_)
      fail(pos_ < text_.size() ? "Unexpected '" + std::string(1, text_[pos_]) + "'" : "Unexpected end");
    const std::string word(text_.substr(start, pos_ - start));
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '(') {
      if (word != "ABS") fail("Unsupported function " + word);
      ++pos_;
      MathResult r = expr();
      if (!take(')')) fail("Expected ')'");
      return apply_abs(std::move(r));
    }
    references_.push_back(word);
    if (!lookup_) return MathResult{true, 0, {}};
    auto series = (*lookup_)(word);
    if (!series) fail("Unknown id " + word);
    return MathResult{false, 0, std::move(*series)};
  }

  static MathResult apply_abs(MathResult r) {
    if (r.scalar) r.value = std::fabs(r.value);
    for (auto& [t, v] : r.series) v = std::fabs(v);
    return r;
  }
  static std::optional<double> apply(double a, double b, char op) {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      default:
        return b == 0 ? std::nullopt : std::optional<double>(a / b);
    }
  }
  static MathResult combine(const MathResult& a, const MathResult& b, char op) {
    if (a.scalar && b.scalar) {
      const auto v = apply(a.value, b.value, op);
      return v ? MathResult{true, *v, {}} : MathResult{false, 0, {}};
    }
    MathResult out{false, 0, {}};
    const TimeSeries& base = a.scalar ? b.series : a.series;
    for (const auto& [t, v] : base) {
      std::optional<double> left = a.scalar ? a.value : v, right = b.scalar ? b.value : v;
      if (!a.scalar && !b.scalar) {
        const auto other = b.series.find(t);
        if (other == b.series.end()) continue;
        right = other->second;
      }
      if (auto r = apply(*left, *right, op)) out.series[t] = *r;
    }
    return out;
  }

  std::string_view text_;
  const SeriesLookup* lookup_;
  size_t pos_ = 0;
  std::vector<std::string> references_;
};

}  // namespace

std::variant<MathResult, std::string> evaluate_math(std::string_view expression, const SeriesLookup& lookup) {
  try {
    Parser parser(expression, &lookup);
    return parser.parse();
  } catch (const MathError& e) {
    return e.message;
  }
}

std::vector<std::string> math_references(std::string_view expression) {
  try {
    Parser parser(expression, nullptr);
    parser.parse();
    return parser.references();
  } catch (const MathError&) {
    return {};
  }
}

}  // namespace chokepoint
