#include "cloudformation/fake_services.hpp"

namespace chokepoint::test {

namespace {

using nlohmann::json;

ApiResponse ok(json body = json::object()) {
  ApiResponse r;
  r.body = std::move(body);
  return r;
}

ApiError throttle_error(const std::string& service) {
  ApiError e = service == "ec2" ? make_error("RequestLimitExceeded", "Request limit exceeded.", 503)
                                : make_error("ThrottlingException", "Rate exceeded", 400);
  e.origin = ErrorOrigin::kThrottle;
  return e;
}

json instance_json(const std::string& id, const std::string& state) {
  return {{"instanceId", id},
          {"instanceState", {{"code", state == "running" ? "16" : "0"}, {"name", state}}},
          {"privateIpAddress", "10.0.0.5"},
          {"ipAddress", "54.0.0.5"},
          {"dnsName", "ec2-54-0-0-5.compute-1.amazonaws.com"},
          {"privateDnsName", "ip-10-0-0-5.ec2.internal"},
          {"vpcId", "vpc-1"},
          {"placement", {{"availabilityZone", "us-east-1a"}}}};
}

}  // namespace

ApiResult FakeServices::call(ApiRequest request, TimePoint now) {
  std::lock_guard lock(mutex_);
  const std::string key = request.service + "." + request.operation;
  RecordedCall record{request, now, false};
  if (auto it = buckets_.find(key); it != buckets_.end() && !it->second.try_take(now, 1)) {
    record.throttled = true;
    calls_.push_back(std::move(record));
    return throttle_error(request.service);
  }
  calls_.push_back(std::move(record));
  if (auto it = failures_.find(key); it != failures_.end() && it->second.second > 0) {
    --it->second.second;
    return it->second.first;
  }
  return dispatch(request);
}

ApiResult FakeServices::dispatch(const ApiRequest& request) {
  if (request.service == "ssm") return ssm(request);
  if (request.service == "dynamodb") return dynamodb(request);
  if (request.service == "ec2") return ec2(request);
  return make_error("InvalidAction", "unknown service " + request.service);
}

ApiResult FakeServices::ssm(const ApiRequest& r) {
  const std::string name = r.params.value("Name", "");
  if (r.operation == "PutParameter") {
    if (parameters_.count(name) && !r.params.value("Overwrite", false)) {
      return make_error("ParameterAlreadyExists",
                        "The parameter already exists. To overwrite this value, set the "
                        "overwrite option in the request to true.");
    }
    parameters_[name] = r.params;
    return ok({{"Version", 1}, {"Tier", "Standard"}});
  }
  if (r.operation == "DeleteParameter" || r.operation == "GetParameter") {
    const auto it = parameters_.find(name);
    if (it == parameters_.end()) return make_error("ParameterNotFound", "");
    if (r.operation == "GetParameter") return ok({{"Parameter", {{"Name", name}, {"Value", it->second["Value"]}}}});
    parameters_.erase(it);
    return ok();
  }
  return ok();  // tag operations
}

ApiResult FakeServices::dynamodb(const ApiRequest& r) {
  const std::string name = r.params.value("TableName", "");
  const json arn = "arn:aws:dynamodb:us-east-1:123456789012:table/" + name;
  if (r.operation == "CreateTable") {
    if (tables_.count(name)) return make_error("ResourceInUseException", "Table already exists: " + name);
    tables_[name] = r.params;
    table_polls_[name] = 0;
    return ok({{"TableDescription", {{"TableName", name}, {"TableArn", arn}, {"TableStatus", "CREATING"}}}});
  }
  const auto it = tables_.find(name);
  if (it == tables_.end()) return make_error("ResourceNotFoundException", "Requested resource not found");
  if (r.operation == "DescribeTable") {
    const bool active = table_polls_[name]++ >= settle_polls;
    return ok({{"Table", {{"TableName", name}, {"TableArn", arn}, {"TableStatus", active ? "ACTIVE" : "CREATING"}}}});
  }
  if (r.operation == "DeleteTable") tables_.erase(it);
  if (r.operation == "UpdateTable") {
    for (const auto& [k, v] : r.params.items()) it->second[k] = v;
  }
  return ok({{"TableDescription", {{"TableName", name}, {"TableArn", arn}}}});
}

ApiResult FakeServices::ec2(const ApiRequest& r) {
  if (r.operation == "RunInstances") {
    const std::string id = "i-" + std::to_string(100000 + next_instance_++);
    instances_[id] = "pending";
    return ok({{"reservationId", "r-1"}, {"instancesSet", json::array({instance_json(id, "pending")})}});
  }
  const json ids = r.params.value("InstanceId", json::array());
  const std::string id = ids.empty() ? "" : ids[0].get<std::string>();
  const auto it = instances_.find(id);
  if (it == instances_.end())
    return make_error("InvalidInstanceID.NotFound", "The instance ID '" + id + "' does not exist");
  if (r.operation == "TerminateInstances") it->second = "terminated";
  if (r.operation == "DescribeInstances") {
    if (it->second == "pending" && instance_polls_[id]++ >= settle_polls) it->second = "running";
    return ok({{"reservationSet", json::array({{{"instancesSet", json::array({instance_json(id, it->second)})}}})}});
  }
  return ok({{"instancesSet", json::array()}});
}

void FakeServices::limit(const std::string& operation, BucketLimit limit, TimePoint now) {
  std::lock_guard lock(mutex_);
  buckets_.insert_or_assign(operation, TokenBucket(limit, now));
}

void FakeServices::fail_next(const std::string& operation, ApiError error, int count) {
  std::lock_guard lock(mutex_);
  failures_[operation] = {std::move(error), count};
}

std::vector<RecordedCall> FakeServices::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

size_t FakeServices::count(const std::string& operation, bool include_throttled) const {
  std::lock_guard lock(mutex_);
  size_t n = 0;
  for (const auto& c : calls_) {
    if (c.request.service + "." + c.request.operation == operation && (include_throttled || !c.throttled)) ++n;
  }
  return n;
}

std::map<std::string, json> FakeServices::parameters() const {
  std::lock_guard lock(mutex_);
  return parameters_;
}

std::map<std::string, json> FakeServices::tables() const {
  std::lock_guard lock(mutex_);
  return tables_;
}

std::map<std::string, std::string> FakeServices::instances() const {
  std::lock_guard lock(mutex_);
  return instances_;
}

}  // namespace chokepoint::test
