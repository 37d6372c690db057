#pragma once
// EC2 (ec2 query protocol): instances and their life cycle, tags, the image and instance-type catalogs,
// regions and zones. Each action has its own request bucket sized by its category (admitted by the
// dispatcher); Describe calls with neither filters nor pagination draw from the smaller "unfiltered" bucket;
// RunInstances, StartInstances, StopInstances and TerminateInstances also take a resource token per instance.
// Thread-safe: the state lives in an Ec2Store.
#include <functional>
#include <unordered_map>

#include "services/ec2/ec2_store.hpp"
#include "persistence/persistent_state.hpp"
#include "services/service.hpp"

namespace chokepoint {

// Every EC2 action the service answers, one entry each; the handlers work on the service's store.
using Ec2Handler = ApiResult (*)(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
std::vector<OperationTable<Ec2Handler>::Entry> ec2_operations();

class Ec2Service final : public Service, public PersistentState {
 public:
  Ec2Service();
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  std::string rate_variant(const ApiRequest& request, const CallContext& ctx) const override;
  ApiError throttle_error(const ApiRequest& request, const CallContext& ctx) const override;
  void reset() override;

  // Durable mode (ec2_persistence.cpp).
  std::string_view persistence_name() const override;
  void attach_change_log(ChangeLog* log) override;
  void dump(const RecordSink& emit) const override;
  void restore(const ChangeRecord& record, const RestoreContext& ctx) override;

 private:
  // After a successful call that changes state: the region's new state goes to the change log.
  void record_changes(const ApiRequest& request, CallContext& ctx);

  ServiceDescriptor descriptor_;
  mutable Ec2Store store_;
  OperationTable<Ec2Handler> operations_;
  ChangeLog* change_log_ = nullptr;
};

}  // namespace chokepoint
