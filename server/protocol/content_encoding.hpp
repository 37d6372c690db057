#pragma once
// Compressed request bodies. botocore gzips the bodies of operations marked `requestcompression` once they
// reach 10 KB (CloudWatch PutMetricData) and sends `Content-Encoding: gzip`; the SigV4 signature covers the
// compressed bytes, so the body is inflated only for decoding. Inflation stops at a size limit, so a small
// "gzip bomb" cannot make the server allocate without bound.
#include <optional>
#include <string>
#include <string_view>

namespace chokepoint {

enum class InflateStatus { kOk, kTooLarge, kCorrupt };

struct Inflated {
  InflateStatus status = InflateStatus::kOk;
  std::string body;  // the inflated bytes when kOk
};

// True when a Content-Encoding header value names gzip (gzip or x-gzip, case-insensitive) as its only coding.
bool is_gzip_encoding(std::string_view content_encoding);

// Inflates a gzip stream (one or more members, as RFC 1952 allows). More than `max_bytes` of output is
// kTooLarge; a truncated or damaged stream, or trailing garbage, is kCorrupt.
Inflated gunzip(std::string_view compressed, size_t max_bytes);

}  // namespace chokepoint
