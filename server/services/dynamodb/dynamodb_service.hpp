#pragma once
// DynamoDB (JSON 1.0, DynamoDB_20120810): tables, items, expressions, indexes, batches and transactions,
// in memory per account and region. Thread-safe: handle() runs concurrently on every I/O thread; each
// table has its own reader/writer lock, and single-item operations and transactions are atomic.
#include <array>
#include <atomic>
#include <string>
#include <vector>

#include "services/dynamodb/dynamodb_call.hpp"
#include "services/dynamodb/dynamodb_operations.hpp"
#include "services/dynamodb/table_registry.hpp"
#include "metrics/insight_rules.hpp"
#include "persistence/persistent_state.hpp"
#include "services/service.hpp"

namespace chokepoint {

class DynamoDbService final : public Service, public PersistentState, public InsightRuleSource {
 public:
  DynamoDbService();

  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  // Data-plane calls get the capacity throttling error of the table's mode (ProvisionedThroughputExceededException
  // with ThrottlingReasons, or ThrottlingException with throttlingReasons); control-plane calls get the front end's
  // ThrottlingException.
  ApiError throttle_error(const ApiRequest& request, const CallContext& ctx) const override;
  void reset() override;

  // A table as it stands (for the inspection endpoint); null when absent. Creates and seeds nothing.
  std::shared_ptr<Table> find_table(const std::string& account, const std::string& region, const std::string& name,
                                    TimePoint now) const;
  // Every table as {account, region, name}, by account, region and name (for the inspection endpoint's list).
  std::vector<std::array<std::string, 3>> list_tables(TimePoint now) const;
  // The caller's tables (created and seeded on first use), for DynamoDB Streams, which reads the tables' streams.
  std::shared_ptr<RegionTables> region_tables(const Identity& identity, CallContext& ctx);
  // Contributor Insights' rules, for CloudWatch (dynamodb_insight_rules.cpp).
  std::vector<InsightRuleInfo> insight_rules(const std::string& account, const std::string& region,
                                             TimePoint now) const override;
  std::optional<std::pair<InsightRuleInfo, ContributorReport>> insight_rule_report(
      const std::string& account, const std::string& region, const std::string& rule, const ContributorQuery& query,
      TimePoint now) const override;
  // Durable mode (dynamodb_persistence.cpp).
  std::string_view persistence_name() const override;
  void attach_change_log(ChangeLog* log) override;
  void dump(const RecordSink& emit) const override;
  void restore(const ChangeRecord& record, const RestoreContext& ctx) override;

 private:
  // After a control-plane change: the table's new description (or its deletion) goes to the change log.
  void record_table_change(const ApiRequest& request, RegionTables& tables, TimePoint now);

  // Creates the tables the configuration declares for this account and region (those not present yet).
  void seed(RegionTables& tables, const std::string& account, const std::string& region, CallContext& ctx);

  ServiceDescriptor descriptor_;
  DynamoOperationTable operations_;
  OperationShapes shapes_;
  DynamoDbState state_;
  std::atomic<const Config*> seeded_config_{nullptr};
  ChangeLog* change_log_ = nullptr;
};

}  // namespace chokepoint
