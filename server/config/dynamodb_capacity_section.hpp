#pragma once
// Reader of `dynamodb.capacity` (see dynamodb_capacity_settings.hpp); called by the dynamodb: section reader.
#include "config/dynamodb_capacity_settings.hpp"
#include "config/yaml_reader.hpp"

namespace chokepoint {

void read_dynamodb_capacity(YamlReader& reader, const YamlNode& node, DynamoDbCapacitySettings& out);

}  // namespace chokepoint
