#pragma once
// Parses one PartiQL statement of DynamoDB's dialect
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.statements.html):
//   SELECT * | path, ... FROM "table"[."index"] [WHERE condition] [ORDER BY key [ASC|DESC]]
//   INSERT INTO "table" VALUE {'attr': value, ...}
//   UPDATE "table" SET path = term, ... | REMOVE path, ... [WHERE condition] [RETURNING ALL|MODIFIED OLD|NEW *]
//   DELETE FROM "table" [WHERE condition] [RETURNING ALL OLD *]
//   EXISTS(SELECT * FROM "table" WHERE condition)   (ExecuteTransaction's condition check)
// Errors are DynamoDB's ValidationExceptions: "Statement wasn't well formed, can't be processed: ..." for
// syntax, and the parameter count check of the `?` placeholders.
#include <string>
#include <string_view>

#include "protocol/result.hpp"
#include "services/dynamodb/partiql_ast.hpp"

namespace chokepoint {

// `parameters`: the request's Parameters, an array of attribute values, or null.
Result<PqlStatement> parse_partiql(std::string_view text, const nlohmann::json& parameters);

// The table a statement names, without parsing the rest (fault rules and throttling errors name it); empty
// when none can be found.
std::string partiql_table_name(std::string_view text);

}  // namespace chokepoint
