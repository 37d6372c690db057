#include "services/cloudformation/chain_task.hpp"

#include <algorithm>

#include "services/cloudformation/downstream_errors.hpp"

namespace chokepoint {

ChainTask& ChainTask::then(Build build, Check check) {
  links_.push_back(Link{std::move(build), std::move(check)});
  return *this;
}

ProviderStep ChainTask::start_link() {
  while (current_ < links_.size()) {
    if (auto step = links_[current_].build()) return *step;
    ++current_;  // skipped
  }
  return finish_();
}

ChainTask& ChainTask::report_physical_id(std::function<std::string()> physical_id) {
  physical_id_ = std::move(physical_id);
  return *this;
}

ProviderStep ChainTask::next(const CallOutcome* last) {
  ProviderStep step = advance(last);
  if (step.physical_id.empty() && physical_id_) step.physical_id = physical_id_();
  return step;
}

// After a wait (no outcome) the current link runs again: that is how a repeat polls.
ProviderStep ChainTask::advance(const CallOutcome* last) {
  if (!last) return start_link();
  std::string reason;
  switch (links_[current_].check(*last, reason)) {
    case Verdict::kNext:
      ++current_;
      return start_link();
    case Verdict::kRepeat:
      return ProviderStep::wait(poll_interval_);
    case Verdict::kAgain:
      return start_link();
    case Verdict::kFail:
      break;
  }
  return ProviderStep::failed(std::move(reason));
}

ChainTask::Check fail_on_error(std::string request_token, std::vector<std::string> ok_codes) {
  return [token = std::move(request_token), ok = std::move(ok_codes)](const CallOutcome& outcome, std::string& reason) {
    const ApiError* e = error_of(outcome);
    if (!e || std::find(ok.begin(), ok.end(), e->code) != ok.end()) return ChainTask::Verdict::kNext;
    reason = handler_failure_reason(outcome, token);
    return ChainTask::Verdict::kFail;
  };
}

}  // namespace chokepoint
