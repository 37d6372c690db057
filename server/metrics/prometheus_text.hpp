#pragma once
// Writes the Prometheus text exposition format (version 0.0.4): one `# HELP` and `# TYPE` line per family,
// then its samples, label values escaped (backslash, double quote, newline). Not thread-safe; one per scrape.
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace chokepoint {

using Label = std::pair<std::string_view, std::string_view>;

class PrometheusText {
 public:
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  // Starts a family; `type` is counter, gauge or histogram.
  void family(std::string_view name, std::string_view type, std::string_view help);
  void sample(std::string_view name, std::span<const Label> labels, double value);
  void sample(std::string_view name, std::initializer_list<Label> labels, double value) {
    sample(name, std::span<const Label>(labels.begin(), labels.size()), value);
  }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void value(double v);
  std::string out_;
};

}  // namespace chokepoint
