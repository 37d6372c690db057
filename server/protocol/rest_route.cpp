#include "protocol/rest_route.hpp"

#include <tuple>

#include "common/strings.hpp"

namespace chokepoint {

namespace {

// Percent-decoded text, or the text as sent when it holds a bad escape (such a request still names its route).
std::string route_decode_path(std::string_view raw) {
  std::string out;
  if (!uri_decode(raw, out)) out.assign(raw);
  return out;
}

std::string route_decode_form(std::string_view raw) {
  std::string out;
  if (!form_decode(raw, out)) out.assign(raw);
  return out;
}

bool route_is_label(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

RestRequest::RestRequest(std::string_view method, std::string path, std::string_view raw_query, const HttpRequest& http)
    : method_(method), path_(std::move(path)), http_(&http) {
  // The segments after the leading '/': "/b/k/" -> "b", "k", "" (the matcher decides what a trailing '/' means).
  if (!path_.empty() && path_.front() == '/') {
    size_t begin = 1;
    while (true) {
      const size_t slash = path_.find('/', begin);
      const size_t end = slash == std::string::npos ? path_.size() : slash;
      spans_.emplace_back(begin, end);
      decoded_.push_back(route_decode_path(std::string_view(path_).substr(begin, end - begin)));
      if (slash == std::string::npos) break;
      begin = slash + 1;
    }
  }
  for (const std::string_view pair : split(raw_query, '&')) {
    if (pair.empty()) continue;
    const size_t eq = pair.find('=');
    query_.emplace_back(route_decode_form(pair.substr(0, eq)),
                        eq == std::string_view::npos ? std::string() : route_decode_form(pair.substr(eq + 1)));
  }
}

std::string RestRequest::decoded_span(size_t first, size_t last) const {
  if (first >= last || last > spans_.size()) return {};
  const size_t begin = spans_[first].first;
  return route_decode_path(std::string_view(path_).substr(begin, spans_[last - 1].second - begin));
}

const std::string* RestRequest::query_value(std::string_view key) const {
  for (const auto& [k, v] : query_) {
    if (k == key) return &v;
  }
  return nullptr;
}

bool RestMatchScore::better_than(const RestMatchScore& other) const {
  return std::make_tuple(literal_segments, literal_query_keys, required_present, -required_missing, !greedy,
                         !deprecated) > std::make_tuple(other.literal_segments, other.literal_query_keys,
                                                        other.required_present, -other.required_missing, !other.greedy,
                                                        !other.deprecated);
}

RestRouteIndex::RestRouteIndex(const AwsService& service) {
  routes_.reserve(service.operations.size());
  for (size_t i = 0; i < service.operations.size(); ++i) {
    routes_.push_back(compile(i, service.operations[i]));
    const Route& route = routes_.back();
    MethodRoutes& method = by_method_[service.operations[i].method];
    if (!route.segments.empty() && route.segments.front().kind == SegmentKind::kLiteral) {
      method.by_first_literal[route.segments.front().text].push_back(routes_.size() - 1);
    } else {
      method.others.push_back(routes_.size() - 1);
    }
  }
}

RestRouteIndex::Route RestRouteIndex::compile(size_t operation, const AwsOperation& op) {
  Route route;
  route.operation = operation;
  route.required_query = op.required_query;
  route.required_headers = op.required_headers;
  route.deprecated = op.deprecated;
  const std::string_view uri = op.uri;
  const size_t question = uri.find('?');
  std::string_view path = uri.substr(0, question);
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);  // "/2015-03-31/functions/"
  if (!path.empty()) {
    for (const std::string_view segment : split(path, '/')) {
      if (!route_is_label(segment)) {
        route.segments.push_back({SegmentKind::kLiteral, std::string(segment)});
        ++route.literal_segments;
        continue;
      }
      std::string_view name = segment.substr(1, segment.size() - 2);
      const bool greedy = !name.empty() && name.back() == '+';
      if (greedy) name.remove_suffix(1);
      route.segments.push_back({greedy ? SegmentKind::kGreedy : SegmentKind::kLabel, std::string(name)});
    }
  }
  if (question != std::string_view::npos) {
    for (const std::string_view pair : split(uri.substr(question + 1), '&')) {
      if (pair.empty()) continue;
      const size_t eq = pair.find('=');
      std::optional<std::string> value;
      // "?versionId={VersionId}" only asks for the key; a literal value must be matched.
      if (eq != std::string_view::npos && !route_is_label(pair.substr(eq + 1)))
        value = std::string(pair.substr(eq + 1));
      route.query.emplace_back(std::string(pair.substr(0, eq)), std::move(value));
    }
  }
  return route;
}

bool RestRouteIndex::fits_path(const Route& route, const RestRequest& request, Captures* captures) {
  const size_t m = route.segments.size();
  size_t greedy = m;
  for (size_t i = 0; i < m; ++i) {
    if (route.segments[i].kind == SegmentKind::kGreedy) {
      greedy = i;
      break;
    }
  }
  size_t n = request.segment_count();
  // A trailing '/' is not a segment ("/2015-03-31/functions/" is ListFunctions, "/b/" is bucket b), except under
  // a greedy label at the end: an S3 key may end in '/'.
  if (n > 0 && request.segment(n - 1).empty() && greedy + 1 != m) --n;
  // Template segment `t` against request segment `r`.
  auto fits = [&](size_t t, size_t r) {
    const Segment& segment = route.segments[t];
    const std::string& text = request.segment(r);
    if (segment.kind == SegmentKind::kLiteral) return text == segment.text;
    if (text.empty()) return false;
    if (captures) captures->push_back({t, {r, r + 1}});
    return true;
  };
  if (greedy == m) {
    if (n != m) return false;
    for (size_t i = 0; i < m; ++i) {
      if (!fits(i, i)) return false;
    }
    return true;
  }
  if (n < m) return false;  // the greedy label takes at least one segment
  const size_t tail = m - greedy - 1;
  const size_t greedy_end = n - tail;
  for (size_t i = 0; i < greedy; ++i) {
    if (!fits(i, i)) return false;
  }
  for (size_t j = 0; j < tail; ++j) {
    if (!fits(greedy + 1 + j, greedy_end + j)) return false;
  }
  // The greedy label must not be empty: "/b/" has no key.
  if (greedy_end - greedy == 1 && request.segment(greedy).empty()) return false;
  if (captures) captures->push_back({greedy, {greedy, greedy_end}});
  return true;
}

std::optional<RestMatchScore> RestRouteIndex::score(const Route& route, const RestRequest& request) {
  if (!fits_path(route, request, nullptr)) return std::nullopt;
  for (const auto& [key, value] : route.query) {
    const std::string* sent = request.query_value(key);
    if (!sent || (value && *sent != *value)) return std::nullopt;
  }
  RestMatchScore s;
  s.literal_segments = route.literal_segments;
  s.literal_query_keys = static_cast<int>(route.query.size());
  for (const auto& key : route.required_query) ++(request.query_value(key) ? s.required_present : s.required_missing);
  for (const auto& name : route.required_headers)
    ++(request.has_header(name) ? s.required_present : s.required_missing);
  for (const auto& segment : route.segments) s.greedy = s.greedy || segment.kind == SegmentKind::kGreedy;
  s.deprecated = route.deprecated;
  return s;
}

std::optional<RestMatch> RestRouteIndex::match(const RestRequest& request) const {
  const auto method = by_method_.find(request.method());
  if (method == by_method_.end()) return std::nullopt;
  const Route* best = nullptr;
  RestMatchScore best_score;
  auto consider = [&](const std::vector<size_t>& candidates) {
    for (const size_t i : candidates) {
      const auto s = score(routes_[i], request);
      // Equal scores go to the operation that sorts first, whatever list it came from.
      if (s && (!best || s->better_than(best_score) || (!best_score.better_than(*s) && &routes_[i] < best))) {
        best = &routes_[i];
        best_score = *s;
      }
    }
  };
  if (request.segment_count() > 0) {
    const auto literal = method->second.by_first_literal.find(request.segment(0));
    if (literal != method->second.by_first_literal.end()) consider(literal->second);
  }
  consider(method->second.others);
  if (!best) return std::nullopt;
  RestMatch match{best->operation, best_score, {}};
  Captures captures;
  fits_path(*best, request, &captures);
  for (const auto& [segment, span] : captures) {
    match.labels.emplace_back(best->segments[segment].text, request.decoded_span(span.first, span.second));
  }
  return match;
}

}  // namespace chokepoint
