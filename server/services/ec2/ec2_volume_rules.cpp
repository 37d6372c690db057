#include "services/ec2/ec2_volume_rules.hpp"

#include <array>
#include <string_view>

#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_params.hpp"

namespace chokepoint {

namespace {

struct VolumeTypeRule {
  std::string_view type;
  long long min_gib, max_gib;
  long long min_iops, max_iops;  // 0: IOPS cannot be chosen
  long long max_iops_per_gib;    // 0: no ratio
};

// Sizes and IOPS from botocore's CreateVolume documentation; IOPS-per-GiB ratios from the EBS volume types page
// (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-volume-types.html): gp3 500, io1 50, io2 1,000.
constexpr std::array<VolumeTypeRule, 7> kVolumeTypes = {{
    {"gp2", 1, 16384, 0, 0, 0},
    {"gp3", 1, 65536, 3000, 80000, 500},
    {"io1", 4, 16384, 100, 64000, 50},
    {"io2", 4, 65536, 100, 256000, 1000},
    {"st1", 125, 16384, 0, 0, 0},
    {"sc1", 125, 16384, 0, 0, 0},
    {"standard", 1, 1024, 0, 0, 0},
}};
constexpr long long kGp3DefaultIops = 3000;
constexpr long long kGp3DefaultThroughput = 125;
constexpr long long kGp3MinThroughput = 125;
constexpr long long kGp3MaxThroughput = 2000;

const VolumeTypeRule* rule_of(std::string_view type) {
  for (const auto& rule : kVolumeTypes) {
    if (rule.type == type) return &rule;
  }
  return nullptr;
}

bool provisioned_iops(std::string_view type) {
  return type == "io1" || type == "io2";
}

ApiError not_supported(std::string_view parameter, std::string_view type) {
  return ec2_error("InvalidParameterCombination", "The parameter " + std::string(parameter) + " is not supported for " +
                                                      std::string(type) + " volumes.");
}

std::optional<ApiError> check_size(const VolumeTypeRule& rule, long long size) {
  const std::string shown = std::to_string(size);
  if (size < rule.min_gib) {
    return ec2_error("InvalidParameterValue",
                     "Volume of " + shown + "GiB is too small; minimum is " + std::to_string(rule.min_gib) + "GiB.");
  }
  if (size > rule.max_gib) {
    return ec2_error("InvalidParameterValue",
                     "Volume of " + shown + "GiB is too large; maximum is " + std::to_string(rule.max_gib) + "GiB.");
  }
  return std::nullopt;
}

std::optional<ApiError> check_iops(const VolumeTypeRule& rule, long long iops, long long size) {
  const std::string shown = std::to_string(iops);
  if (iops < rule.min_iops) {
    return ec2_error("InvalidParameterValue",
                     "Volume iops of " + shown + " is too low; minimum is " + std::to_string(rule.min_iops) + ".");
  }
  if (iops > rule.max_iops) {
    return ec2_error("InvalidParameterValue",
                     "Volume iops of " + shown + " is too high; maximum is " + std::to_string(rule.max_iops) + ".");
  }
  // gp3's baseline of 3,000 IOPS is allowed on any size.
  const bool baseline = rule.type == "gp3" && iops <= kGp3DefaultIops;
  if (!baseline && iops > size * rule.max_iops_per_gib) {
    return ec2_error("InvalidParameterValue",
                     "Iops to volume size ratio of " +
                         std::to_string(static_cast<double>(iops) / static_cast<double>(size)) +
                         " is too high; maximum is " + std::to_string(rule.max_iops_per_gib) + ".");
  }
  return std::nullopt;
}

std::optional<ApiError> check_throughput(long long throughput) {
  const std::string shown = std::to_string(throughput);
  if (throughput < kGp3MinThroughput) {
    return ec2_error("InvalidParameterValue", "Throughput of " + shown + " MiB/s is too low; minimum is " +
                                                  std::to_string(kGp3MinThroughput) + " MiB/s.");
  }
  if (throughput > kGp3MaxThroughput) {
    return ec2_error("InvalidParameterValue", "Throughput of " + shown + " MiB/s is too high; maximum is " +
                                                  std::to_string(kGp3MaxThroughput) + " MiB/s.");
  }
  return std::nullopt;
}

}  // namespace

Result<Ec2VolumeShape> volume_shape_of(const nlohmann::json& params, const Ec2VolumeShape& base) {
  std::optional<long long> size, iops, throughput;
  for (auto [key, out] : {std::pair{"Size", &size}, std::pair{"Iops", &iops}, std::pair{"Throughput", &throughput}}) {
    if (auto e = read_integer(params, key, *out)) return *e;
  }
  Ec2VolumeShape shape;
  shape.type = param_string(params, "VolumeType").value_or(base.type);
  const VolumeTypeRule* rule = rule_of(shape.type);
  if (!rule) return ec2_invalid_value("VolumeType", shape.type);
  const bool same_type = shape.type == base.type;
  shape.size_gib = size.value_or(base.size_gib);
  if (shape.size_gib == 0 && !size) {
    return ec2_missing_parameter("size or snapshotId");
  }
  if (auto e = check_size(*rule, shape.size_gib)) return *e;

  if (iops && rule->max_iops == 0) return not_supported("iops", shape.type);
  if (rule->max_iops != 0) {
    shape.iops = iops ? iops : (same_type ? base.iops : std::nullopt);
    if (!shape.iops && provisioned_iops(shape.type)) {
      return ec2_error("MissingParameter", "The parameter iops must be specified for " + shape.type + " volumes.");
    }
    if (!shape.iops) shape.iops = kGp3DefaultIops;
    if (auto e = check_iops(*rule, *shape.iops, shape.size_gib)) return *e;
  } else if (shape.type == "gp2") {
    shape.iops = gp2_baseline_iops(shape.size_gib);
  }

  if (throughput && shape.type != "gp3") return not_supported("throughput", shape.type);
  if (shape.type == "gp3") {
    shape.throughput = throughput ? throughput : (same_type ? base.throughput : std::nullopt);
    if (!shape.throughput) shape.throughput = kGp3DefaultThroughput;
    if (auto e = check_throughput(*shape.throughput)) return *e;
  }

  shape.multi_attach = base.multi_attach;
  if (auto e = read_flag(params, "MultiAttachEnabled", shape.multi_attach)) return *e;
  if (shape.multi_attach && !provisioned_iops(shape.type)) return not_supported("multiAttachEnabled", shape.type);
  return shape;
}

}  // namespace chokepoint
