#pragma once
// How `chokepoint ctl` shows the control API's answers: aligned tables and one-line rule summaries, or the
// JSON itself with --json. Pure functions.
#include <nlohmann/json.hpp>
#include <string>

namespace chokepoint {

enum class CtlView { kRaw, kStatus, kFaultList, kFaultAdded, kFault, kScenarios, kRequests, kBuckets, kReport, kClock };

// The text to print for one response (errors too: the server's message, each wrong field on its own line).
std::string render_response(CtlView view, int status, const std::string& body, bool json_output);

// "ec2 DescribeRegions region=eu-* -> throttle, probability 0.3, count 3"
std::string describe_rule(const nlohmann::json& rule);

}  // namespace chokepoint
