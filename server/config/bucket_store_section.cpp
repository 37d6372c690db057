// throttling.store / throttling.store_failure (read with the throttling: section, whose other keys are services).
#include "common/strings.hpp"
#include "config/sections.hpp"

namespace chokepoint {

bool parse_bucket_store_url(std::string_view url, BucketStoreSettings& out, std::string& error) {
  BucketStoreSettings parsed;
  parsed.on_failure = out.on_failure;
  if (url.empty() || url == "memory") {
    out = parsed;
    return true;
  }
  constexpr std::string_view kScheme = "redis://";
  if (url.rfind(kScheme, 0) != 0) {
    error = "must be redis://HOST:PORT[/DB], or memory (or empty) for the in-process store";
    return false;
  }
  std::string_view rest = url.substr(kScheme.size());
  if (const auto slash = rest.find('/'); slash != std::string_view::npos) {
    long long db = 0;
    const std::string_view db_text = rest.substr(slash + 1);
    if (!db_text.empty() && (!parse_int64(db_text, db) || db < 0 || db > 1'000'000)) {
      error = "has no valid database number after the /: '" + std::string(db_text) + "'";
      return false;
    }
    parsed.db = static_cast<int>(db);
    rest = rest.substr(0, slash);
  }
  if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
    long long port = 0;
    if (!parse_int64(rest.substr(colon + 1), port) || port < 1 || port > 65535) {
      error = "has no valid port (1-65535): '" + std::string(rest.substr(colon + 1)) + "'";
      return false;
    }
    parsed.port = static_cast<int>(port);
    rest = rest.substr(0, colon);
  }
  if (rest.empty()) {
    error = "has no host";
    return false;
  }
  parsed.host = std::string(rest);
  parsed.url = std::string(url);
  out = std::move(parsed);
  return true;
}

void read_bucket_store_keys(YamlReader& reader, const YamlNode& section, Config& config) {
  if (auto node = section.child("store_failure")) {
    if (auto policy = reader.choice(*node, {"admit", "reject"})) {
      config.bucket_store.on_failure = *policy == "reject" ? StoreFailurePolicy::kReject : StoreFailurePolicy::kAdmit;
    }
  }
  if (auto node = section.child("store")) {
    std::string url;
    if (!reader.read(section, "store", url)) return;
    if (std::string error; !parse_bucket_store_url(url, config.bucket_store, error)) reader.error(*node, error);
  }
}

}  // namespace chokepoint
