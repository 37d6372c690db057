#pragma once
// CreateImage (an image of an instance, pending then available on the emulated clock) and DeregisterImage.
// DescribeImages lists these images next to the catalog's (ec2_images.cpp), and RunInstances launches from
// them once they are available.
#include "services/ec2/ec2_store.hpp"
#include "services/service.hpp"

namespace chokepoint {

ApiResult create_image(Ec2Store& store, const ApiRequest& request, CallContext& ctx);
ApiResult deregister_image(Ec2Store& store, const ApiRequest& request, CallContext& ctx);

// The created image `id` names, or null.
const Ec2Image* find_created_image(const Ec2RegionState& state, const std::string& id);

// RunInstances from a created image: InvalidAMIID.Unavailable while it is pending; otherwise `settings` with the
// image added to its catalog, so that the launch specification reads it as it reads the catalog's. Unchanged
// settings (nullopt) when `image_id` is not a created image.
Result<std::optional<Ec2Settings>> settings_with_created_image(const Ec2RegionState& state,
                                                               const std::string& image_id, TimePoint now,
                                                               const Ec2Settings& settings);

}  // namespace chokepoint
