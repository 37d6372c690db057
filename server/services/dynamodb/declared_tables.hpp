#pragma once
// Tables declared in the configuration (dynamodb.tables): built through CreateTable's own checks, ACTIVE
// from the start.
#include <memory>

#include "config/dynamodb_settings.hpp"
#include "services/dynamodb/dynamodb_call.hpp"

namespace chokepoint {

// The CreateTable parameters equivalent to a declaration.
nlohmann::json create_table_params(const DynamoDbTableDecl& decl);
// The table, or null when the declaration does not make a valid table.
std::shared_ptr<Table> declared_table(const DynamoDbTableDecl& decl, const DynamoCall& call);

}  // namespace chokepoint
