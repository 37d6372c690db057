#pragma once
// CloudWatch's StandardUnit values, as small indices so that stored datapoints stay compact.
#include <cstdint>
#include <optional>
#include <string_view>

namespace chokepoint {

using UnitIndex = uint8_t;

// The index of a StandardUnit name ("Count", "Milliseconds", ...); empty for anything else.
std::optional<UnitIndex> unit_index(std::string_view name);
std::string_view unit_name(UnitIndex index);
// "None": what a datapoint published without a unit has.
UnitIndex no_unit();
// Seconds, Microseconds, Milliseconds.
bool is_time_unit(UnitIndex index);

}  // namespace chokepoint
