#include "protocol/wire_request_encoder.hpp"

#include "common/strings.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// The member query_map() wraps a map in; its array flattens as `.entry.N` rather than `.entry.member.N`.
constexpr std::string_view kQueryMapEntry = "entry";

std::string query_scalar(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return value.dump();
}

// Query flattening: A.B for structures, A.member.N for lists (A.N on EC2), A.entry.N.key for wrapped maps.
void flatten_query(const std::string& prefix, const json& value, bool ec2, std::string& out) {
  if (value.is_null()) return;
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      flatten_query(prefix.empty() ? key : prefix + "." + key, member, ec2, out);
    }
    return;
  }
  if (value.is_array()) {
    const bool map_entries =
        prefix.size() > kQueryMapEntry.size() && prefix.ends_with("." + std::string(kQueryMapEntry));
    const std::string item_prefix = ec2 || map_entries ? prefix + "." : prefix + ".member.";
    for (size_t i = 0; i < value.size(); ++i) flatten_query(item_prefix + std::to_string(i + 1), value[i], ec2, out);
    return;
  }
  out += '&';
  out += uri_encode(prefix);
  out += '=';
  out += uri_encode(query_scalar(value));
}

std::string param_text(const json& params, const char* key) {
  return params.is_object() && params.contains(key) ? query_scalar(params[key]) : std::string();
}

// The REST operations provisioning makes: method, path and body from the params. An empty method: no builder.
void build_rest(const ApiRequest& call, HttpRequest& http) {
  const json& p = call.params;
  const std::string& op = call.operation;
  if (call.service == "s3" && (op == "CreateBucket" || op == "DeleteBucket")) {
    http.method = op == "CreateBucket" ? "PUT" : "DELETE";
    http.target = "/" + uri_encode(param_text(p, "Bucket"));
    const std::string location =
        p.contains("CreateBucketConfiguration") ? param_text(p["CreateBucketConfiguration"], "LocationConstraint") : "";
    if (op == "CreateBucket" && !location.empty()) {
      http.body = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>" +
                  xml_escape(location) + "</LocationConstraint></CreateBucketConfiguration>";
      http.headers.emplace_back("content-type", "application/xml");
    }
  } else if (call.service == "lambda" && op == "CreateFunction") {
    http.method = "POST";
    http.target = "/2015-03-31/functions";
    http.body = p.dump();
    http.headers.emplace_back("content-type", "application/json");
  } else if (call.service == "lambda" && (op == "DeleteFunction" || op == "GetFunction")) {
    http.method = op == "DeleteFunction" ? "DELETE" : "GET";
    http.target = "/2015-03-31/functions/" + uri_encode(param_text(p, "FunctionName"));
  } else if (call.service == "lambda" && (op == "UpdateFunctionConfiguration" || op == "UpdateFunctionCode")) {
    // The name is in the path; the rest of the params are the body.
    http.method = "PUT";
    http.target = "/2015-03-31/functions/" + uri_encode(param_text(p, "FunctionName")) +
                  (op == "UpdateFunctionCode" ? "/code" : "/configuration");
    json body = p.is_object() ? p : json::object();
    body.erase("FunctionName");
    http.body = body.dump();
    http.headers.emplace_back("content-type", "application/json");
  }
}

std::string authorization(const ApiRequest& call, const AwsService& service, std::string_view amz_date) {
  const std::string day(amz_date.substr(0, 8));
  const std::string& signing = service.signing_name.empty() ? service.endpoint_prefix : service.signing_name;
  return "AWS4-HMAC-SHA256 Credential=" + call.identity.account_id + "/" + day + "/" + call.identity.region + "/" +
         signing + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + std::string(64, '0');
}

}  // namespace

WireProtocol wire_protocol_for(const AwsService& service) {
  if (service.protocol == WireProtocol::kQuery && !service.query_json_target_prefix.empty()) return WireProtocol::kJson;
  return service.protocol;
}

json query_map(const json& map) {
  json entries = json::array();
  if (map.is_object()) {
    for (const auto& [key, value] : map.items()) entries.push_back({{"key", key}, {"value", value}});
  }
  return {{std::string(kQueryMapEntry), std::move(entries)}};
}

Result<HttpRequest> encode_wire_request(const AwsService& service, const ApiRequest& call, std::string_view host,
                                        std::string_view amz_date) {
  HttpRequest http;
  http.method = "POST";
  http.target = "/";
  const WireProtocol protocol = wire_protocol_for(service);
  switch (protocol) {
    case WireProtocol::kJson: {
      const bool query_json = service.protocol == WireProtocol::kQuery;
      const std::string& prefix = query_json ? service.query_json_target_prefix : service.target_prefix;
      const std::string version = service.json_version.empty() ? "1.0" : service.json_version;
      http.headers.emplace_back("content-type", "application/x-amz-json-" + version);
      http.headers.emplace_back("x-amz-target", prefix + "." + call.operation);
      http.body = call.params.is_object() ? call.params.dump() : "{}";
      break;
    }
    case WireProtocol::kQuery:
    case WireProtocol::kEc2: {
      http.headers.emplace_back("content-type", "application/x-www-form-urlencoded; charset=utf-8");
      http.body = "Action=" + uri_encode(call.operation) + "&Version=" + uri_encode(service.api_version);
      flatten_query("", call.params, protocol == WireProtocol::kEc2, http.body);
      break;
    }
    case WireProtocol::kRestJson:
    case WireProtocol::kRestXml:
      http.method.clear();
      build_rest(call, http);
      if (http.method.empty()) {
        return make_error("InvalidAction", "Chokepoint cannot make " + service.name + " " + call.operation +
                                               " calls of its own (no request builder for this REST operation)");
      }
      break;
  }
  http.headers.emplace_back("host", std::string(host));
  http.headers.emplace_back("x-amz-date", std::string(amz_date));
  http.headers.emplace_back("authorization", authorization(call, service, amz_date));
  return http;
}

}  // namespace chokepoint
