// admin: section.
#include <cstdlib>

#include "config/sections.hpp"

namespace chokepoint {

void read_admin_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"token"})) return;
  reader.read(section, "token", config.admin.token);
  // The environment fills in what the file leaves empty, so a token need not be written into a config file.
  if (config.admin.token.empty()) {
    if (const char* env = std::getenv(kAdminTokenEnv)) config.admin.token = env;
  }
}

}  // namespace chokepoint
