#pragma once
// `chokepoint ctl`: the control API from the command line.
//   chokepoint ctl [--endpoint URL] [--token TOKEN] [--json] fault add --service dynamodb --operation GetItem --throttle --count 3
//   ... fault list | fault show ID | fault rm ID... | fault clear | scenario list | scenario start|stop NAME
//   ... requests [--limit N] | buckets [--account A] [--region R] [--service S] | report [--access_key K]
//   ... reset | reload | health
// Arguments become control API calls; the server validates rules, so its messages are the ones shown.
#include <iosfwd>
#include <string>
#include <vector>

#include "app/ctl_http.hpp"
#include "app/ctl_output.hpp"

namespace chokepoint {

struct CtlCall {
  std::string method;
  std::string target;
  std::string body;  // JSON text, empty for none
  CtlView view = CtlView::kRaw;
};

struct CtlPlan {
  CtlEndpoint endpoint;
  bool json_output = false;
  bool help = false;
  std::vector<CtlCall> calls;
  std::string error;  // non-empty: bad arguments
};

// `default_endpoint`: the endpoint when --endpoint is not given (CHOKEPOINT_ENDPOINT, else 127.0.0.1:4566).
// `default_token`: the admin token when --token is not given (CHOKEPOINT_ADMIN_TOKEN, else none).
CtlPlan parse_ctl(const std::vector<std::string>& args, const std::string& default_endpoint,
                  const std::string& default_token = "");

// Runs the plan; returns the exit code: 0 done, 1 the server refused, 2 bad arguments, 3 unreachable.
int run_ctl(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

std::string ctl_usage();

}  // namespace chokepoint
