#pragma once
// The self-check of the operation tables (operation_table.hpp), run at start-up and by the unit tests: it
// refuses a table whose entries lack a part, names an operation twice, or names a throttling bucket that the
// built-in defaults do not define or that disagrees with the defaults' groups, so that a new operation cannot
// silently fall into the wrong bucket.
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "services/service_registry.hpp"

namespace chokepoint {

// "dynamodb GetItem: ..." lines, one per problem; empty when the table is sound. `defaults` is the configuration
// built from config/default.yaml alone: a user's file may retune groups, the tables answer to the defaults.
std::vector<std::string> operation_table_problems(std::string_view service, const OperationDirectory& operations,
                                                  const Config& defaults);
// The same over every registered service.
std::vector<std::string> operation_table_problems(const ServiceRegistry& services, const Config& defaults);

}  // namespace chokepoint
