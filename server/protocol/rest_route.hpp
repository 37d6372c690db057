#pragma once
// A REST service's requestUri templates, compiled once, and the choice of the operation a request calls.
//   literal segment    "functions"      equal to the (percent-decoded) path segment
//   {Label}            one non-empty segment
//   {Label+}           greedy: one or more segments, '/' included ("/{Bucket}/{Key+}" takes "a/b.txt")
//   ?key / ?key=value  the query must carry the key (with that value); other query parameters are ignored
// When several templates fit, the most specific wins: more literal segments, then more literal query keys, then
// more of the operation's required query keys and headers present, fewer missing, not greedy, not deprecated.
// Immutable after construction; safe to share between threads.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/http_message.hpp"
#include "protocol/aws_catalog.hpp"

namespace chokepoint {

// A request split once, so that each template is matched without parsing it again.
class RestRequest {
 public:
  // `path` starts with '/' (for virtual-hosted S3 the bucket is already put in front); `raw_query` is the query
  // string without '?'; headers are read from `http`, which must outlive this value.
  RestRequest(std::string_view method, std::string path, std::string_view raw_query, const HttpRequest& http);

  std::string_view method() const { return method_; }
  size_t segment_count() const { return decoded_.size(); }
  const std::string& segment(size_t i) const { return decoded_[i]; }
  // Segments [first, last) as they were sent, with their slashes, then percent-decoded.
  std::string decoded_span(size_t first, size_t last) const;
  // The value of the first query parameter with this (decoded) key.
  const std::string* query_value(std::string_view key) const;
  bool has_header(std::string_view lower_name) const { return http_->header(lower_name).has_value(); }

 private:
  std::string_view method_;
  std::string path_;
  std::vector<std::pair<size_t, size_t>> spans_;  // [begin, end) of each segment in path_
  std::vector<std::string> decoded_;
  std::vector<std::pair<std::string, std::string>> query_;
  const HttpRequest* http_;
};

// How well a template fits; compared field by field, greater is more specific.
struct RestMatchScore {
  int literal_segments = 0;
  int literal_query_keys = 0;
  int required_present = 0;
  int required_missing = 0;  // fewer is better
  bool greedy = false;       // a template without a greedy label is better
  bool deprecated = false;   // an operation that is not deprecated is better

  bool better_than(const RestMatchScore& other) const;
};

struct RestMatch {
  size_t operation = 0;  // index into the service's operations
  RestMatchScore score;
  std::vector<std::pair<std::string, std::string>> labels;  // percent-decoded
};

class RestRouteIndex {
 public:
  explicit RestRouteIndex(const AwsService& service);

  // The best-fitting operation, if any template fits.
  std::optional<RestMatch> match(const RestRequest& request) const;

 private:
  enum class SegmentKind { kLiteral, kLabel, kGreedy };
  struct Segment {
    SegmentKind kind;
    std::string text;  // the literal, or the label's name
  };
  struct Route {
    size_t operation;
    std::vector<Segment> segments;
    std::vector<std::pair<std::string, std::optional<std::string>>> query;  // key, required value
    std::vector<std::string> required_query, required_headers;
    int literal_segments = 0;
    bool deprecated = false;
  };
  // Routes by their first literal segment, and those that start with a label (or are the root).
  struct MethodRoutes {
    std::map<std::string, std::vector<size_t>, std::less<>> by_first_literal;
    std::vector<size_t> others;
  };
  using Captures = std::vector<std::pair<size_t, std::pair<size_t, size_t>>>;  // segment index -> span

  static Route compile(size_t operation, const AwsOperation& op);
  static bool fits_path(const Route& route, const RestRequest& request, Captures* captures);
  static std::optional<RestMatchScore> score(const Route& route, const RestRequest& request);

  std::vector<Route> routes_;
  std::map<std::string, MethodRoutes, std::less<>> by_method_;
};

}  // namespace chokepoint
