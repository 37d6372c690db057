#include "services/dynamodb/stream_specification.hpp"

#include "services/dynamodb/attribute_json.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"
#include "services/dynamodb/item_operations.hpp"

namespace chokepoint {

// The messages are DynamoDB's, as recorded against AWS by the ack-api-quirks findings DDB-TABLE-035 and -050 and
// asserted by the DynamoDB parity suite (github.com/paritysuite/dynamodb-conformance,
// tests/tier3/error-messages/createTable.test.ts). "UpdateViewType" is what DynamoDB says, on CreateTable too.

namespace {

bool stream_enabled(const nlohmann::json& spec) {
  return lenient_bool(param_json(spec, "StreamEnabled"));
}
bool has_view_type(const nlohmann::json& spec) {
  return param_present(spec, "StreamViewType");
}

}  // namespace

Problem check_created_stream(const nlohmann::json& spec) {
  if (!spec.is_object()) return std::nullopt;
  if (stream_enabled(spec) && !has_view_type(spec)) {
    return std::string(kInvalidParameterValues) +
           "Table is being created with a stream enabled, UpdateViewType is required";
  }
  if (!stream_enabled(spec) && has_view_type(spec)) {
    return std::string(kInvalidParameterValues) +
           "Table is being created with a stream disabled, UpdateViewType should not be specified";
  }
  return std::nullopt;
}

std::optional<ApiError> check_stream_change(const nlohmann::json& spec, const Table& table) {
  using dynamodb_errors::validation;
  if (!spec.is_object()) return std::nullopt;
  const std::string& name = table.meta.name;
  if (stream_enabled(spec)) {
    if (!has_view_type(spec)) {
      return validation(std::string(kInvalidParameterValues) +
                        "If stream is being enabled then UpdateViewType is required");
    }
    if (table.streams.enabled()) return validation("Table already has an enabled stream: TableName: " + name);
    return std::nullopt;
  }
  if (has_view_type(spec)) {
    return validation(std::string(kInvalidParameterValues) +
                      "If stream is being disabled, then UpdateViewType must not be specified");
  }
  if (!table.streams.enabled()) return validation("Table has no stream to disable: TableName: " + name);
  return std::nullopt;
}

bool apply_stream_specification(const nlohmann::json& spec, Table& table, TimePoint now, TimePoint settles,
                                const Config& config) {
  if (!spec.is_object()) return false;
  if (!stream_enabled(spec)) return table.streams.disable(now, settles);
  const auto view_type = parse_stream_view_type(param_str(spec, "StreamViewType"));
  if (!view_type) return false;
  StreamLimits limits;
  limits.max_records = static_cast<std::size_t>(config.dynamodb.stream_max_records_per_shard);
  limits.shard_lifetime = std::chrono::milliseconds(config.dynamodb.stream_shard_lifetime_ms);
  table.streams.enable(*view_type, now, table.meta.arn, limits, settles);
  return true;
}

void add_stream_description(const Table& table, nlohmann::json& out) {
  if (const Stream* enabled = table.streams.enabled()) {
    out["StreamSpecification"] = {{"StreamEnabled", true},
                                  {"StreamViewType", std::string(stream_view_type_name(enabled->view_type))}};
  }
  if (const Stream* latest = table.streams.latest()) {
    out["LatestStreamLabel"] = latest->label;
    out["LatestStreamArn"] = stream_arn(table.meta.arn, latest->label);
  }
}

}  // namespace chokepoint
