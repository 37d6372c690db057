// chokepoint: flags, config, then hand over to the server runtime or a subcommand.
#include <cstdio>
#include <iostream>

#include "app/command_line.hpp"
#include "app/ctl_command.hpp"
#include "app/server_app.hpp"
#include "app/service_setup.hpp"
#include "config/config_holder.hpp"
#include "config/config_loader.hpp"

using namespace chokepoint;

namespace {

void print_errors(const std::vector<ConfigError>& errors) {
  for (const auto& e : errors) std::cerr << e.format() << "\n";
}

int check_config(const std::string& path) {
  const AwsCatalog aws = AwsCatalog::built_in();
  const OperationVocabulary vocabulary = operation_vocabulary(&aws);
  const LoadResult result = load_config_file(path, &vocabulary);
  if (!result.ok()) {
    print_errors(result.errors);
    std::cerr << result.errors.size() << " error(s) in " << path << "\n";
    return 2;
  }
  std::cout << path << ": valid\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const ParsedCommandLine parsed = parse_command_line(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.error.empty()) {
    std::cerr << "chokepoint: " << parsed.error << "\n\n" << usage_text();
    return 2;
  }
  const CommandLine& cli = parsed.options;
  switch (cli.command) {
    case Command::kHelp:
      std::cout << usage_text();
      return 0;
    case Command::kVersion:
      std::cout << "chokepoint " << CHOKEPOINT_VERSION << "\n";
      return 0;
    case Command::kPrintDefaultConfig:
      std::cout << default_config_yaml();
      return 0;
    case Command::kPrintOperations:
      std::cout << operation_catalog_json();
      return 0;
    case Command::kCheckConfig:
      return check_config(cli.rest.front());
    case Command::kCtl:
      return run_ctl(cli.rest, std::cout, std::cerr);
    case Command::kServe:
      break;
  }
  const std::string path = cli.config_file.value_or("");
  const ConfigOverrides overrides = command_line_overrides(cli);
  const OperationVocabulary vocabulary = [] {
    const AwsCatalog aws = AwsCatalog::built_in();
    return operation_vocabulary(&aws);
  }();
  const LoadResult loaded = load_config_with_overrides(path, overrides, &vocabulary);
  if (!loaded.ok()) {
    print_errors(loaded.errors);
    return 2;
  }
  const std::chrono::seconds bucket_idle_time(cli.bucket_idle_seconds.value_or(kDefaultBucketIdleTime.count()));
  return run_server(loaded.config, path, overrides, bucket_idle_time);
}
