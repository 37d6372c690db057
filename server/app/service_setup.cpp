#include "app/service_setup.hpp"

#include "admin/dynamodb_routes.hpp"
#include "services/cloudformation/cloudformation_service.hpp"
#include "services/dynamodb/dynamodb_service.hpp"
#include "services/ec2/ec2_service.hpp"
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

}  // namespace chokepoint
