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
ServiceOperations traits_of(std::string service, const std::vector<Entry>& entries) {
  ServiceOperations out{std::move(service), {}};
  for (const Entry& entry : entries) out.operations.push_back(entry.traits);
  return out;
}

std::string_view plane_name(Plane plane) {
  switch (plane) {
    case Plane::kDataRead:
      return "data read";
    case Plane::kDataWrite:
      return "data write";
    case Plane::kControl:
      break;
  }
  return "control";
}

}  // namespace

std::vector<ServiceOperations> operation_catalog() {
  return {traits_of("dynamodb", dynamodb_operations()),         traits_of("ec2", ec2_operations()),
          traits_of("sts", sts_operations()),                   traits_of("ssm", ssm_operations()),
          traits_of("cloudformation", cloudformation_operations()), traits_of("monitoring", cloudwatch_operations())};
}

OperationVocabulary operation_vocabulary() {
  OperationVocabulary vocabulary;
  for (const ServiceOperations& service : operation_catalog()) {
    auto& names = vocabulary.by_service[service.service];
    for (const OperationTraits& op : service.operations) names.emplace(op.name);
  }
  return vocabulary;
}

std::string operation_catalog_json() {
  nlohmann::json catalog = nlohmann::json::object();
  for (const ServiceOperations& service : operation_catalog()) {
    nlohmann::json& list = catalog[service.service] = nlohmann::json::array();
    for (const OperationTraits& op : service.operations) {
      list.push_back({{"operation", op.name},
                      {"bucket", op.bucket},
                      {"plane", plane_name(op.plane)},
                      {"durable", op.changes_state},
                      {"resource", op.resource != nullptr}});
    }
  }
  return catalog.dump(2) + "\n";
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
