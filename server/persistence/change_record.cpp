#include "persistence/change_record.hpp"

#include "common/json_parser.hpp"

namespace chokepoint {

namespace {

void append_quoted(std::string& out, std::string_view text) {
  out += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string record_text(std::string_view service, std::string_view kind, std::string_view key,
                        std::string_view state_json) {
  std::string out;
  out.reserve(32 + service.size() + kind.size() + key.size() + state_json.size());
  out += "{\"s\":";
  append_quoted(out, service);
  out += ",\"k\":";
  append_quoted(out, kind);
  out += ",\"id\":";
  append_quoted(out, key);
  out += ",\"v\":";
  out += state_json;
  out += '}';
  return out;
}

std::string json_record_text(std::string_view service, std::string_view kind, std::string_view key,
                             const nlohmann::json& state) {
  return record_text(service, kind, key,
                     std::string_view(state.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
}

std::optional<ChangeRecord> parse_record(std::string_view text) {
  nlohmann::json j;
  if (!parse_json(text, j) || !j.is_object()) return std::nullopt;
  const auto s = j.find("s"), k = j.find("k"), id = j.find("id"), v = j.find("v");
  if (s == j.end() || k == j.end() || id == j.end() || v == j.end() || !s->is_string() || !k->is_string() ||
      !id->is_string()) {
    return std::nullopt;
  }
  return ChangeRecord{s->get<std::string>(), k->get<std::string>(), id->get<std::string>(), std::move(*v)};
}

std::optional<RegionalKey> split_regional_key(std::string_view key) {
  const auto first = key.find('/');
  const auto second = first == std::string_view::npos ? first : key.find('/', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  return RegionalKey{std::string(key.substr(0, first)), std::string(key.substr(first + 1, second - first - 1)),
                     std::string(key.substr(second + 1))};
}

}  // namespace chokepoint
