#pragma once
// The key Chokepoint knows each AWS service by (its endpoint prefix, as in its host name: s3, sqs, iam, logs,
// monitoring), read straight from the compiled-in catalog's service lines, without building the catalog: the
// configuration checks service names against these at every load.
#include <string_view>
#include <vector>

namespace chokepoint {

// Views into the compiled-in table, which lives as long as the program; sorted, without duplicates.
std::vector<std::string_view> aws_service_keys();

}  // namespace chokepoint
