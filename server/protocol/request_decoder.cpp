#include "protocol/request_decoder.hpp"

#include "common/json_parser.hpp"
#include "common/strings.hpp"
#include "protocol/form_decoder.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kCoralService = "com.amazon.coral.service#";

bool is_json_media(std::string_view media) {
  return media == "application/x-amz-json-1.0" || media == "application/x-amz-json-1.1" || media == "application/json";
}

ApiError frontend_error(const ServiceDescriptor* service, std::string code, std::string message) {
  ApiError e;
  e.code = std::move(code);
  e.message = std::move(message);
  e.json_type = (service ? service->json_frontend_prefix : std::string(kCoralService)) + e.code;
  return e;
}

// No error: the dispatcher answers these with the front end's 404, or forwards them (every call for a service
// Chokepoint does not emulate passes here, so building an error nobody reads would cost each of them).
DecodeFailure not_an_api_call() {
  DecodeFailure failure;
  failure.not_an_api_call = true;
  return failure;
}

// Splits "<prefix>.<Op>" and finds the service; nullptr when the prefix names none.
const ServiceDescriptor* target_service(const ServiceCatalog& catalog, std::string_view target, std::string& op) {
  const auto dot = target.rfind('.');
  if (dot == std::string_view::npos) return nullptr;
  op = std::string(target.substr(dot + 1));
  return catalog.by_target_prefix(target.substr(0, dot));
}

// `parsed`: the body already parsed by the caller (the default front end checks its syntax first), so that
// no request body is parsed twice.
DecodeResult decode_json_body(const HttpRequest& request, const ServiceDescriptor* service, std::string op,
                              nlohmann::json* parsed = nullptr) {
  if (!service || !service->has_operation(op)) {
    return DecodeFailure{service, frontend_error(service, "UnknownOperationException", {})};
  }
  DecodedCall call;
  call.service = service;
  call.operation = std::move(op);
  call.params = nlohmann::json::object();
  call.protocol = service->protocol;
  call.empty_body = trim(request.body).empty();
  if (!call.empty_body) {
    bool valid = true;
    if (parsed) {
      call.params = std::move(*parsed);
    } else {
      valid = parse_json(request.body, call.params);
    }
    if (!valid || !call.params.is_object()) {
      std::string message = service->protocol == Protocol::kJson10 ? "" : "The request body is not a JSON object.";
      return DecodeFailure{service, frontend_error(service, "SerializationException", std::move(message))};
    }
  }
  return call;
}

// The default front end, in DynamoDB's order: method and media type (404), then JSON syntax
// (SerializationException), then the target (UnknownOperationException).
DecodeResult decode_default_front_end(const HttpRequest& request, const ServiceCatalog& catalog,
                                      const ServiceDescriptor* front_end, std::string_view media) {
  if (request.method != "POST") return not_an_api_call();
  const bool has_body = !request.body.empty();
  if (has_body && media != "application/json" && media != "application/x-amz-json-1.0") return not_an_api_call();
  nlohmann::json parsed;
  if (has_body) {
    if (!parse_json(request.body, parsed)) {
      return DecodeFailure{front_end, frontend_error(front_end, "SerializationException", {})};
    }
  }
  std::string op;
  const auto* service = target_service(catalog, trim(request.header("x-amz-target").value_or("")), op);
  if (service != front_end) return DecodeFailure{front_end, frontend_error(front_end, "UnknownOperationException", {})};
  return decode_json_body(request, service, std::move(op), has_body ? &parsed : nullptr);
}

// A call that names its service (by its signature's scope and its Version) and names none of the emulated ones is
// for another AWS service (ELB's DescribeTags is not EC2's): only a call that names neither is routed by its action.
const ServiceDescriptor* pick_form_service(const ServiceCatalog& catalog, std::string_view scope_service,
                                           const nlohmann::json& params, const std::string& action) {
  if (!scope_service.empty()) {
    if (const auto* s = catalog.by_signing_name(scope_service)) return s;
  }
  const auto version = params.find("Version");
  const bool has_version = version != params.end() && version->is_string();
  if (has_version) {
    if (const auto* s = catalog.by_api_version(version->get_ref<const std::string&>())) return s;
  }
  if (!scope_service.empty() && has_version) return nullptr;
  return catalog.by_query_action(action);
}

// A form call is answered in query XML by a query-compatible JSON service, else in the service's protocol.
Protocol form_protocol(const ServiceDescriptor* service) {
  if (!service) return Protocol::kQuery;
  return service->query_compatible ? Protocol::kQuery : service->protocol;
}

DecodeResult decode_form(const HttpRequest& request, const ServiceCatalog& catalog, std::string_view scope_service,
                         bool body_is_form) {
  nlohmann::json params = nlohmann::json::object();
  std::string error;
  // Decode both parts even after a bad escape, so the error can still go out in the right service's shape.
  const bool query_ok = decode_form_into(request.query(), params, error);
  const bool body_ok = !body_is_form || decode_form_into(request.body, params, error);
  const auto action_it = params.find("Action");
  const std::string action = action_it != params.end() && action_it->is_string() ? action_it->get<std::string>() : "";
  const ServiceDescriptor* service = pick_form_service(catalog, scope_service, params, action);
  const Protocol protocol = form_protocol(service);
  auto failure = [&](std::string code, std::string message) {
    return DecodeFailure{service, make_error(std::move(code), std::move(message)), false, protocol};
  };
  if (!query_ok || !body_ok) return failure("MalformedQueryString", error);
  if (action.empty()) return failure("MissingAction", "The request must contain the parameter Action.");
  if (!service || !service->has_operation(action)) {
    return failure("InvalidAction", "The action " + action + " is not valid for this web service.");
  }
  // Protocol envelope and presigning parameters are not operation input.
  for (auto it = params.begin(); it != params.end();) {
    if (it.key() == "Action" || it.key() == "Version" || it.key().rfind("X-Amz-", 0) == 0) {
      it = params.erase(it);
    } else {
      ++it;
    }
  }
  return DecodedCall{service, action, std::move(params), protocol};
}

}  // namespace

std::string_view media_type_as_sent(std::string_view content_type) {
  return trim(content_type.substr(0, content_type.find(';')));
}

std::string media_type(std::string_view content_type) {
  return to_lower(media_type_as_sent(content_type));
}

namespace {

DecodeResult decode_any(const HttpRequest& request, const ServiceCatalog& catalog, std::string_view scope_service) {
  const std::string media = media_type(request.header("content-type").value_or(""));
  const ServiceDescriptor* front_end = catalog.default_front_end();
  if (const auto target = request.header("x-amz-target")) {
    std::string op;
    const auto* service = target_service(catalog, trim(*target), op);
    // Calls for other JSON services go straight to them; the default front end vets its own calls.
    if (service && service != front_end) return decode_json_body(request, service, std::move(op));
    if (!front_end) return decode_json_body(request, service, std::move(op));
  }
  const bool body_is_form = media == "application/x-www-form-urlencoded" && request.method == "POST";
  const bool query_has_action = request.query().find("Action=") != std::string_view::npos;
  if (body_is_form || query_has_action) return decode_form(request, catalog, scope_service, body_is_form);
  if (front_end) return decode_default_front_end(request, catalog, front_end, media);
  if (is_json_media(media) && request.method == "POST") {
    return DecodeFailure{nullptr, frontend_error(nullptr, "UnknownOperationException", {})};
  }
  return not_an_api_call();
}

}  // namespace

bool targets_no_emulated_service(const HttpRequest& request, const ServiceCatalog& catalog) {
  const auto target = request.header("x-amz-target");
  if (!target) return false;
  // Compared in place rather than lowered into a copy: this runs for every forwarded JSON call.
  const std::string_view media = media_type_as_sent(request.header("content-type").value_or(""));
  if (!iequals(media, "application/x-amz-json-1.0") && !iequals(media, "application/x-amz-json-1.1")) return false;
  if (request.query().find("Action=") != std::string_view::npos) return false;
  // decode_any's path for such a call: no service for the target, not a form call, and then either "not an API
  // call" (JSON 1.1) or the default front end's refusal of a target that is not its own (JSON 1.0).
  std::string op;
  return target_service(catalog, trim(*target), op) == nullptr;
}

DecodeResult decode_request(const HttpRequest& request, const ServiceCatalog& catalog, std::string_view scope_service) {
  DecodeResult result = decode_any(request, catalog, scope_service);
  if (auto* failure = std::get_if<DecodeFailure>(&result); failure && !failure->protocol) {
    failure->protocol = failure->service ? failure->service->protocol : Protocol::kJson10;
  }
  return result;
}

}  // namespace chokepoint
