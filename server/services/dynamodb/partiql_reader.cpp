#include "services/dynamodb/partiql_reader.hpp"

#include <algorithm>
#include <array>

#include "common/strings.hpp"

namespace chokepoint {

namespace {

bool pql_same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The condition functions of DynamoDB's PartiQL (ql-functions.html), with how many arguments each takes.
struct PqlFunction {
  std::string_view name;
  std::size_t arguments;
};
constexpr std::array<PqlFunction, 5> kPqlConditionFunctions = {
    {{"begins_with", 2}, {"contains", 2}, {"attribute_type", 2}, {"attribute_exists", 1}, {"attribute_not_exists", 1}}};

// The set type for elements of one scalar type; empty when they cannot make a set.
std::string pql_set_type(const nlohmann::json& elements) {
  std::string type;
  for (const auto& e : elements) {
    if (!e.is_object() || e.size() != 1) return {};
    const std::string& t = e.begin().key();
    if ((t != "S" && t != "N" && t != "B") || (!type.empty() && t != type)) return {};
    type = t;
  }
  return type.empty() ? std::string() : type + "S";
}

}  // namespace

bool is_partiql_keyword(std::string_view word) {
  // Only the words that would make a statement ambiguous; RETURNING's and ORDER BY's words stay usable as names.
  static constexpr std::string_view kKeywords[] = {
      "select", "from",   "where", "and",    "or",     "not",    "between", "in",    "is",   "missing", "insert",
      "into",   "update", "set",   "remove", "delete", "exists", "true",    "false", "null", "values"};
  return std::any_of(std::begin(kKeywords), std::end(kKeywords),
                     [&](std::string_view k) { return pql_same_word(k, word); });
}

PartiqlReader::PartiqlReader(std::string_view text, const nlohmann::json& parameters)
    : tokens_(tokenize_partiql(text)), parameters_(parameters) {
  const PqlToken& last = tokens_[tokens_.size() >= 2 ? tokens_.size() - 2 : 0];
  if (last.kind == PqlTokenKind::kInvalid)
    fail("Invalid character or unterminated literal at position " + std::to_string(last.pos));
}

const PqlToken& PartiqlReader::peek(std::size_t ahead) const {
  return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)];
}

bool PartiqlReader::at_word(std::string_view keyword, std::size_t ahead) const {
  const PqlToken& t = peek(ahead);
  return t.kind == PqlTokenKind::kWord && pql_same_word(t.text, keyword);
}

bool PartiqlReader::at_punct(std::string_view punct, std::size_t ahead) const {
  const PqlToken& t = peek(ahead);
  return t.kind == PqlTokenKind::kPunct && t.text == punct;
}

bool PartiqlReader::accept_word(std::string_view keyword) {
  if (failed() || !at_word(keyword)) return false;
  ++pos_;
  return true;
}

bool PartiqlReader::accept_punct(std::string_view punct) {
  if (failed() || !at_punct(punct)) return false;
  ++pos_;
  return true;
}

void PartiqlReader::expect_word(std::string_view keyword) {
  if (!accept_word(keyword)) fail_unexpected();
}

void PartiqlReader::expect_punct(std::string_view punct) {
  if (!accept_punct(punct)) fail_unexpected();
}

void PartiqlReader::fail(std::string detail) {
  if (problem_.empty()) problem_ = std::move(detail);
}

void PartiqlReader::fail_unexpected() {
  const PqlToken& t = peek();
  if (t.kind == PqlTokenKind::kEnd) return fail("Unexpected end of statement");
  fail("Unexpected token '" + t.text + "' at position " + std::to_string(t.pos));
}

std::size_t PartiqlReader::parameters_given() const {
  return parameters_.is_array() ? parameters_.size() : 0;
}

std::string PartiqlReader::name() {
  const PqlToken& t = peek();
  const bool bare = t.kind == PqlTokenKind::kWord && !is_partiql_keyword(t.text);
  if (failed() || (t.kind != PqlTokenKind::kQuoted && !bare)) {
    fail_unexpected();
    return {};
  }
  ++pos_;
  return t.text;
}

PqlPath PartiqlReader::path() {
  PqlPath steps{{name(), -1}};
  while (!failed()) {
    if (accept_punct(".")) {
      steps.push_back({name(), -1});
    } else if (accept_punct("[")) {
      const PqlToken& t = peek();
      if (t.kind == PqlTokenKind::kNumber && t.text.find_first_not_of("0123456789") == std::string::npos) {
        steps.push_back({{}, std::stoll(t.text.size() > 9 ? std::string("999999999") : t.text)});
      } else if (t.kind == PqlTokenKind::kString) {
        steps.push_back({t.text, -1});
      } else {
        fail_unexpected();
      }
      ++pos_;
      expect_punct("]");
    } else {
      break;
    }
  }
  return steps;
}

bool PartiqlReader::at_value() const {
  const PqlToken& t = peek();
  if (t.kind == PqlTokenKind::kString || t.kind == PqlTokenKind::kNumber) return true;
  if (t.kind == PqlTokenKind::kPunct) {
    return t.text == "?" || t.text == "{" || t.text == "[" || t.text == "<<" ||
           (t.text == "-" && peek(1).kind == PqlTokenKind::kNumber);
  }
  return at_word("true") || at_word("false") || at_word("null");
}

nlohmann::json PartiqlReader::value() {
  const PqlToken& t = peek();
  if (failed() || !at_value()) {
    fail_unexpected();
    return nullptr;
  }
  if (t.kind == PqlTokenKind::kString) return ++pos_, nlohmann::json{{"S", t.text}};
  if (t.kind == PqlTokenKind::kNumber) return ++pos_, nlohmann::json{{"N", t.text}};
  if (accept_punct("-")) return ++pos_, nlohmann::json{{"N", "-" + tokens_[pos_ - 1].text}};
  if (accept_word("true")) return {{"BOOL", true}};
  if (accept_word("false")) return {{"BOOL", false}};
  if (accept_word("null")) return {{"NULL", true}};
  if (accept_punct("?")) return parameter();
  if (at_punct("{")) return map_literal();
  if (at_punct("[")) return list_literal();
  return set_literal();
}

nlohmann::json PartiqlReader::parameter() {
  const std::size_t i = next_parameter_++;
  // A missing parameter is reported once the whole statement is read, by count.
  return i < parameters_given() ? parameters_[i] : nlohmann::json{{"NULL", true}};
}

nlohmann::json PartiqlReader::map_literal() {
  expect_punct("{");
  nlohmann::json members = nlohmann::json::object();
  while (!failed() && !at_punct("}")) {
    const PqlToken& key = peek();
    if (key.kind != PqlTokenKind::kString && key.kind != PqlTokenKind::kQuoted) return fail_unexpected(), nullptr;
    ++pos_;
    expect_punct(":");
    members[key.text] = value();
    if (!accept_punct(",")) break;
  }
  expect_punct("}");
  return {{"M", std::move(members)}};
}

nlohmann::json PartiqlReader::list_literal() {
  expect_punct("[");
  nlohmann::json elements = nlohmann::json::array();
  while (!failed() && !at_punct("]")) {
    elements.push_back(value());
    if (!accept_punct(",")) break;
  }
  expect_punct("]");
  return {{"L", std::move(elements)}};
}

nlohmann::json PartiqlReader::set_literal() {
  expect_punct("<<");
  nlohmann::json elements = nlohmann::json::array();
  while (!failed() && !at_punct(">>")) {
    elements.push_back(value());
    if (!accept_punct(",")) break;
  }
  expect_punct(">>");
  const std::string type = pql_set_type(elements);
  if (failed()) return nullptr;
  if (type.empty()) return fail("A set holds strings, numbers or binaries of one type, and at least one"), nullptr;
  nlohmann::json scalars = nlohmann::json::array();
  for (auto& e : elements) scalars.push_back(std::move(e.begin().value()));
  return {{type, std::move(scalars)}};
}

PqlOperand PartiqlReader::operand() {
  PqlOperand o;
  if (at_word("size") && at_punct("(", 1)) {
    pos_ += 2;
    o.kind = PqlOperand::Kind::kSize;
    o.path = path();
    expect_punct(")");
  } else if (at_value()) {
    o.value = value();
  } else {
    o.kind = PqlOperand::Kind::kPath;
    o.path = path();
  }
  return o;
}

PqlConditionPtr PartiqlReader::condition() {
  return disjunction();
}

PqlConditionPtr PartiqlReader::disjunction() {
  PqlConditionPtr left = conjunction();
  while (!failed() && accept_word("or")) {
    auto node = std::make_unique<PqlCondition>();
    node->kind = PqlCondition::Kind::kOr;
    node->children.push_back(std::move(left));
    node->children.push_back(conjunction());
    left = std::move(node);
  }
  return left;
}

PqlConditionPtr PartiqlReader::conjunction() {
  PqlConditionPtr left = negation();
  while (!failed() && accept_word("and")) {
    auto node = std::make_unique<PqlCondition>();
    node->kind = PqlCondition::Kind::kAnd;
    node->children.push_back(std::move(left));
    node->children.push_back(negation());
    left = std::move(node);
  }
  return left;
}

PqlConditionPtr PartiqlReader::negation() {
  if (!accept_word("not")) return primary();
  auto node = std::make_unique<PqlCondition>();
  node->kind = PqlCondition::Kind::kNot;
  node->children.push_back(negation());
  return node;
}

PqlConditionPtr PartiqlReader::primary() {
  if (accept_punct("(")) {
    PqlConditionPtr inner = disjunction();
    expect_punct(")");
    return inner;
  }
  if (peek().kind == PqlTokenKind::kWord && at_punct("(", 1) && !at_word("size")) return function_condition();
  return predicate(operand());
}

PqlConditionPtr PartiqlReader::function_condition() {
  const std::string word = to_lower(peek().text);
  const auto* f = std::find_if(kPqlConditionFunctions.begin(), kPqlConditionFunctions.end(),
                               [&](const PqlFunction& known) { return known.name == word; });
  if (f == kPqlConditionFunctions.end()) {
    fail("Unsupported function: " + peek().text);
    return nullptr;
  }
  pos_ += 2;
  auto node = std::make_unique<PqlCondition>();
  node->kind = PqlCondition::Kind::kFunction;
  node->name = word;
  PqlOperand first;
  first.kind = PqlOperand::Kind::kPath;
  first.path = path();
  node->operands.push_back(std::move(first));
  for (std::size_t i = 1; i < f->arguments; ++i) {
    expect_punct(",");
    node->operands.push_back(operand());
  }
  expect_punct(")");
  return node;
}

PqlConditionPtr PartiqlReader::predicate(PqlOperand left) {
  auto node = std::make_unique<PqlCondition>();
  node->operands.push_back(std::move(left));
  if (accept_word("is")) {
    const bool negated = accept_word("not");
    expect_word("missing");
    node->kind = negated ? PqlCondition::Kind::kNotMissing : PqlCondition::Kind::kMissing;
  } else if (accept_word("between")) {
    node->kind = PqlCondition::Kind::kBetween;
    node->operands.push_back(operand());
    expect_word("and");
    node->operands.push_back(operand());
  } else if (accept_word("in")) {
    node->kind = PqlCondition::Kind::kIn;
    const bool square = accept_punct("[");
    if (!square) expect_punct("(");
    do node->operands.push_back(operand());
    while (accept_punct(","));
    expect_punct(square ? "]" : ")");
  } else {
    for (std::string_view op : {"=", "<>", "!=", "<", "<=", ">", ">="}) {
      if (!accept_punct(op)) continue;
      node->name = op == "!=" ? "<>" : std::string(op);
      break;
    }
    if (node->name.empty()) return fail_unexpected(), nullptr;
    node->operands.push_back(operand());
  }
  return node;
}

}  // namespace chokepoint
