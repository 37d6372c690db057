#pragma once
// GetConsoleOutput: a plausible serial-console boot log of the instance (kernel, cloud-init, login prompt),
// base64-encoded as EC2 sends it, with the time it was captured. A pending instance has written nothing yet,
// so its answer has no output, as EC2's has not either.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult get_console_output(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

// The boot log itself, in plain text (exposed for tests).
std::string console_boot_log(const Ec2Instance& instance);

}  // namespace chokepoint
