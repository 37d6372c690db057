#pragma once
// A table's tags, given at CreateTable or by TagResource.
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "common/problem.hpp"

namespace chokepoint {

using TableTags = std::vector<std::pair<std::string, std::string>>;

// Adds `given` (a Tags list of Key/Value objects) to `tags`; a key given again takes the newer value. DynamoDB
// allows 50 tags per table: beyond that the message is returned and `tags` is left as it was.
Problem add_table_tags(TableTags& tags, const nlohmann::json& given);

}  // namespace chokepoint
