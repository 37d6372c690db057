#pragma once
// CloudFormation (query protocol, 2010-05-15). Stacks provision their resources through the other emulated
// services, with the stack's account and region, through the same admission path clients use: a template
// with many independent resources can exceed a downstream API rate and fail with "Rate exceeded", as it does
// on AWS. Thread-safe: state is per account and region behind a lock (see stack_store.hpp); provisioning runs
// on the Scheduler.
#include <string>

#include "common/scheduler.hpp"
#include "persistence/persistent_state.hpp"
#include "services/cloudformation/cloudformation_handlers.hpp"
#include "services/cloudformation/provisioning_engine.hpp"
#include "services/cloudformation/stack_lifecycle.hpp"
#include "services/service.hpp"

namespace chokepoint {

// Every CloudFormation operation the service answers, one entry each.
std::vector<OperationTable<CfnHandler>::Entry> cloudformation_operations();

class CloudFormationService final : public Service, public PersistentState {
 public:
  // `caller` makes the downstream calls (the Dispatcher); `seed` makes stack and change set ids.
  CloudFormationService(ApiCaller& caller, Scheduler& scheduler, uint64_t seed);

  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  void reset() override { store_.reset(); }

  // Durable mode (cloudformation_persistence.cpp; the records are described in stack_journal.hpp).
  std::string_view persistence_name() const override;
  void attach_change_log(ChangeLog* log) override;
  void dump(const RecordSink& emit) const override;
  void restore(const ChangeRecord& record, const RestoreContext& ctx) override;
  void resume_after_restore() override;

 private:
  ServiceDescriptor descriptor_;
  IdGenerator ids_;
  ProviderRegistry providers_;
  StackStore store_;
  ProvisioningEngine engine_;
  StackLifecycle lifecycle_;
  CfnApi api_;
  OperationTable<CfnHandler> operations_;
};

}  // namespace chokepoint
