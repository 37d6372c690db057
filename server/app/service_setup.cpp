#include "app/service_setup.hpp"

#include "admin/autoscaling_routes.hpp"
#include "admin/dynamodb_routes.hpp"
#include "admin/quota_routes.hpp"
#include <stdexcept>

#include "config/config_loader.hpp"
#include "services/autoscaling/autoscaling_service.hpp"
#include "services/cloudformation/cloudformation_service.hpp"
#include "services/cloudwatch/cloudwatch_service.hpp"
#include "services/dynamodb/dynamodb_service.hpp"
#include "services/dynamodb/streams_service.hpp"
#include "services/ec2/ec2_service.hpp"
#include "services/operation_check.hpp"
#include "services/servicequotas/servicequotas_service.hpp"
#include "services/ssm/ssm_service.hpp"
#include "services/sts/sts_service.hpp"

namespace chokepoint {

namespace {

template <class Entry>
std::vector<OperationTraits> traits_of(const std::vector<Entry>& entries) {
  std::vector<OperationTraits> traits;
  for (const Entry& entry : entries) traits.push_back(entry.traits);
  return traits;
}

std::unique_ptr<Service> build_dynamodb(ServiceDeps& deps) {
  auto dynamodb = std::make_unique<DynamoDbService>();
  register_dynamodb_routes(deps.admin, *dynamodb);
  return dynamodb;
}

// Listed after DynamoDB, whose tables hold the streams it reads.
std::unique_ptr<Service> build_dynamodb_streams(ServiceDeps& deps) {
  Service* dynamodb = deps.built ? deps.built->find("dynamodb") : nullptr;
  if (!dynamodb) throw std::logic_error("DynamoDB Streams needs the DynamoDB service, built before it");
  return std::make_unique<DynamoDbStreamsService>(static_cast<DynamoDbService&>(*dynamodb));
}

// Listed after DynamoDB, whose Contributor Insights rules it reports.
std::unique_ptr<Service> build_cloudwatch(ServiceDeps& deps) {
  Service* dynamodb = deps.built ? deps.built->find("dynamodb") : nullptr;
  const auto* insights = dynamic_cast<const InsightRuleSource*>(dynamodb);
  return std::make_unique<CloudWatchService>(deps.metric_store, insights);
}

std::unique_ptr<Service> build_autoscaling(ServiceDeps& deps) {
  auto autoscaling = std::make_unique<AutoScalingService>(deps.dispatcher, deps.scheduler, deps.seed ^ 0x5ca1e);
  register_autoscaling_routes(deps.admin, *autoscaling);
  return autoscaling;
}

std::unique_ptr<Service> build_servicequotas(ServiceDeps& deps) {
  // An approval resizes the account's buckets of that quota at once, with the configuration then in force.
  auto resize = [&limiter = deps.limiter, &config = deps.config](const AppliedQuota& value, TimePoint now) {
    limiter.resize_quota(*config.get(), value.account, value.region, value.service, value.key, now);
  };
  auto quotas = std::make_unique<ServiceQuotasService>(deps.scheduler, deps.applied_quotas, resize);
  register_quota_routes(deps.admin, *quotas);
  return quotas;
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

std::vector<ServiceModule> service_modules() {
  return {
      {"dynamodb", [] { return traits_of(dynamodb_operations()); }, build_dynamodb},
      {kDynamoDbStreamsName, [] { return traits_of(dynamodb_streams_operations()); }, build_dynamodb_streams},
      {"ec2", [] { return traits_of(ec2_operations()); },
       [](ServiceDeps&) -> std::unique_ptr<Service> { return std::make_unique<Ec2Service>(); }},
      {"sts", [] { return traits_of(sts_operations()); },
       [](ServiceDeps& deps) -> std::unique_ptr<Service> { return std::make_unique<StsService>(deps.sessions); }},
      {"ssm", [] { return traits_of(ssm_operations()); },
       [](ServiceDeps&) -> std::unique_ptr<Service> { return std::make_unique<SsmService>(); }},
      {"cloudformation", [] { return traits_of(cloudformation_operations()); },
       [](ServiceDeps& deps) -> std::unique_ptr<Service> {
         return std::make_unique<CloudFormationService>(deps.dispatcher, deps.scheduler, deps.seed);
       }},
      {"application-autoscaling", [] { return traits_of(autoscaling_operations()); }, build_autoscaling},
      {"monitoring", [] { return traits_of(cloudwatch_operations()); }, build_cloudwatch},
      {"servicequotas", [] { return traits_of(servicequotas_operations()); }, build_servicequotas},
  };
}

void register_services(ServiceRegistry& services, ServiceDeps deps) {
  deps.built = &services;
  for (const ServiceModule& module : service_modules()) services.add(module.build(deps));
}

OperationVocabulary operation_vocabulary(const AwsCatalog* aws) {
  OperationVocabulary vocabulary;
  if (aws) {
    // Services Chokepoint does not emulate may be throttled and faulted by their AWS operation names.
    for (const AwsService& service : aws->services()) {
      auto& names = vocabulary.by_service[service.endpoint_prefix];
      for (const AwsOperation& op : service.operations) names.emplace(op.name);
    }
  }
  for (const ServiceModule& module : service_modules()) {
    auto& names = vocabulary.by_service[std::string(module.name)];
    for (const OperationTraits& op : module.operations()) names.emplace(op.name);
  }
  return vocabulary;
}

std::string operation_catalog_json() {
  nlohmann::json catalog = nlohmann::json::object();
  for (const ServiceModule& module : service_modules()) {
    nlohmann::json& list = catalog[std::string(module.name)] = nlohmann::json::array();
    for (const OperationTraits& op : module.operations()) {
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
