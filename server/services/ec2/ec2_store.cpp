#include "services/ec2/ec2_store.hpp"

namespace chokepoint {

Ec2Instance* Ec2RegionState::find(const std::string& id) {
  const auto it = sequence_of.find(id);
  return it == sequence_of.end() ? nullptr : &instances.at(it->second);
}

Ec2KeyPair* Ec2RegionState::find_key_pair_by_id(const std::string& id) {
  for (auto& [_, key] : key_pairs) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

Ec2Instance& Ec2RegionState::add(Ec2Instance instance) {
  instance.seq = next_sequence++;
  sequence_of[instance.id] = instance.seq;
  return instances.emplace(instance.seq, std::move(instance)).first->second;
}

size_t Ec2RegionState::live_count() const {
  size_t n = 0;
  for (const auto& [_, i] : instances) {
    if (i.state != Ec2InstanceState::kTerminated) ++n;
  }
  return n;
}

void Ec2Store::settle(Ec2RegionState& state, TimePoint now, const Ec2Settings& settings) {
  for (auto& [_, instance] : state.instances) advance(instance, now, settings);
  // An Elastic IP is disassociated when its instance terminates, and stays allocated.
  for (auto& [_, address] : state.addresses) {
    const Ec2Instance* instance = address.instance_id.empty() ? nullptr : state.find(address.instance_id);
    if (instance && instance->state == Ec2InstanceState::kTerminated) clear_association(address);
  }
  for (auto it = state.instances.begin(); it != state.instances.end();) {
    if (expired(it->second, now, settings)) {
      state.sequence_of.erase(it->second.id);
      state.resource_tags.erase(it->second.root_volume_id);
      state.resource_tags.erase(it->second.network_interface_id);
      it = state.instances.erase(it);
    } else {
      ++it;
    }
  }
}

void Ec2Store::reset() {
  std::lock_guard lock(mutex_);
  regions_.clear();
}

}  // namespace chokepoint
