#pragma once
// Where a request's template comes from: TemplateBody, TemplateURL (a local file as file:///path when
// allowed; there is no S3 to fetch from) or the stack's current template (UsePreviousTemplate).
#include <optional>
#include <string>
#include <variant>

#include "protocol/api_types.hpp"
#include "protocol/result.hpp"

namespace chokepoint {

struct TemplateSource {
  std::optional<std::string> body;
  std::optional<std::string> url;
  bool use_previous = false;
};

// Reads TemplateBody / TemplateURL / UsePreviousTemplate from request parameters; ValidationError when
// both or (unless `allow_previous`) neither is given.
Result<TemplateSource> read_template_source(const nlohmann::json& params, bool allow_previous);
// The template text of a body or URL (not UsePreviousTemplate).
Result<std::string> load_template(const TemplateSource& source, bool allow_files);

}  // namespace chokepoint
