#include "services/dynamodb/partiql_parser.hpp"

#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/partiql_reader.hpp"

namespace chokepoint {

namespace {

using StmtKind = PqlStatementKind;

// RETURNING ALL|MODIFIED OLD|NEW *, as the ReturnValues of UpdateItem or DeleteItem
// (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-reference.update.html).
std::string read_returning(PartiqlReader& r, bool old_only) {
  if (!r.accept_word("returning")) return {};
  const bool all = r.accept_word("all");
  if (!all) r.expect_word("modified");
  const bool old = r.accept_word("old");
  if (!old) r.expect_word("new");
  r.expect_punct("*");
  if (old_only && !(all && old)) r.fail("DELETE supports only RETURNING ALL OLD *");
  return std::string(all ? "ALL_" : "UPDATED_") + (old ? "OLD" : "NEW");
}

void read_select(PartiqlReader& r, PqlStatement& s) {
  r.expect_word("select");
  if (!r.accept_punct("*")) {
    do s.projection.push_back(r.path());
    while (!r.failed() && r.accept_punct(","));
  }
  r.expect_word("from");
  s.table = r.name();
  if (r.accept_punct(".")) s.index = r.name();
  if (r.accept_word("where")) s.where = r.condition();
  if (r.accept_word("order")) {
    r.expect_word("by");
    s.order_by = r.path();
    s.descending = r.accept_word("desc");
    if (!s.descending) r.accept_word("asc");
  }
}

void read_insert(PartiqlReader& r, PqlStatement& s) {
  r.expect_word("insert");
  r.expect_word("into");
  s.table = r.name();
  r.expect_word("value");
  if (!r.failed() && !r.at_punct("{") && !r.at_punct("?")) return r.fail_unexpected();
  s.item = r.value();
  if (!r.failed() && !s.item.contains("M")) r.fail("The VALUE of an INSERT must be a map of attribute names to values");
}

PqlTerm read_term(PartiqlReader& r) {
  PqlTerm term;
  for (std::string_view f : {"list_append", "set_add", "set_delete"}) {
    if (!r.at_word(f) || !r.at_punct("(", 1)) continue;
    term.kind = PqlTerm::Kind::kCall;
    term.function = std::string(f);
    r.accept_word(f);
    r.expect_punct("(");
    term.args.push_back(r.operand());
    r.expect_punct(",");
    term.args.push_back(r.operand());
    r.expect_punct(")");
    return term;
  }
  term.args.push_back(r.operand());
  if (r.accept_punct("+")) {
    term.kind = PqlTerm::Kind::kPlus;
  } else if (r.accept_punct("-")) {
    term.kind = PqlTerm::Kind::kMinus;
  } else {
    return term;
  }
  term.args.push_back(r.operand());
  return term;
}

void read_update(PartiqlReader& r, PqlStatement& s) {
  r.expect_word("update");
  s.table = r.name();
  while (!r.failed()) {
    if (r.accept_word("set")) {
      do {
        PqlAssignment a;
        a.path = r.path();
        r.expect_punct("=");
        a.value = read_term(r);
        s.sets.push_back(std::move(a));
      } while (!r.failed() && r.accept_punct(","));
    } else if (r.accept_word("remove")) {
      do s.removes.push_back(r.path());
      while (!r.failed() && r.accept_punct(","));
    } else {
      break;
    }
  }
  if (s.sets.empty() && s.removes.empty()) r.fail_unexpected();
  if (r.accept_word("where")) s.where = r.condition();
  s.returning = read_returning(r, false);
}

void read_delete(PartiqlReader& r, PqlStatement& s) {
  r.expect_word("delete");
  r.expect_word("from");
  s.table = r.name();
  if (r.accept_word("where")) s.where = r.condition();
  s.returning = read_returning(r, true);
}

void read_statement(PartiqlReader& r, PqlStatement& s) {
  if (r.at_word("select")) {
    s.kind = StmtKind::kSelect;
    read_select(r, s);
  } else if (r.at_word("insert")) {
    s.kind = StmtKind::kInsert;
    read_insert(r, s);
  } else if (r.at_word("update")) {
    s.kind = StmtKind::kUpdate;
    read_update(r, s);
  } else if (r.at_word("delete")) {
    s.kind = StmtKind::kDelete;
    read_delete(r, s);
  } else if (r.accept_word("exists")) {
    s.kind = StmtKind::kExists;
    r.expect_punct("(");
    read_select(r, s);
    r.expect_punct(")");
  } else {
    r.fail("Expected data manipulation");
  }
  r.accept_punct(";");
  if (!r.failed() && !r.at_end()) r.fail_unexpected();
}

}  // namespace

Result<PqlStatement> parse_partiql(std::string_view text, const nlohmann::json& parameters) {
  PartiqlReader reader(text, parameters);
  PqlStatement statement;
  read_statement(reader, statement);
  if (reader.failed()) {
    return dynamodb_errors::validation("Statement wasn't well formed, can't be processed: " + reader.problem());
  }
  if (reader.parameters_used() != reader.parameters_given()) {
    return dynamodb_errors::validation("Number of parameters in request and statement doesn't match.");
  }
  return statement;
}

std::string partiql_table_name(std::string_view text) {
  PartiqlReader reader(text, nullptr);
  if (reader.accept_word("update")) return reader.name();
  if (reader.accept_word("insert")) {
    reader.expect_word("into");
    return reader.failed() ? std::string() : reader.name();
  }
  // SELECT, DELETE and EXISTS name their table after the first FROM.
  while (!reader.at_end() && !reader.failed()) {
    if (reader.accept_word("from")) return reader.name();
    reader.skip();
  }
  return {};
}

}  // namespace chokepoint
