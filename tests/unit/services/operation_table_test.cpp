// The operation tables: every entry complete and in the bucket the defaults give it, every operation reachable
// through the dispatcher, and the self-check refusing a table with a part taken away.
#include <catch2/catch.hpp>

#include <set>

#include "app/service_setup.hpp"
#include "config_loading.hpp"
#include "in_process_server.hpp"
#include "services/dynamodb/dynamodb_operations.hpp"
#include "services/operation_check.hpp"

namespace chokepoint {
namespace {

using testing::InProcessServer;

std::vector<std::string> problems_of(std::vector<DynamoOperationTable::Entry> entries) {
  const DynamoOperationTable table(std::move(entries));
  return operation_table_problems("dynamodb", table, *testing::default_config());
}

DynamoOperationTable::Entry& entry_named(std::vector<DynamoOperationTable::Entry>& entries, std::string_view name) {
  for (auto& entry : entries) {
    if (entry.traits.name == name) return entry;
  }
  FAIL("no entry " << name);
  throw std::logic_error("unreachable");
}

TEST_CASE("operation tables: every registered service's table agrees with the built-in defaults", "[services]") {
  InProcessServer server;
  const auto& services = server.runtime().services.services();
  REQUIRE_FALSE(services.empty());
  const std::vector<std::string> problems = operation_table_problems(server.runtime().services, *testing::default_config());
  INFO(Catch::Detail::stringify(problems));
  CHECK(problems.empty());
  for (const auto& service : services) {
    INFO(service->descriptor().name);
    CHECK_FALSE(service->operations().traits().empty());
  }
}

TEST_CASE("operation tables: every operation is routed by its descriptor and reaches its handler", "[services]") {
  InProcessServer server;
  for (const auto& service : server.runtime().services.services()) {
    const ServiceDescriptor& descriptor = service->descriptor();
    CHECK(descriptor.operations.size() == service->operations().traits().size());
    for (const OperationTraits& op : service->operations().traits()) {
      INFO(descriptor.name << " " << op.name);
      CHECK(descriptor.has_operation(std::string(op.name)));
      ApiRequest request;
      request.service = descriptor.name;
      request.operation = op.name;
      request.params = nlohmann::json::object();
      request.identity = {"AKIDEXAMPLE", "000000000000", "us-east-1"};
      const ApiResult result = server.runtime().dispatcher.call(request, server.scheduler().now());
      // Empty parameters may be refused, but by the operation, not as an unknown one.
      if (const auto* error = std::get_if<ApiError>(&result)) CHECK(error->code != "UnknownOperationException");
    }
    ApiRequest unknown;
    unknown.service = descriptor.name;
    unknown.operation = "NoSuchOperation";
    unknown.identity = {"AKIDEXAMPLE", "000000000000", "us-east-1"};
    INFO(descriptor.name);
    CHECK(service->resource_of(unknown).empty());
  }
}

TEST_CASE("operation tables: each service module builds the service it names, with the table it lists", "[services]") {
  InProcessServer server;
  const auto& registered = server.runtime().services.services();
  const std::vector<ServiceModule> modules = service_modules();
  REQUIRE(registered.size() == modules.size());
  for (std::size_t i = 0; i < modules.size(); ++i) {
    INFO(modules[i].name);
    CHECK(registered[i]->descriptor().name == modules[i].name);
    std::vector<std::string_view> listed, built;
    for (const OperationTraits& op : modules[i].operations()) listed.push_back(op.name);
    for (const OperationTraits& op : registered[i]->operations().traits()) built.push_back(op.name);
    CHECK(listed == built);
  }
}

TEST_CASE("operation tables: the vocabulary names the registered services and their operations", "[services]") {
  InProcessServer server;
  const OperationVocabulary vocabulary = operation_vocabulary();
  std::set<std::string> registered;
  for (const auto& service : server.runtime().services.services()) {
    registered.insert(service->descriptor().name);
    const auto names = vocabulary.by_service.find(service->descriptor().name);
    REQUIRE(names != vocabulary.by_service.end());
    for (const OperationTraits& op : service->operations().traits()) CHECK(names->second.count(op.name) == 1);
  }
  std::set<std::string> listed;
  for (const auto& [service, names] : vocabulary.by_service) listed.insert(service);
  CHECK(listed == registered);
}

TEST_CASE("operation tables: the self-check refuses an entry without its shape or handler", "[services]") {
  CHECK(problems_of(dynamodb_operations()).empty());
  auto entries = dynamodb_operations();
  entry_named(entries, "GetItem").handler.input = nullptr;
  CHECK(problems_of(entries) == std::vector<std::string>{"dynamodb GetItem: no input shape"});
  entries = dynamodb_operations();
  entry_named(entries, "UpdateTimeToLive").handler.run = nullptr;
  CHECK(problems_of(entries) == std::vector<std::string>{"dynamodb UpdateTimeToLive: no handler"});
}

TEST_CASE("operation tables: the self-check refuses a bucket the defaults do not define or do not give", "[services]") {
  auto entries = dynamodb_operations();
  entry_named(entries, "PutItem").traits.bucket = "";
  CHECK(problems_of(entries) == std::vector<std::string>{"dynamodb PutItem: names no throttling bucket"});
  entries = dynamodb_operations();
  entry_named(entries, "Query").traits.bucket = "DataPlain";
  CHECK(problems_of(entries) ==
        std::vector<std::string>{"dynamodb Query: names bucket 'DataPlain', which throttling.dynamodb.groups in the "
                                 "built-in defaults does not define"});
  // A data-plane operation declared in the control-plane default would be throttled at 10/s.
  entries = dynamodb_operations();
  entry_named(entries, "Scan").traits.bucket = kDefaultBucket;
  CHECK(problems_of(entries) ==
        std::vector<std::string>{"dynamodb Scan: names bucket 'default', but the built-in defaults put it in 'DataPlane'"});
}

TEST_CASE("operation tables: the self-check refuses an operation declared twice", "[services]") {
  auto entries = dynamodb_operations();
  entries.push_back(entries.front());
  CHECK(problems_of(entries) == std::vector<std::string>{"dynamodb CreateTable: is declared twice"});
}

TEST_CASE("operation tables: DynamoDB's planes and durable operations", "[services]") {
  const DynamoOperationTable table(dynamodb_operations());
  std::set<std::string_view> reads, writes, journaled;
  for (const OperationTraits& op : table.traits()) {
    if (op.plane == Plane::kDataRead) reads.insert(op.name);
    if (op.plane == Plane::kDataWrite) writes.insert(op.name);
    if (op.changes_state) journaled.insert(op.name);
  }
  CHECK(reads == std::set<std::string_view>{"GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems"});
  // PartiQL calls may write, so they count as writes (a SELECT's capacity is still drawn as a read).
  CHECK(writes == std::set<std::string_view>{"PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
                                             "TransactWriteItems", "ExecuteStatement", "BatchExecuteStatement",
                                             "ExecuteTransaction"});
  CHECK(journaled == std::set<std::string_view>{"CreateTable", "UpdateTable", "DeleteTable", "UpdateTimeToLive",
                                                "UpdateContinuousBackups", "TagResource", "UntagResource", "PutItem",
                                                "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems",
                                                "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction",
                                                "UpdateContributorInsights", "CreateBackup", "DeleteBackup",
                                                "RestoreTableFromBackup", "RestoreTableToPointInTime",
                                                "PutResourcePolicy", "DeleteResourcePolicy"});
}

TEST_CASE("operation tables: DynamoDB calls name their table wherever they carry it", "[services]") {
  const DynamoOperationTable table(dynamodb_operations());
  const auto resource = [&](std::string_view op, nlohmann::json params) {
    return table.find(op)->traits.resource(params);
  };
  CHECK(resource("GetItem", {{"TableName", "orders"}}) == "orders");
  CHECK(resource("TagResource", {{"ResourceArn", "arn:aws:dynamodb:us-east-1:000000000000:table/orders"}}) == "orders");
  CHECK(resource("TagResource", {{"ResourceArn", "arn:aws:dynamodb:us-east-1:000000000000:table/orders/index/i"}}) ==
        "orders");
  CHECK(resource("TagResource", {{"ResourceArn", "not an arn"}}).empty());
  CHECK(resource("BatchGetItem", {{"RequestItems", {{"orders", nlohmann::json::object()}}}}) == "orders");
  CHECK(resource("TransactWriteItems",
                 {{"TransactItems", {{{"Put", {{"TableName", "orders"}}}}}}}) == "orders");
  CHECK(resource("ExecuteStatement", {{"Statement", "SELECT * FROM \"orders\".\"byDate\" WHERE a = ?"}}) == "orders");
  CHECK(resource("BatchExecuteStatement", {{"Statements", {{{"Statement", "DELETE FROM orders WHERE a = 1"}}}}}) ==
        "orders");
  CHECK(resource("ExecuteTransaction", {{"TransactStatements", {{{"Statement", "UPDATE orders SET b = 1"}}}}}) ==
        "orders");
  CHECK(resource("DescribeBackup",
                 {{"BackupArn", "arn:aws:dynamodb:us-east-1:000000000000:table/orders/backup/01800000000000-0123abcd"}}) ==
        "orders");
  CHECK(resource("CreateBackup", {{"TableName", "arn:aws:dynamodb:us-east-1:000000000000:table/orders"}}) == "orders");
  CHECK(resource("RestoreTableFromBackup", {{"TargetTableName", "copy"}}) == "copy");
  CHECK(table.find("ListTables")->traits.resource == nullptr);
}

}  // namespace
}  // namespace chokepoint
