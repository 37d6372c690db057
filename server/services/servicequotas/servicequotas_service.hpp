#pragma once
// Service Quotas (JSON 1.1, target prefix ServiceQuotasV20190624, signing name servicequotas). Its quotas are the
// rate buckets Chokepoint enforces (quota_catalog.hpp); an approved increase (quota_desk.hpp) resizes the
// requesting account's buckets in that region through AppliedQuotas, which the rate limiter reads. Also utilization
// reports measured from the buckets (utilization_report.hpp), tags on quotas (quota_tags.hpp), CreateSupportCase,
// the template operations, answered as for an account outside an organization (template_handlers.cpp), and the
// Automatic Management configuration (auto_management.hpp). Count quotas (EC2's running vCPUs) are enforced by
// their services, which read the applied values through the rate limiter (RateLimiter::quota_value).
// Thread-safe: the desk and AppliedQuotas lock; handlers hold no state of their own.
#include "common/scheduler.hpp"
#include "persistence/persistent_state.hpp"
#include "services/service.hpp"
#include "services/servicequotas/quota_call.hpp"
#include "services/servicequotas/quota_desk.hpp"
#include "services/servicequotas/utilization_report.hpp"
#include "throttle/applied_quotas.hpp"

namespace chokepoint {

// Every Service Quotas operation the service answers, one entry each.
std::vector<OperationTable<QuotaHandler>::Entry> servicequotas_operations();

class ServiceQuotasService final : public Service, public PersistentState {
 public:
  ServiceQuotasService(Scheduler& scheduler, AppliedQuotas& applied, QuotaAppliedHook on_applied = {});
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  // Forgets every request and every applied value.
  void reset() override {
    desk_.reset();
    reports_.reset();
    tags_.reset();
    auto_management_.reset();
  }

  // Durable mode: the increase requests (quota_desk_records.cpp; approved values are re-applied on resume) and
  // the tags (quota_tags.cpp).
  std::string_view persistence_name() const override { return "servicequotas"; }
  void attach_change_log(ChangeLog* log) override {
    desk_.attach_change_log(log);
    tags_.attach_change_log(log);
  }
  void dump(const RecordSink& emit) const override {
    desk_.dump(emit);
    tags_.dump(emit);
  }
  void restore(const ChangeRecord& record, const RestoreContext& ctx) override;
  void resume_after_restore() override { desk_.resume(); }

  // Every increase request, newest first, for the control API.
  std::vector<QuotaRequest> quota_requests() const { return desk_.list_all(); }

 private:
  ServiceDescriptor descriptor_;
  OperationTable<QuotaHandler> operations_;
  AppliedQuotas& applied_;
  QuotaDesk desk_;
  UtilizationReports reports_;
  QuotaTags tags_;
  AutoManagement auto_management_;
};

}  // namespace chokepoint
