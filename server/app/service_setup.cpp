#include "app/service_setup.hpp"

#include "admin/dynamodb_routes.hpp"
#include "config/config_loader.hpp"
#include "services/cloudformation/cloudformation_service.hpp"
#include "services/cloudwatch/cloudwatch_service.hpp"
#include "services/dynamodb/dynamodb_service.hpp"
#include "services/ec2/ec2_service.hpp"
#include "services/operation_check.hpp"
#include "services/ssm/ssm_service.hpp"
#include "services/sts/sts_service.hpp"

namespace chokepoint {

void register_services(ServiceRegistry& services, AdminApi& admin, Dispatcher& dispatcher, Scheduler& scheduler) {
  auto dynamodb = std::make_unique<DynamoDbService>();
  register_dynamodb_routes(admin, *dynamodb);
  services.add(std::move(dynamodb));
  services.add(std::make_unique<Ec2Service>());
  services.add(std::make_unique<StsService>());
  services.add(std::make_unique<SsmService>());
  services.add(std::make_unique<CloudFormationService>(
      dispatcher, scheduler, static_cast<uint64_t>(scheduler.now().time_since_epoch().count())));
}

namespace {

template <class Entry>
void add_operations(OperationVocabulary& vocabulary, const std::string& service, const std::vector<Entry>& entries) {
  auto& names = vocabulary.by_service[service];
  for (const Entry& entry : entries) names.emplace(entry.traits.name);
}

}  // namespace

OperationVocabulary operation_vocabulary() {
  OperationVocabulary vocabulary;
  add_operations(vocabulary, "dynamodb", dynamodb_operations());
  add_operations(vocabulary, "ec2", ec2_operations());
  add_operations(vocabulary, "sts", sts_operations());
  add_operations(vocabulary, "ssm", ssm_operations());
  add_operations(vocabulary, "cloudformation", cloudformation_operations());
  add_operations(vocabulary, "monitoring", cloudwatch_operations());
  return vocabulary;
}

bool check_operation_tables(const ServiceRegistry& services, std::string& error) {
  const LoadResult defaults = load_default_config();
  if (!defaults.ok()) {
    error = "the built-in defaults do not load";
    return false;
  }
  const std::vector<std::string> problems = operation_table_problems(services, *defaults.config);
  if (problems.empty()) return true;
  error = "the operation tables disagree with the built-in defaults:";
  for (const std::string& problem : problems) error += "\n  " + problem;
  return false;
}

}  // namespace chokepoint
