#include "app/service_setup.hpp"

#include "services/dynamodb/dynamodb_service.hpp"
#include "services/ec2/ec2_service.hpp"
#include "services/sts/sts_service.hpp"

namespace chokepoint {

void register_services(ServiceRegistry& services, AdminApi& /*admin*/, Dispatcher& /*dispatcher*/) {
  services.add(std::make_unique<DynamoDbService>());
  services.add(std::make_unique<Ec2Service>());
  services.add(std::make_unique<StsService>());
}

}  // namespace chokepoint
