#pragma once
// Who may use the control API. On a loopback address with no token configured, anyone who can connect (local
// processes only). With admin.token set, every control request must carry the token, wherever the server
// listens. On any other address with no token, the control API is disabled: it can reset state, inject faults
// and read the request log, which must not be open to a network. Pure functions; thread-safe.
#include <optional>
#include <string_view>

#include "common/http_message.hpp"
#include "config/config.hpp"

namespace chokepoint {

// True for 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(std::string_view host);

// The refusal to send instead of handling `request`, or nullopt when it may go ahead (always for GET of the
// health endpoint and of the dashboard's static files, whose data requests carry the token). A request that changes something and carries the Origin of another site (a web page the
// user visits) is refused whatever the token. The token is compared in constant time and never appears in the
// answer.
std::optional<HttpResponse> refuse_admin_request(const Config& config, const HttpRequest& request);

}  // namespace chokepoint
