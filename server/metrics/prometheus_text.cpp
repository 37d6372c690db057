#include "metrics/prometheus_text.hpp"

#include <cmath>
#include <cstdio>

namespace chokepoint {

namespace {

void escaped(std::string& out, std::string_view v) {
  for (const char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
      out.push_back('?');  // label values come from requests: keep the exposition plain ASCII
    } else {
      out.push_back(c);
    }
  }
}

}  // namespace

void PrometheusText::family(std::string_view name, std::string_view type, std::string_view help) {
  out_.append("# HELP ").append(name).push_back(' ');
  // HELP text escapes only backslash and newline.
  for (const char c : help) {
    if (c == '\\') {
      out_ += "\\\\";
    } else if (c == '\n') {
      out_ += "\\n";
    } else {
      out_.push_back(c);
    }
  }
  out_.append("\n# TYPE ").append(name).append(" ").append(type).push_back('\n');
}

void PrometheusText::sample(std::string_view name, std::span<const Label> labels, double v) {
  out_.append(name);
  if (!labels.empty()) {
    out_.push_back('{');
    bool first = true;
    for (const auto& [key, label_value] : labels) {
      if (!first) out_.push_back(',');
      first = false;
      out_.append(key).append("=\"");
      escaped(out_, label_value);
      out_.push_back('"');
    }
    out_.push_back('}');
  }
  out_.push_back(' ');
  value(v);
  out_.push_back('\n');
}

void PrometheusText::value(double v) {
  if (std::isnan(v)) {
    out_ += "NaN";
  } else if (std::isinf(v)) {
    out_ += v > 0 ? "+Inf" : "-Inf";
  } else if (v == std::floor(v) && std::fabs(v) < 1e15) {
    out_ += std::to_string(static_cast<long long>(v));
  } else {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    out_ += buf;
  }
}

}  // namespace chokepoint
