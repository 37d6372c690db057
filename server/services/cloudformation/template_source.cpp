#include "services/cloudformation/template_source.hpp"

#include <fstream>
#include <sstream>

#include "protocol/params.hpp"
#include "services/cloudformation/cloudformation_errors.hpp"

namespace chokepoint {

namespace {

constexpr size_t kMaxBodyBytes = 51'200;
constexpr size_t kMaxUrlTemplateBytes = 1'000'000;

Result<std::string> read_file_url(const std::string& url) {
  const std::string path = url.substr(7);
  if (path.empty() || path[0] != '/') {
    return stack_validation_error("TemplateURL must be a supported URL.");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return stack_validation_error("Template file referenced by " + url + " does not exist.");
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > kMaxUrlTemplateBytes) {
    return stack_validation_error("Template may not exceed " + std::to_string(kMaxUrlTemplateBytes) + " bytes in size.");
  }
  return text.str();
}

}  // namespace

Result<TemplateSource> read_template_source(const nlohmann::json& params, bool allow_previous) {
  TemplateSource s;
  bool bad = false;
  s.body = param_string(params, "TemplateBody", &bad);
  s.url = param_string(params, "TemplateURL", &bad);
  s.use_previous = param_bool(params, "UsePreviousTemplate", &bad).value_or(false);
  if (bad) return stack_validation_error("Template must be a string.");
  const int given = (s.body ? 1 : 0) + (s.url ? 1 : 0) + (s.use_previous ? 1 : 0);
  if (given > 1) return stack_validation_error("You cannot specify both Template URL and Template Body.");
  if (given == 0 && !allow_previous) return stack_validation_error("Either Template URL or Template Body must be specified.");
  if (s.body && s.body->size() > kMaxBodyBytes) {
    return stack_validation_error("1 validation error detected: Value '" + s.body->substr(0, 64) +
                            "...' at 'templateBody' failed to satisfy constraint: Member must have length less than or "
                            "equal to 51200");
  }
  return s;
}

Result<std::string> load_template(const TemplateSource& source, bool allow_files) {
  if (source.body) return *source.body;
  const std::string url = source.url.value_or("");
  if (allow_files && url.rfind("file://", 0) == 0) return read_file_url(url);
  return stack_validation_error("TemplateURL must be a supported URL.");
}

}  // namespace chokepoint
