#pragma once
// `chokepoint ctl report`: the retry report (GET /_chokepoint/report) as a table per client, with its
// attempts histogram, waits per attempt and backoff verdict underneath.
#include <nlohmann/json.hpp>
#include <string>

namespace chokepoint {

std::string render_retry_report(const nlohmann::json& report);

}  // namespace chokepoint
