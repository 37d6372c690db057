#pragma once
// One declaration per operation. A service lists each operation it answers once, as an OperationEntry: its
// name, its handler, the throttling bucket it draws from, its plane, whether it changes durable state and how to
// find the resource it addresses. Everything else reads the table: the descriptor's operation list (what the
// decoder routes), the DynamoDB capacity path (the plane), durable mode (changes_state), fault matching and
// throttling errors (the resource), and the self-check (operation_check.hpp), which refuses an incomplete entry
// or a bucket that config/default.yaml does not define, at start-up and in the unit tests.
// Thread-safety: built once in the service's constructor, read-only afterwards.
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

namespace chokepoint {

// Which capacity a call uses. Every call draws from its API rate bucket; DynamoDB's data-plane reads and writes
// also draw table and partition capacity, and are throttled with the capacity error of the table's mode.
enum class Plane { kControl, kDataRead, kDataWrite };

// The resource a call addresses (a table, a parameter, a stack), from its parameters; "" when it names none.
using ResourceLocator = std::string (*)(const nlohmann::json& params);

// The bucket name of operations that no throttling group lists: each gets its own bucket of the service's
// `default` size.
inline constexpr std::string_view kDefaultBucket = "default";

// What every layer above a service may know of one of its operations.
struct OperationTraits {
  std::string_view name;
  // The group of `throttling.<service>.groups` in config/default.yaml whose bucket an ordinary call draws from
  // (the first group without a variant that lists the operation), or kDefaultBucket when no group lists it.
  std::string_view bucket;
  Plane plane = Plane::kControl;
  // A successful call changes what durable mode keeps, so it is journaled (by the service, as a call or as the
  // changes are made: DynamoDB item writes, CloudFormation's stack steps).
  bool changes_state = false;
  // Null for calls that address no single resource (ListTables, DescribeRegions).
  ResourceLocator resource = nullptr;
};

template <class Handler>
struct OperationEntry {
  OperationTraits traits;
  Handler handler{};
};

// The parts of an entry's handler that are missing, by name ("handler"); a service whose entries carry more
// (DynamoDB's input shapes) overloads this for its handler type.
template <class Handler>
std::vector<std::string_view> missing_parts(const Handler& handler) {
  if (!handler) return {"handler"};
  return {};
}

// What a service tells the layers above about its operations, without its handler type.
class OperationDirectory {
 public:
  virtual ~OperationDirectory() = default;

  // Null for an operation the service does not answer.
  const OperationTraits* find_traits(std::string_view name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? nullptr : &traits_[it->second];
  }
  const std::vector<OperationTraits>& traits() const { return traits_; }
  // "GetItem: no handler", one line per missing part, in table order; empty when every entry is complete.
  virtual std::vector<std::string> incomplete_entries() const = 0;

 protected:
  void index(const OperationTraits& traits) {
    index_.emplace(traits.name, traits_.size());
    traits_.push_back(traits);
  }
  std::size_t position(std::string_view name) const {
    const auto it = index_.find(name);
    return it == index_.end() ? traits_.size() : it->second;
  }

 private:
  std::vector<OperationTraits> traits_;
  std::unordered_map<std::string_view, std::size_t> index_;
};

// A service's operations with their handlers, indexed by name.
template <class Handler>
class OperationTable final : public OperationDirectory {
 public:
  using Entry = OperationEntry<Handler>;

  explicit OperationTable(std::vector<Entry> entries) : entries_(std::move(entries)) {
    for (const Entry& entry : entries_) index(entry.traits);
  }
  OperationTable(const OperationTable&) = delete;
  OperationTable& operator=(const OperationTable&) = delete;

  // Null for an operation the service does not answer.
  const Entry* find(std::string_view name) const {
    const std::size_t at = position(name);
    return at < entries_.size() ? &entries_[at] : nullptr;
  }
  const std::vector<Entry>& entries() const { return entries_; }

  std::vector<std::string> incomplete_entries() const override {
    std::vector<std::string> problems;
    for (const Entry& entry : entries_) {
      for (std::string_view part : missing_parts(entry.handler)) {
        problems.push_back(std::string(entry.traits.name) + ": no " + std::string(part));
      }
    }
    return problems;
  }

 private:
  std::vector<Entry> entries_;
};

}  // namespace chokepoint
