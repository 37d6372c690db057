#pragma once
// The `admin:` section: who may use the control API (/_chokepoint/*, /_localstack/*). Read by admin_section.cpp.
#include <string>

namespace chokepoint {

// The environment variable that supplies the token when the config file sets none.
inline constexpr const char* kAdminTokenEnv = "CHOKEPOINT_ADMIN_TOKEN";

struct AdminSettings {
  // When set, every control API request must carry it ("Authorization: Bearer TOKEN" or
  // "x-chokepoint-admin-token: TOKEN"). When empty and the server listens on a non-loopback address, the
  // control API is disabled. From admin.token, else $CHOKEPOINT_ADMIN_TOKEN (read at load). Never logged or shown.
  std::string token;
};

}  // namespace chokepoint
