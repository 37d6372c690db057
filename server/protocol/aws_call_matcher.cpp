#include "protocol/aws_call_matcher.hpp"

#include <tuple>

#include "common/strings.hpp"
#include "protocol/request_decoder.hpp"
#include "protocol/rest_route.hpp"
#include "protocol/s3_virtual_host.hpp"

namespace chokepoint {

namespace {

// The query protocol's envelope: the two parameters that name the service's version and the operation.
struct MatcherEnvelope {
  std::optional<std::string> action;
  std::optional<std::string> version;
};

// Reads Action and Version from a form without decoding the rest of it (the first of each wins).
void matcher_scan_form(std::string_view form, MatcherEnvelope& envelope) {
  for (const std::string_view pair : split(form, '&')) {
    const size_t eq = pair.find('=');
    const std::string_view key = pair.substr(0, eq);
    std::optional<std::string>* slot = key == "Action"    ? &envelope.action
                                       : key == "Version" ? &envelope.version
                                                          : nullptr;
    if (!slot || *slot) continue;
    std::string value;
    if (eq != std::string_view::npos && !form_decode(pair.substr(eq + 1), value)) value.assign(pair.substr(eq + 1));
    *slot = std::move(value);
  }
}

std::optional<RecognisedCall> matcher_json(const AwsCatalog& catalog, std::string_view target) {
  target = trim(target);
  const size_t dot = target.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == target.size()) return std::nullopt;
  const std::string_view operation = target.substr(dot + 1);
  const AwsService* service = catalog.by_target_prefix(target.substr(0, dot), operation);
  if (!service) return std::nullopt;
  return RecognisedCall{
      service, std::string(operation), service->find_operation(operation) != nullptr, WireProtocol::kJson, {}};
}

bool matcher_takes_form(const AwsService& service) {
  return service.protocol == WireProtocol::kQuery || service.protocol == WireProtocol::kEc2;
}

// The query/EC2 service of a form call: those with the scope's signing name, else those with its Version; among
// them the one with that Version that knows the action, preferring the one named like its signing name (rds
// over docdb and neptune, which sign as rds and share its Version).
const AwsService* matcher_form_service(const AwsCatalog& catalog, std::string_view scope_service,
                                       const MatcherEnvelope& envelope) {
  std::vector<const AwsService*> candidates;
  if (!scope_service.empty()) {
    for (const AwsService* s : catalog.by_signing_name(scope_service)) {
      if (matcher_takes_form(*s)) candidates.push_back(s);
    }
  }
  if (candidates.empty() && envelope.version && !envelope.version->empty()) {
    for (const AwsService& s : catalog.services()) {
      if (matcher_takes_form(s) && s.api_version == *envelope.version) candidates.push_back(&s);
    }
  }
  const AwsService* best = nullptr;
  std::tuple<bool, bool, bool> best_rank;
  for (const AwsService* s : candidates) {
    const std::tuple<bool, bool, bool> rank{envelope.version && s->api_version == *envelope.version,
                                            s->find_operation(*envelope.action) != nullptr, s->name == s->signing_name};
    if (!best || rank > best_rank) {
      best = s;
      best_rank = rank;
    }
  }
  return best;
}

std::optional<RecognisedCall> matcher_rest(const HttpRequest& request, const AwsCatalog& catalog,
                                           std::string_view scope_service) {
  const std::string_view path = request.path();
  if (path.empty() || path.front() != '/') return std::nullopt;
  std::vector<const AwsService*> candidates;
  if (scope_service.empty()) {
    if (const AwsService* s3 = catalog.by_name("s3")) candidates.push_back(s3);
  } else {
    candidates = catalog.by_signing_name(scope_service);
  }
  const auto bucket = s3_virtual_host_bucket(request.header("host").value_or(""));
  std::optional<RecognisedCall> best;
  RestMatchScore best_score;
  for (const AwsService* service : candidates) {
    const RestRouteIndex* routes = catalog.rest_routes(*service);
    if (!routes) continue;
    std::string service_path(path);
    if (bucket && service->name == "s3") service_path = "/" + *bucket + (path == "/" ? "" : service_path);
    const RestRequest rest(request.method, std::move(service_path), request.query(), request);
    auto match = routes->match(rest);
    if (!match || (best && !match->score.better_than(best_score))) continue;
    best_score = match->score;
    best = RecognisedCall{service, service->operations[match->operation].name, true, service->protocol,
                          std::move(match->labels)};
  }
  return best;
}

}  // namespace

std::optional<RecognisedCall> recognise_call(const HttpRequest& request, const AwsCatalog& catalog,
                                             std::string_view scope_service) {
  if (const auto target = request.header("x-amz-target")) return matcher_json(catalog, *target);
  MatcherEnvelope envelope;
  matcher_scan_form(request.query(), envelope);
  const bool body_is_form = request.method == "POST" && media_type(request.header("content-type").value_or("")) ==
                                                            "application/x-www-form-urlencoded";
  if (body_is_form) matcher_scan_form(request.body, envelope);
  if (envelope.action && !envelope.action->empty()) {
    if (const AwsService* service = matcher_form_service(catalog, scope_service, envelope)) {
      return RecognisedCall{
          service, *envelope.action, service->find_operation(*envelope.action) != nullptr, service->protocol, {}};
    }
  }
  return matcher_rest(request, catalog, scope_service);
}

}  // namespace chokepoint
