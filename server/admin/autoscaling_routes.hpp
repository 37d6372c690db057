#pragma once
// Application Auto Scaling's targets and activities, for the dashboard:
//   GET /_chokepoint/autoscaling
// gives {"targets": [...], "activities": [...]} across accounts and regions: each target's resource, dimension,
// minimum and maximum and its target-tracking policy (or null); each activity's resource, description, cause,
// status and start (emulated time), newest first, at most kMaxShownActivities. No API call is made (no bucket, no
// retry report entry).
#include "admin/admin_api.hpp"
#include "services/autoscaling/autoscaling_service.hpp"

namespace chokepoint {

void register_autoscaling_routes(AdminApi& admin, const AutoScalingService& autoscaling);

}  // namespace chokepoint
