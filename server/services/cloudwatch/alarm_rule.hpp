#pragma once
// A composite alarm's AlarmRule: ALARM(x), OK(x) and INSUFFICIENT_DATA(x) (true when alarm x is in that state),
// TRUE and FALSE, combined with NOT, AND and OR (binding in that order) and parentheses. x is an alarm name or
// ARN, in double quotes or not. [CWAPI] API_PutCompositeAlarm.html: at most 100 children and 500 elements.
// Immutable once parsed; thread-compatible.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "protocol/result.hpp"

namespace chokepoint {

class AlarmRule {
 public:
  struct Node;
  // An alarm's state by name; empty when the alarm does not exist.
  using StateOf = std::function<std::string(const std::string& name)>;

  // `own_arn_prefix` ("arn:aws:cloudwatch:REGION:ACCOUNT:alarm:"): ARNs with it name the alarms of the caller's
  // account and region, and are kept as names. A ValidationError when the text is not a rule.
  static Result<AlarmRule> parse(std::string_view text, std::string_view own_arn_prefix);

  // The alarms the rule names, each once, in the order first named.
  const std::vector<std::string>& children() const { return children_; }
  bool holds(const StateOf& state_of) const;
  // The children whose own terms hold (ALARM(x) while x is in ALARM...): what made the rule come out as it did.
  std::vector<std::string> satisfied(const StateOf& state_of) const;

 private:
  std::shared_ptr<const Node> root_;
  std::vector<std::string> children_;
};

}  // namespace chokepoint
