#include "services/ec2/ec2_key_pairs.hpp"

#include <algorithm>

#include "common/base64.hpp"
#include "common/time_format.hpp"
#include "protocol/params.hpp"
#include "services/ec2/ec2_errors.hpp"
#include "services/ec2/ec2_filters.hpp"
#include "services/ec2/ec2_params.hpp"
#include "services/ec2/ec2_resources.hpp"
#include "services/ec2/ec2_tags.hpp"

namespace chokepoint {

namespace {

// KeyName: "Constraints: Up to 255 ASCII characters" (API reference, CreateKeyPair and ImportKeyPair).
constexpr size_t kMaxKeyNameLength = 255;

ApiError key_pair_not_found(const std::string& name_or_id) {
  return ec2_error("InvalidKeyPair.NotFound", "The key pair '" + name_or_id + "' does not exist");
}

// KeyName, present and within EC2's constraints.
Result<std::string> read_key_name(const nlohmann::json& params) {
  const std::string name = param_string(params, "KeyName").value_or("");
  if (name.empty()) return ec2_missing_parameter("KeyName");
  const bool ascii = std::all_of(name.begin(), name.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
  if (name.size() > kMaxKeyNameLength || !ascii) return ec2_invalid_value("KeyName", name);
  return name;
}

// What both create calls read: the name and the key's tags.
struct KeyRequest {
  std::string name;
  Ec2TagList tags;
};

Result<KeyRequest> read_key_request(const nlohmann::json& params) {
  auto name = read_key_name(params);
  if (!name) return name.error();
  auto tags = read_tag_specifications(params, "key-pair");
  if (!tags) return tags.error();
  return KeyRequest{std::move(*name), std::move(*tags)};
}

// Adds the key pair (InvalidKeyPair.Duplicate when its name is taken) and answers with its common fields.
ApiResult add_key_pair(Ec2Store& store, const ApiRequest& request, CallContext& ctx, const KeyRequest& input,
                       Ec2KeyPair key) {
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        if (state.key_pairs.count(input.name)) {
          return ec2_error("InvalidKeyPair.Duplicate", "The keypair '" + input.name + "' already exists.");
        }
        if (auto e = check_dry_run(request.params)) return *e;
        key.id = new_resource_id(ctx, "key");
        key.name = input.name;
        key.created = ctx.now;
        ApiResponse response;
        response.body = {{"keyName", key.name}, {"keyFingerprint", key.fingerprint}, {"keyPairId", key.id}};
        if (!input.tags.empty()) {
          Ec2Tags& tags = tags_of(state, key.id);
          for (const auto& [k, v] : input.tags) tags[k] = v;
          response.body["tagSet"] = tag_set_json(tags);
        }
        state.key_pairs.emplace(key.name, std::move(key));
        return response;
      });
}

template <typename Enum>
Result<Enum> read_choice(const nlohmann::json& params, std::string_view key, Enum fallback,
                         std::initializer_list<std::pair<std::string_view, Enum>> choices) {
  const auto text = param_string(params, key);
  if (!text) return fallback;
  for (const auto& [name, value] : choices) {
    if (*text == name) return value;
  }
  return ec2_invalid_value(key, *text);
}

nlohmann::json key_pair_json(const Ec2KeyPair& key, const Ec2Tags& tags, bool include_public_key) {
  nlohmann::json j = {{"keyPairId", key.id},
                      {"keyType", std::string(key_type_name(key.type))},
                      {"tagSet", tag_set_json(tags)},
                      {"keyName", key.name},
                      {"keyFingerprint", key.fingerprint},
                      {"createTime", iso8601_millis(key.created)}};
  // DescribeKeyPairs shows the public key with the key's name as its comment.
  if (include_public_key) j["publicKey"] = key.public_key + " " + key.name;
  return j;
}

std::vector<std::string> key_pair_filter_values(const Ec2KeyPair& key, const Ec2Tags& tags, const std::string& name) {
  if (name == "key-pair-id") return {key.id};
  if (name == "key-name") return {key.name};
  if (name == "fingerprint") return {key.fingerprint};
  return tag_filter_values(tags, name);
}

}  // namespace

std::optional<ApiError> check_key_pair_exists(const Ec2RegionState& state, const std::string& name) {
  if (state.key_pairs.count(name)) return std::nullopt;
  return key_pair_not_found(name);
}

ApiResult create_key_pair(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto input = read_key_request(request.params);
  if (!input) return input.error();
  auto type = read_choice(request.params, "KeyType", Ec2KeyType::kRsa,
                          {{"rsa", Ec2KeyType::kRsa}, {"ed25519", Ec2KeyType::kEd25519}});
  if (!type) return type.error();
  auto format = read_choice(request.params, "KeyFormat", Ec2KeyFormat::kPem,
                            {{"pem", Ec2KeyFormat::kPem}, {"ppk", Ec2KeyFormat::kPpk}});
  if (!format) return format.error();
  // Generated before the region is locked: an RSA key takes milliseconds.
  auto material = generate_key(*type, *format, input->name);
  if (!material) return ec2_error("InternalError", "An internal error has occurred", 500);
  Ec2KeyPair key;
  key.type = *type;
  key.public_key = material->public_key;
  key.fingerprint = material->fingerprint;
  ApiResult result = add_key_pair(store, request, ctx, *input, std::move(key));
  if (auto* response = std::get_if<ApiResponse>(&result)) response->body["keyMaterial"] = material->private_key;
  return result;
}

ApiResult import_key_pair(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  auto input = read_key_request(request.params);
  if (!input) return input.error();
  // PublicKeyMaterial is a blob: base64 on the wire.
  const auto encoded = param_string(request.params, "PublicKeyMaterial");
  if (!encoded || encoded->empty()) return ec2_missing_parameter("PublicKeyMaterial");
  std::string text;
  const auto imported = base64_decode(*encoded, text) ? parse_public_key(text) : std::nullopt;
  if (!imported) return ec2_error("InvalidKey.Format", "Key is not in valid OpenSSH public key format");
  Ec2KeyPair key;
  key.type = imported->type;
  key.public_key = imported->public_key;
  key.fingerprint = imported->fingerprint;
  return add_key_pair(store, request, ctx, *input, std::move(key));
}

ApiResult describe_key_pairs(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto names = distinct_param_strings(request.params, "KeyName");
  const auto ids = distinct_param_strings(request.params, "KeyPairId");
  auto filters = read_filters(request.params, [](std::string_view name) {
    return name == "key-pair-id" || name == "key-name" || name == "fingerprint" || is_tag_filter(name);
  });
  if (!filters) return filters.error();
  bool include_public_key = false;
  if (auto e = read_flag(request.params, "IncludePublicKey", include_public_key)) return *e;
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(
      scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) -> ApiResult {
        for (const auto& name : names) {
          if (auto e = check_key_pair_exists(state, name)) return *e;
        }
        for (const auto& id : ids) {
          if (!state.find_key_pair_by_id(id)) return key_pair_not_found(id);
        }
        ApiResponse response;
        auto& out = response.body["keySet"] = nlohmann::json::array();
        for (const auto& entry : state.key_pairs) {
          const std::string& name = entry.first;
          const auto& key = entry.second;  // a plain reference: the filter lambda below captures it
          const bool named = names.empty() || std::count(names.begin(), names.end(), name);
          const bool listed = ids.empty() || std::count(ids.begin(), ids.end(), key.id);
          const Ec2Tags& tags = existing_tags(state, key.id);
          const auto values = [&](const std::string& f) { return key_pair_filter_values(key, tags, f); };
          if (named && listed && filters_match(*filters, values)) {
            out.push_back(key_pair_json(key, tags, include_public_key));
          }
        }
        return response;
      });
}

// Deleting a key pair that does not exist succeeds, by name or by id, as EC2's does.
ApiResult delete_key_pair(Ec2Store& store, const ApiRequest& request, CallContext& ctx) {
  const auto name = param_string(request.params, "KeyName");
  const auto id = param_string(request.params, "KeyPairId");
  if (!name && !id) return ec2_missing_parameter("KeyName");
  if (auto e = check_dry_run(request.params)) return *e;
  const Ec2Scope scope = scope_of(request, ctx);
  return store.with_region(scope.account, scope.region.name, ctx.now, scope.settings, [&](Ec2RegionState& state) {
    const Ec2KeyPair* key = id ? state.find_key_pair_by_id(*id) : nullptr;
    if (!id && name) {
      const auto it = state.key_pairs.find(*name);
      key = it == state.key_pairs.end() ? nullptr : &it->second;
    }
    ApiResponse response;
    response.body["return"] = true;
    if (key) {
      response.body["keyPairId"] = key->id;
      state.resource_tags.erase(key->id);
      const std::string deleted = key->name;  // erase must not be handed the key it destroys
      state.key_pairs.erase(deleted);
    }
    return response;
  });
}

}  // namespace chokepoint
