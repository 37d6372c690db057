// persistence: section. Keys present replace the defaults.
#include <climits>

#include "config/sections.hpp"

namespace chokepoint {

void read_persistence_section(YamlReader& reader, const YamlNode& section, Config& config) {
  if (!reader.expect_mapping(section, {"data_dir", "snapshot_every_records", "snapshot_every_seconds"})) return;
  PersistenceSettings& p = config.persistence;
  reader.read(section, "data_dir", p.data_dir);
  reader.read(section, "snapshot_every_records", p.snapshot_every_records, IntRange{1, LLONG_MAX});
  reader.read(section, "snapshot_every_seconds", p.snapshot_every_seconds, NumberRange{0, true});
}

}  // namespace chokepoint
