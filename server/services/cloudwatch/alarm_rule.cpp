#include "services/cloudwatch/alarm_rule.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "common/strings.hpp"
#include "services/cloudwatch/cloudwatch_errors.hpp"

namespace chokepoint {

struct AlarmRule::Node {
  enum class Kind { kState, kConstant, kNot, kAnd, kOr } kind = Kind::kConstant;
  std::string state;           // kState: ALARM, OK or INSUFFICIENT_DATA
  std::string alarm;           // kState
  bool value = false;          // kConstant
  std::vector<Node> operands;  // kNot: one; kAnd, kOr: two or more
};

namespace {

constexpr size_t kMaxRuleChildren = 100;
constexpr size_t kMaxRuleElements = 500;

using RuleNode = AlarmRule::Node;

// Recursive descent over the rule's text: or := and (OR and)*; and := unary (AND unary)*;
// unary := NOT unary | primary; primary := ( or ) | TRUE | FALSE | STATE(name).
class AlarmRuleParser {
 public:
  AlarmRuleParser(std::string_view text, std::string_view own_arn_prefix)
      : text_(text), own_arn_prefix_(own_arn_prefix) {}

  std::optional<RuleNode> parse() {
    auto root = parse_or(0);
    skip_spaces();
    if (root && at_ < text_.size()) return fail("unexpected text at position " + std::to_string(at_ + 1));
    if (root && elements_ > kMaxRuleElements) {
      return fail("it has " + std::to_string(elements_) + " elements; at most " + std::to_string(kMaxRuleElements) +
                  " are allowed");
    }
    if (root && children_.size() > kMaxRuleChildren) {
      return fail("it names " + std::to_string(children_.size()) + " alarms; at most " +
                  std::to_string(kMaxRuleChildren) + " are allowed");
    }
    return root;
  }

  const std::string& error() const { return error_; }
  std::vector<std::string> children() && { return std::move(children_); }

 private:
  // Nesting beyond this is refused rather than recursed into: 500 elements bound any real rule well below it.
  static constexpr int kMaxDepth = 200;

  std::optional<RuleNode> fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
    return std::nullopt;
  }

  void skip_spaces() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) ++at_;
  }

  // The next word (letters and underscores), upper-cased, without consuming it.
  std::string peek_word() {
    skip_spaces();
    size_t end = at_;
    while (end < text_.size() && (std::isalpha(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) ++end;
    std::string word(text_.substr(at_, end - at_));
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::toupper(c); });
    return word;
  }

  bool take_word(std::string_view word) {
    if (peek_word() != word) return false;
    at_ += word.size();
    return true;
  }

  std::optional<RuleNode> parse_binary(int depth, RuleNode::Kind kind, std::string_view keyword) {
    const bool is_or = kind == RuleNode::Kind::kOr;
    auto first = is_or ? parse_binary(depth, RuleNode::Kind::kAnd, "AND") : parse_unary(depth);
    if (!first) return std::nullopt;
    RuleNode node{kind, {}, {}, false, {std::move(*first)}};
    while (take_word(keyword)) {
      auto next = is_or ? parse_binary(depth, RuleNode::Kind::kAnd, "AND") : parse_unary(depth);
      if (!next) return std::nullopt;
      node.operands.push_back(std::move(*next));
    }
    if (node.operands.size() == 1) return std::move(node.operands.front());
    return node;
  }

  std::optional<RuleNode> parse_or(int depth) {
    if (depth > kMaxDepth) return fail("it is nested too deeply");
    return parse_binary(depth, RuleNode::Kind::kOr, "OR");
  }

  std::optional<RuleNode> parse_unary(int depth) {
    if (depth > kMaxDepth) return fail("it is nested too deeply");
    if (take_word("NOT")) {
      auto operand = parse_unary(depth + 1);
      if (!operand) return std::nullopt;
      return RuleNode{RuleNode::Kind::kNot, {}, {}, false, {std::move(*operand)}};
    }
    return parse_primary(depth);
  }

  std::optional<RuleNode> parse_primary(int depth) {
    skip_spaces();
    if (at_ < text_.size() && text_[at_] == '(') {
      ++at_;
      ++elements_;
      auto inner = parse_or(depth + 1);
      if (!inner) return std::nullopt;
      skip_spaces();
      if (at_ >= text_.size() || text_[at_] != ')') return fail("missing ) at position " + std::to_string(at_ + 1));
      ++at_;
      return inner;
    }
    const std::string word = peek_word();
    if (word == "TRUE" || word == "FALSE") {
      at_ += word.size();
      ++elements_;
      return RuleNode{RuleNode::Kind::kConstant, {}, {}, word == "TRUE", {}};
    }
    if (word == "ALARM" || word == "OK" || word == "INSUFFICIENT_DATA") {
      at_ += word.size();
      return parse_state(word);
    }
    return fail("expected ALARM, OK, INSUFFICIENT_DATA, TRUE, FALSE, NOT or ( at position " + std::to_string(at_ + 1));
  }

  // STATE ( name ) or STATE ( "name" ), after STATE.
  std::optional<RuleNode> parse_state(const std::string& state) {
    skip_spaces();
    if (at_ >= text_.size() || text_[at_] != '(') return fail("missing ( after " + state);
    ++at_;
    skip_spaces();
    std::string name;
    if (at_ < text_.size() && text_[at_] == '"') {
      const size_t close = text_.find('"', at_ + 1);
      if (close == std::string_view::npos)
        return fail("unterminated alarm name at position " + std::to_string(at_ + 1));
      name = std::string(text_.substr(at_ + 1, close - at_ - 1));
      at_ = close + 1;
      skip_spaces();
    } else {
      const size_t close = text_.find(')', at_);
      if (close == std::string_view::npos) return fail("missing ) after " + state + "(");
      name = std::string(trim(text_.substr(at_, close - at_)));
      at_ = close;
    }
    if (at_ >= text_.size() || text_[at_] != ')') return fail("missing ) after the alarm name " + name);
    ++at_;
    if (name.empty()) return fail(state + "() names no alarm");
    if (name.rfind(own_arn_prefix_, 0) == 0) name.erase(0, own_arn_prefix_.size());
    ++elements_;
    append_unique(children_, name);
    return RuleNode{RuleNode::Kind::kState, state, std::move(name), false, {}};
  }

  std::string_view text_;
  std::string_view own_arn_prefix_;
  size_t at_ = 0;
  size_t elements_ = 0;
  std::vector<std::string> children_;
  std::string error_;
};

bool node_holds(const RuleNode& node, const AlarmRule::StateOf& state_of) {
  switch (node.kind) {
    case RuleNode::Kind::kState:
      return state_of(node.alarm) == node.state;
    case RuleNode::Kind::kConstant:
      return node.value;
    case RuleNode::Kind::kNot:
      return !node_holds(node.operands.front(), state_of);
    case RuleNode::Kind::kAnd:
      return std::all_of(node.operands.begin(), node.operands.end(),
                         [&](const RuleNode& n) { return node_holds(n, state_of); });
    case RuleNode::Kind::kOr:
      return std::any_of(node.operands.begin(), node.operands.end(),
                         [&](const RuleNode& n) { return node_holds(n, state_of); });
  }
  return false;
}

void collect_satisfied(const RuleNode& node, const AlarmRule::StateOf& state_of, std::vector<std::string>& out) {
  if (node.kind == RuleNode::Kind::kState) {
    if (state_of(node.alarm) == node.state) append_unique(out, node.alarm);
    return;
  }
  for (const auto& operand : node.operands) collect_satisfied(operand, state_of, out);
}

}  // namespace

Result<AlarmRule> AlarmRule::parse(std::string_view text, std::string_view own_arn_prefix) {
  if (text.empty() || trim(text).size() != text.size()) {
    return cw_validation_error("AlarmRule must not contain leading or trailing whitespace or be null");
  }
  AlarmRuleParser parser(text, own_arn_prefix);
  auto root = parser.parse();
  if (!root) return cw_validation_error("The AlarmRule is not valid: " + parser.error() + ".");
  AlarmRule rule;
  rule.root_ = std::make_shared<const Node>(std::move(*root));
  rule.children_ = std::move(parser).children();
  return rule;
}

bool AlarmRule::holds(const StateOf& state_of) const {
  return root_ && node_holds(*root_, state_of);
}

std::vector<std::string> AlarmRule::satisfied(const StateOf& state_of) const {
  std::vector<std::string> out;
  if (root_) collect_satisfied(*root_, state_of, out);
  return out;
}

}  // namespace chokepoint
