#include "app/ctl_output.hpp"

#include <sstream>
#include <vector>

#include "app/ctl_report_view.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;
using Row = std::vector<std::string>;

// A member, or null when absent (const operator[] must not be used on a missing key).
json field(const json& j, const char* key) {
  return j.is_object() && j.contains(key) ? j[key] : json();
}

std::string text_of(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "";
  return j.dump();
}

std::string table(const std::vector<Row>& rows) {
  std::vector<size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string out;
  for (const auto& row : rows) {
    std::string line;
    for (size_t c = 0; c < row.size(); ++c) {
      line += row[c];
      if (c + 1 < row.size()) line += std::string(widths[c] - row[c].size() + 2, ' ');
    }
    out += line + "\n";
  }
  return out;
}

std::string action_text(const json& rule) {
  if (rule.contains("throttle")) return "throttle";
  if (rule.contains("error")) {
    const json& e = rule["error"];
    std::string out = "error " + text_of(e.value("code", json())) + " (" + text_of(e.value("status", json())) + ")";
    if (e.contains("message")) out += " \"" + text_of(field(e, "message")) + "\"";
    return out;
  }
  if (rule.contains("latency")) {
    const json& l = rule["latency"];
    if (l.contains("ms")) return "latency " + text_of(field(l, "ms")) + " ms";
    return "latency " + text_of(l.value("min_ms", json())) + "-" + text_of(l.value("max_ms", json())) + " ms";
  }
  if (rule.contains("rate")) {
    const json& r = rule["rate"];
    return "rate " + text_of(r.value("per_second", json())) + "/s burst " + text_of(r.value("burst", json()));
  }
  return "?";
}

std::string seconds_text(const json& j) {
  return text_of(j) + "s";
}

std::string limits_text(const json& rule) {
  std::string out;
  if (rule.contains("probability") && rule["probability"] != 1 && rule["probability"] != 1.0) {
    out += ", probability " + text_of(field(rule, "probability"));
  }
  if (rule.contains("count")) out += ", count " + text_of(field(rule, "count"));
  if (rule.contains("remaining")) out += " (" + text_of(field(rule, "remaining")) + " left)";
  if (rule.contains("start_after") && rule["start_after"] != 0) out += ", after " + seconds_text(rule["start_after"]);
  if (rule.contains("duration")) out += ", for " + seconds_text(rule["duration"]);
  return out;
}

std::string list_faults(const json& body) {
  std::vector<Row> rows{{"ID", "SOURCE", "STATE", "MATCHED", "APPLIED", "RULE"}};
  for (const auto& rule : body.value("faults", json::array())) {
    rows.push_back({text_of(field(rule, "id")), text_of(field(rule, "source")), text_of(field(rule, "state")),
                    text_of(field(rule, "matched")), text_of(field(rule, "applied")), describe_rule(rule)});
  }
  std::string out = rows.size() == 1 ? "no fault rules\n" : table(rows);
  const long long latency = body.value("latency_ms", 0LL);
  if (latency > 0) out += "every call: +" + std::to_string(latency) + " ms\n";
  return out;
}

std::string list_scenarios(const json& body) {
  const json list = body.contains("scenarios") ? body["scenarios"] : json::array({body});
  std::vector<Row> rows{{"NAME", "START", "STATE", "PHASE", "STARTED"}};
  for (const auto& s : list) {
    std::string phase =
        s.contains("phase") ? std::to_string(s["phase"].get<int>() + 1) + "/" + text_of(field(s, "phases")) : "-";
    rows.push_back({text_of(field(s, "name")), text_of(field(s, "start")), text_of(field(s, "state")), phase,
                    text_of(s.value("started_at", json("-")))});
  }
  return rows.size() == 1 ? "no scenarios\n" : table(rows);
}

std::string list_requests(const json& body) {
  std::vector<Row> rows{{"TIME", "SERVICE", "OPERATION", "ACCOUNT", "REGION", "OUTCOME", "STATUS", "DECIDED BY"}};
  for (const auto& r : body.value("requests", json::array())) {
    rows.push_back({text_of(field(r, "time")), text_of(field(r, "service")), text_of(field(r, "operation")),
                    text_of(field(r, "account")), text_of(field(r, "region")), text_of(field(r, "outcome")),
                    text_of(field(r, "status")), text_of(r.value("decided_by", json("")))});
  }
  return rows.size() == 1 ? "no requests yet\n" : table(rows);
}

std::string list_buckets(const json& body) {
  std::vector<Row> rows{{"ACCOUNT", "REGION", "SERVICE", "BUCKET", "TOKENS", "RATE", "BURST"}};
  for (const auto& b : body.value("buckets", json::array())) {
    std::ostringstream tokens;
    tokens.precision(2);
    tokens << std::fixed << b.value("tokens", 0.0);
    rows.push_back({text_of(field(b, "account")), text_of(field(b, "region")), text_of(field(b, "service")),
                    text_of(field(b, "bucket")), tokens.str(), text_of(field(b, "rate")), text_of(field(b, "burst"))});
  }
  return rows.size() == 1 ? "no buckets in use\n" : table(rows);
}

std::string render_error(int status, const json& body) {
  std::string out = "error (HTTP " + std::to_string(status) + "): " + text_of(body.value("error", json("")));
  const json errors = body.value("errors", json::array());
  if (errors.size() > 1) {
    for (const auto& e : errors) out += "\n  " + text_of(field(e, "field")) + ": " + text_of(field(e, "message"));
  }
  return out + "\n";
}

std::string render_success(CtlView view, const json& body) {
  switch (view) {
    case CtlView::kFaultList:
      return list_faults(body);
    case CtlView::kFaultAdded: {
      std::string out;
      for (const auto& rule : body.value("faults", json::array())) {
        out += "added " + text_of(field(rule, "id")) + ": " + describe_rule(rule) + "\n";
      }
      return out;
    }
    case CtlView::kFault:
      return table({{"ID", "STATE", "MATCHED", "APPLIED", "RULE"},
                    {text_of(field(body, "id")), text_of(field(body, "state")), text_of(field(body, "matched")),
                     text_of(field(body, "applied")), describe_rule(body)}});
    case CtlView::kScenarios:
      return list_scenarios(body);
    case CtlView::kRequests:
      return list_requests(body);
    case CtlView::kBuckets:
      return list_buckets(body);
    case CtlView::kReport:
      return render_retry_report(body);
    case CtlView::kClock:
      return text_of(field(body, "now")) + "  " + text_of(field(body, "mode")) + ", speed " +
             text_of(field(body, "speed")) + "\n";
    case CtlView::kStatus:
      if (body.contains("deleted")) return "deleted " + text_of(field(body, "deleted")) + "\n";
      if (body.contains("status")) return text_of(field(body, "status")) + "\n";
      return body.dump(2) + "\n";
    case CtlView::kRaw:
      break;
  }
  return body.dump(2) + "\n";
}

}  // namespace

std::string describe_rule(const json& rule) {
  std::string match;
  auto add = [&](const std::string& text) {
    if (!match.empty()) match += ' ';
    match += text;
  };
  add(rule.contains("service") ? text_of(field(rule, "service")) : "*");
  if (rule.contains("operation")) {
    std::string ops;
    for (const auto& op : rule["operation"]) {
      if (!ops.empty()) ops += ',';
      ops += text_of(op);
    }
    add(ops);
  }
  for (const char* key : {"account", "region", "resource", "tag"}) {
    if (rule.contains(key)) add(std::string(key) + "=" + text_of(rule[key]));
  }
  std::string name = rule.contains("name") ? "[" + text_of(field(rule, "name")) + "] " : "";
  return name + match + " -> " + action_text(rule) + limits_text(rule);
}

std::string render_response(CtlView view, int status, const std::string& body, bool json_output) {
  const json parsed = json::parse(body, nullptr, false);
  const std::string raw = body.empty() || body.back() == '\n' ? body : body + "\n";
  if (json_output || !parsed.is_object()) return raw;  // every answer the views know is an object
  try {
    if (status < 200 || status >= 300) return render_error(status, parsed);
    return render_success(view, parsed);
  } catch (const json::exception&) {
    return raw;  // not the shape this view expects: show it as it came
  }
}

}  // namespace chokepoint
