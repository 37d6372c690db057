#pragma once
// DynamoDB's limit on provisioned-throughput decreases: [DDB-quotas] https://docs.aws.amazon.com/amazondynamodb/
// latest/developerguide/ServiceQuotas.html#default-limits-capacity-units-provisioned-throughput: four decreases
// at any time in a UTC day, then one more whenever there was no decrease in the preceding hour (27 a day at most).
// Counted per table and per global secondary index. Pure functions: time is a parameter.
#include <optional>
#include <string>

#include "services/dynamodb/table.hpp"

namespace chokepoint {

// Decreases made on the UTC day of `now` (the count restarts each day).
int decreases_on_day(const Throughput& throughput, TimePoint now);

// The LimitExceededException message when a decrease at `now` is not allowed; nullopt when it is.
std::optional<std::string> decrease_refused(const Throughput& throughput, TimePoint now);

}  // namespace chokepoint
