// SigV4 canonical request, string to sign, signature and verification, matching botocore's
// SigV4Auth/SigV4QueryAuth byte for byte (reference 6.2).
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <algorithm>
#include <array>
#include <utility>

#include "auth/sigv4.hpp"
#include "auth/sigv4_support.hpp"
#include "common/strings.hpp"
#include "common/time_format.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
// Presigned URLs with an absurd X-Amz-Expires must not overflow time arithmetic; ten years is
// beyond any validity AWS grants.
constexpr long long kMaxExpiresSeconds = 10LL * 365 * 24 * 3600;

using Digest = std::array<unsigned char, 32>;

std::string sha256_hex(std::string_view data) {
  Digest digest{};
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest.data(), &size, EVP_sha256(), nullptr);
  return to_hex(digest.data(), size);
}

Digest hmac_sha256(std::string_view key, std::string_view message) {
  Digest out{};
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), out.data(), &size);
  return out;
}

std::string_view as_view(const Digest& d) { return {reinterpret_cast<const char*>(d.data()), d.size()}; }

// Every parameter except the signature itself, each RFC 3986-encoded after decoding so that clients
// that encode differently on the wire still canonicalize alike; sorted by encoded key, then value.
std::string canonical_query(std::string_view raw_query, bool presigned) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const auto& p : decode_query(raw_query)) {
    if (presigned && p.key == "X-Amz-Signature") continue;
    pairs.emplace_back(uri_encode(p.key), uri_encode(p.value));
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [key, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out.append(key).append("=").append(value);
  }
  return out;
}

// One "name:value" line per signed header in the client's order (clients sort it; the signature
// covers the order they used). Repeated headers are joined with ','.
std::string canonical_headers(const HttpRequest& request, const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out.append(name).push_back(':');
    bool first = true;
    for (const auto& [header_name, value] : request.headers) {
      if (header_name != name) continue;
      if (!std::exchange(first, false)) out.push_back(',');
      out.append(collapse_whitespace(value));
    }
    out.push_back('\n');
  }
  return out;
}

std::string join_signed_headers(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out.push_back(';');
    out.append(name);
  }
  return out;
}

// botocore hashes the body it sends, also for presigned non-S3 URLs (SigV4QueryAuth inherits the
// plain payload rule; only S3's presigner uses UNSIGNED-PAYLOAD), unless the client sent the hash.
std::string payload_hash(const HttpRequest& request) {
  if (const auto declared = request.header("x-amz-content-sha256")) return std::string(*declared);
  return sha256_hex(request.body);
}

// The timestamp line of the string to sign: X-Amz-Date as sent, or a Date header re-expressed in the
// basic format (botocore signs the Date header's RFC 1123 text but puts the basic form here).
std::string signing_timestamp(const SigV4Signature& sig) {
  if (parse_amz_date(sig.amz_date)) return sig.amz_date;
  if (const auto t = parse_http_date(sig.amz_date)) return format_amz_date(*t);
  return sig.amz_date;
}

VerifyResult check_time(const SigV4Signature& sig, TimePoint signed_at, TimePoint now, std::chrono::seconds max_skew) {
  if (sig.presigned && sig.expires_seconds) {
    // A URL signed in the future is refused like a skewed header; one signed in the past is good
    // for X-Amz-Expires seconds.
    if (signed_at - now > max_skew) return VerifyResult::kSkewed;
    const std::chrono::seconds valid_for{std::min(*sig.expires_seconds, kMaxExpiresSeconds)};
    return now - signed_at > valid_for ? VerifyResult::kExpired : VerifyResult::kOk;
  }
  const auto distance = now > signed_at ? now - signed_at : signed_at - now;
  return distance > max_skew ? VerifyResult::kSkewed : VerifyResult::kOk;
}

}  // namespace

std::string sigv4_canonical_request(const HttpRequest& request, const SigV4Signature& sig) {
  std::string out = request.method;
  out.push_back('\n');
  // The raw (still percent-encoded) path is encoded again: non-S3 SigV4 double-encodes, as botocore does.
  out.append(uri_encode(normalize_url_path(request.path()), /*keep_slash=*/true)).push_back('\n');
  out.append(canonical_query(request.query(), sig.presigned)).push_back('\n');
  out.append(canonical_headers(request, sig.signed_headers)).push_back('\n');
  out.append(join_signed_headers(sig.signed_headers)).push_back('\n');
  out.append(payload_hash(request));
  return out;
}

std::string sigv4_string_to_sign(const HttpRequest& request, const SigV4Signature& sig) {
  std::string out(kAlgorithm);
  out.push_back('\n');
  out.append(signing_timestamp(sig)).push_back('\n');
  out.append(sig.scope.date).append("/").append(sig.scope.region).append("/").append(sig.scope.service);
  out.append("/aws4_request\n");
  out.append(sha256_hex(sigv4_canonical_request(request, sig)));
  return out;
}

std::string sigv4_compute(const HttpRequest& request, const SigV4Signature& sig, std::string_view secret_key) {
  const std::string secret = "AWS4" + std::string(secret_key);
  const Digest k_date = hmac_sha256(secret, sig.scope.date);
  const Digest k_region = hmac_sha256(as_view(k_date), sig.scope.region);
  const Digest k_service = hmac_sha256(as_view(k_region), sig.scope.service);
  const Digest k_signing = hmac_sha256(as_view(k_service), "aws4_request");
  const Digest signature = hmac_sha256(as_view(k_signing), sigv4_string_to_sign(request, sig));
  return to_hex(signature.data(), signature.size());
}

VerifyResult sigv4_check_time(const SigV4Signature& sig, TimePoint now, std::chrono::seconds max_skew) {
  const auto signed_at = parse_signing_time(sig.amz_date);
  if (!signed_at) {
    // A well-formed date beyond what a TimePoint holds (year 3020) is still far outside the window.
    const int side = far_signing_time_side(sig.amz_date);
    if (side == 0) return VerifyResult::kBadDate;
    return side > 0 || !sig.presigned ? VerifyResult::kSkewed : VerifyResult::kExpired;
  }
  return check_time(sig, *signed_at, now, max_skew);
}

VerifyResult sigv4_verify(const HttpRequest& request, const SigV4Signature& sig, std::string_view secret_key,
                          TimePoint now, std::chrono::seconds max_skew) {
  // Time first, as AWS does: a request outside the window is refused as such even when its credential scope
  // is malformed too. When time and signature are both wrong, the skew error is also the useful answer (SDKs
  // that correct clock skew retry on it).
  if (const auto timing = sigv4_check_time(sig, now, max_skew); timing != VerifyResult::kOk) return timing;
  const auto signed_at = parse_signing_time(sig.amz_date);
  // An incomplete scope has no date to compare; it fails below as a mismatch.
  if (!sig.scope.date.empty() && format_amz_date(*signed_at).substr(0, 8) != sig.scope.date) {
    return VerifyResult::kBadDate;
  }
  const std::string expected = sigv4_compute(request, sig, secret_key);
  if (expected.size() != sig.signature.size() ||
      CRYPTO_memcmp(expected.data(), sig.signature.data(), expected.size()) != 0) {
    return VerifyResult::kMismatch;
  }
  return VerifyResult::kOk;
}

}  // namespace chokepoint
