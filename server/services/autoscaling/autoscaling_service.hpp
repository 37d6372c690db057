#pragma once
// Application Auto Scaling (JSON 1.1, target prefix AnyScaleFrontendService) for DynamoDB tables and global
// secondary indexes: scalable targets, target-tracking and step scaling policies, scheduled actions and scaling
// activities. A target-tracking policy creates the two CloudWatch alarms AWS creates for it (a high one over 2
// minutes, a low one over 15, on the consumed units or on a customized metric), and once a minute of emulated time
// the service reads them, as the alarms' actions would run it: a high alarm scales the target out, a low one in. The same check runs each step scaling policy for
// any alarm in ALARM whose AlarmActions name the policy's ARN (step_policy_runs.cpp), and scheduled actions run at
// their times on the emulated clock (scheduled_actions.cpp). Every change is an UpdateTable of the table or index,
// so DynamoDB's own rules and rate limits apply and the new capacity shows in DescribeTable and the partition
// model. Other namespaces answer ValidationException. In durable mode targets, policies, scheduled actions and
// activities are kept (scaling_records.cpp) and the checks resume after a restart.
// Thread-safe: one mutex guards the state; calls to DynamoDB and CloudWatch are made without it.
#include <mutex>
#include <string>
#include <unordered_map>

#include "common/ids.hpp"
#include "common/scheduler.hpp"
#include "persistence/persistent_state.hpp"
#include "protocol/result.hpp"
#include "services/autoscaling/scaling_model.hpp"
#include "services/service.hpp"

namespace chokepoint {

class AutoScalingService;
using AutoScalingHandler = ApiResult (AutoScalingService::*)(const ApiRequest& request, CallContext& ctx);

// Every Application Auto Scaling operation the service answers, one entry each.
std::vector<OperationTable<AutoScalingHandler>::Entry> autoscaling_operations();

class AutoScalingService final : public Service, public PersistentState {
 public:
  // `caller` makes the DynamoDB and CloudWatch calls (the Dispatcher); `scheduler` runs the scaling checks;
  // `seed` makes ARNs and activity ids.
  AutoScalingService(ApiCaller& caller, Scheduler& scheduler, uint64_t seed);
  const ServiceDescriptor& descriptor() const override { return descriptor_; }
  const OperationDirectory& operations() const override { return operations_; }
  ApiResult handle(const ApiRequest& request, CallContext& ctx) override;
  void reset() override;

  std::string_view persistence_name() const override { return "application-autoscaling"; }
  void attach_change_log(ChangeLog* log) override;
  void dump(const RecordSink& emit) const override;
  void restore(const ChangeRecord& record, const RestoreContext& ctx) override;
  void resume_after_restore() override;

  // A copy of one account's and region's targets and activities (newest first), for the control API.
  struct RegionView {
    std::string account, region;
    std::vector<ScalableTarget> targets;
    std::vector<ScalingActivity> activities;
  };
  std::vector<RegionView> view() const;

  ApiResult register_scalable_target(const ApiRequest& request, CallContext& ctx);
  ApiResult describe_scalable_targets(const ApiRequest& request, CallContext& ctx);
  ApiResult deregister_scalable_target(const ApiRequest& request, CallContext& ctx);
  ApiResult put_scaling_policy(const ApiRequest& request, CallContext& ctx);
  ApiResult describe_scaling_policies(const ApiRequest& request, CallContext& ctx);
  ApiResult delete_scaling_policy(const ApiRequest& request, CallContext& ctx);
  ApiResult describe_scaling_activities(const ApiRequest& request, CallContext& ctx);
  ApiResult put_scheduled_action(const ApiRequest& request, CallContext& ctx);
  ApiResult describe_scheduled_actions(const ApiRequest& request, CallContext& ctx);
  ApiResult delete_scheduled_action(const ApiRequest& request, CallContext& ctx);
  ApiResult tag_resource(const ApiRequest& request, CallContext& ctx);
  ApiResult untag_resource(const ApiRequest& request, CallContext& ctx);
  ApiResult list_tags_for_resource(const ApiRequest& request, CallContext& ctx);
  ApiResult get_predictive_scaling_forecast(const ApiRequest& request, CallContext& ctx);

 private:
  // The target whose ARN the request's ResourceARN is, in the caller's account and region (mutex_ held).
  Result<ScalableTarget*> tagged_target(const ApiRequest& request);
  // A call to another service as the account itself, through the admission path.
  ApiResult call(const std::string& account, const std::string& region, const std::string& service,
                 const std::string& operation, nlohmann::json params, TimePoint now);
  // The table's or index's provisioned capacity for the dimension, and whether it is ACTIVE; nullopt with the
  // error when the table cannot be described.
  Result<std::pair<long long, bool>> current_capacity(const std::string& account, const std::string& region,
                                                      const ScalableResource& resource, TimePoint now);
  // UpdateTable to `capacity`, recorded as an activity (successful or failed). True when it took effect.
  bool set_capacity(const std::string& account, const std::string& region, const ScalableResource& resource,
                    long long capacity, const std::string& cause, TimePoint now);
  // (Re)writes the policy's two alarms for the target's current capacity.
  void write_alarms(const std::string& account, const std::string& region, const ScalableTarget& target,
                    long long capacity, TimePoint now);
  void delete_alarms(const std::string& account, const std::string& region, const TargetTrackingPolicy& policy,
                     TimePoint now);
  // The once-a-minute check of every target-tracking policy in the account and region.
  void schedule_check(const std::string& account, const std::string& region, TimePoint now);
  void check(const std::string& account, const std::string& region);
  void check_target(const std::string& account, const std::string& region, ScalableTarget target, TimePoint now);
  // PutScalingPolicy for PolicyType StepScaling.
  ApiResult put_step_policy(const ApiRequest& request, const std::string& name, const ScalableResource& resource,
                            TimePoint now);
  // The check's part for step policies: runs each one an alarm in ALARM names, subject to its cooldown.
  void check_step_policies(const std::string& account, const std::string& region, const ScalableTarget& target,
                           TimePoint now);
  // The alarms whose actions name the step policy (AlarmName and AlarmARN), as DescribeScalingPolicies lists them.
  nlohmann::json step_policy_alarms(const std::string& account, const std::string& region, const std::string& arn,
                                    TimePoint now);
  void run_step_policy(const std::string& account, const std::string& region, const ScalableTarget& target,
                       const StepScalingPolicy& policy, const nlohmann::json& alarm, TimePoint now);
  // Scheduled actions: a wake-up at the earliest next run of the account and region (none if one as early is
  // pending), and the run of every action due at `now`.
  void arm_scheduled_actions(const std::string& account, const std::string& region, TimePoint now);
  void run_scheduled_actions(const std::string& account, const std::string& region, TimePoint woken_for);
  void run_scheduled_action(const std::string& account, const std::string& region, const ScalableResource& resource,
                            const ScheduledAction& action, TimePoint now);
  // A target's capacity changed other than by its target-tracking policy: that policy's alarm thresholds follow.
  void capacity_changed(const std::string& account, const std::string& region, const ScalableResource& resource,
                        long long capacity, TimePoint now);
  // The capacity the target-tracking policy wants: from the consumed units (predefined metric) or from its
  // customized metric's newest value; nullopt when there is no value.
  std::optional<long long> predefined_desired(const std::string& account, const std::string& region,
                                              const ScalableTarget& target, TimePoint now);
  std::optional<long long> customized_desired(const std::string& account, const std::string& region,
                                              const ScalableTarget& target, long long current, TimePoint now);
  // Scales out (high alarm) or in (low alarm) to `desired`, subject to suspension, DisableScaleIn and cooldowns.
  void scale_to_desired(const std::string& account, const std::string& region, ScalableTarget target, bool high,
                        bool low, long long current, long long desired, TimePoint now);
  // After a restart: puts every policy's alarms of the account and region again.
  void restore_alarms(const std::string& account, const std::string& region);

  ScalingRegion& region_for(const Identity& identity);
  // Durable mode: the target's whole state (null: deregistered), and a new activity. Called under mutex_.
  void journal_target(const std::string& account, const std::string& region, const ScalableResource& resource,
                      const ScalableTarget* target);
  void journal_activity(const std::string& account, const std::string& region, const ScalingActivity& activity);

  ServiceDescriptor descriptor_;
  OperationTable<AutoScalingHandler> operations_;
  ApiCaller& caller_;
  Scheduler& scheduler_;
  mutable std::mutex mutex_;
  IdGenerator ids_;                                         // under mutex_
  std::unordered_map<std::string, ScalingRegion> regions_;  // by "account/region"
  ChangeLog* change_log_ = nullptr;                         // under mutex_; null unless durable
};

}  // namespace chokepoint
