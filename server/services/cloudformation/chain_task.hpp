#pragma once
// A ResourceTask made of links run one after another. Each link builds a downstream call (or skips itself)
// and judges its outcome: go on, repeat after the poll interval (a resource still settling), or fail. When
// every link is done, `finish` gives the final step. Providers describe their operations with it.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "services/cloudformation/resource_provider.hpp"

namespace chokepoint {

class ChainTask final : public ResourceTask {
 public:
  // kAgain: run the link again at once (a link working through a list it learned from an earlier answer).
  enum class Verdict { kNext, kRepeat, kAgain, kFail };
  // The call to make; nullopt skips the link.
  using Build = std::function<std::optional<ProviderStep>()>;
  // Looks at the outcome; on kFail sets the reason.
  using Check = std::function<Verdict(const CallOutcome& outcome, std::string& reason)>;

  ChainTask(Duration poll_interval, std::function<ProviderStep()> finish)
      : poll_interval_(poll_interval), finish_(std::move(finish)) {}

  ChainTask& then(Build build, Check check);
  // The physical id known so far (e.g. a table name once CreateTable answered), reported with every step so
  // that a cancelled operation still leaves the engine able to delete what was made.
  ChainTask& report_physical_id(std::function<std::string()> physical_id);
  ProviderStep next(const CallOutcome* last) override;

 private:
  struct Link {
    Build build;
    Check check;
  };
  ProviderStep start_link();
  ProviderStep advance(const CallOutcome* last);

  Duration poll_interval_;
  std::function<ProviderStep()> finish_;
  std::vector<Link> links_;
  std::function<std::string()> physical_id_;
  size_t current_ = 0;
};

// A Check that fails with the handler's message on any error and goes on otherwise; `ok_codes` are errors
// that count as success (e.g. "ParameterNotFound" when deleting).
ChainTask::Check fail_on_error(std::string request_token, std::vector<std::string> ok_codes = {});

}  // namespace chokepoint
