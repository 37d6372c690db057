#pragma once
// SSM Parameter Store (JSON 1.1, target prefix AmazonSSM). State is per account and region, created on first
// use with the configured seed parameters. GetParameter, GetParameters and GetParametersByPath share the
// account-region read bucket; an account-region that enabled /ssm/parameter-store/high-throughput-enabled
// draws from the "high_throughput" variant groups instead, from its next call on.
// Thread-safe: one mutex serializes all handlers (each is short and never blocks).
#include <mutex>
#include <string>
#include <unordered_map>

#include "persistence/persistent_state.hpp"
#include "services/service.hpp"
#include "services/ssm/ssm_call.hpp"

namespace chokepoint {

// Every Parameter Store operation the service answers, one entry each.
std::vector<OperationTable<SsmHandler>::Entry> ssm_operations();

class SsmService final : public Service, public PersistentState {
 public:
  SsmService();
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  std::string rate_variant(const ApiRequest& request, const CallContext& ctx) const override;
  void reset() override;

  // Durable mode (ssm_persistence.cpp).
  std::string_view persistence_name() const override;
  void attach_change_log(ChangeLog* log) override;
  void dump(const RecordSink& emit) const override;
  void restore(const ChangeRecord& record, const RestoreContext& ctx) override;

 private:
  // After a successful write: the new state of what it touched goes to the change log (mutex_ held).
  void record_changes(const ApiRequest& request, const ParameterStore& store);

  ParameterStore& store_for(const Identity& identity, const CallContext& ctx);

  ServiceDescriptor descriptor_;
  OperationTable<SsmHandler> operations_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, ParameterStore> stores_;  // by "account/region"
  ChangeLog* change_log_ = nullptr;
};

// Creates the configured seed parameters that belong to `account` and `region` in a fresh store.
void seed_store(ParameterStore& store, const Config& config, const std::string& account, const std::string& region,
                TimePoint now);

}  // namespace chokepoint
