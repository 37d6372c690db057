#include "services/dynamodb/update_eval.hpp"

#include <algorithm>

#include "services/dynamodb/decimal.hpp"
#include "services/dynamodb/document_path.hpp"

namespace chokepoint {

namespace {

constexpr const char* kBadType = "An operand in the update expression has an incorrect data type";
constexpr const char* kBadPath = "The document path provided in the update expression is invalid for update";
constexpr const char* kMissing = "The provided expression refers to an attribute that does not exist in the item";

// The container that holds the path's last element: the item itself, a map or a list.
struct Slot {
  AttrMap* map = nullptr;
  AttrList* list = nullptr;
};

Slot parent_slot(AttrMap& item, const DocumentPath& path) {
  if (path.elements.size() == 1) return Slot{&item, nullptr};
  DocumentPath prefix;
  prefix.elements.assign(path.elements.begin(), path.elements.end() - 1);
  auto* parent = const_cast<AttrValue*>(find_path(item, prefix));
  if (!parent) return {};
  if (path.elements.back().is_index) {
    return parent->type() == AttrType::kL ? Slot{nullptr, &parent->list_value()} : Slot{};
  }
  return parent->type() == AttrType::kM ? Slot{&parent->map_value(), nullptr} : Slot{};
}

AttrValue* existing_in(const Slot& slot, const PathElement& last) {
  if (slot.map) return slot.map->find(last.name);
  return last.index < slot.list->size() ? &(*slot.list)[last.index] : nullptr;
}

// A write past the end of a list. Such writes are appended after all others, in index order, so that
// "SET l[9] = :a, l[5] = :b" on a short list leaves :b before :a, as DynamoDB does.
struct Append {
  const DocumentPath* path;
  AttrValue value;
};

void store(const Slot& slot, const DocumentPath& path, AttrValue value, std::vector<Append>& appends) {
  const PathElement& last = path.elements.back();
  if (slot.map) {
    slot.map->set(last.name, std::move(value));
  } else if (last.index < slot.list->size()) {
    (*slot.list)[last.index] = std::move(value);
  } else {
    appends.push_back(Append{&path, std::move(value)});
  }
}

void apply_appends(AttrMap& item, std::vector<Append>& appends) {
  std::stable_sort(appends.begin(), appends.end(), [](const Append& x, const Append& y) {
    return x.path->elements.back().index < y.path->elements.back().index;
  });
  for (auto& a : appends) {
    const Slot slot = parent_slot(item, *a.path);
    if (slot.list) slot.list->push_back(std::move(a.value));
  }
}

std::string resolve(const Operand& op, const AttrMap& item, AttrValue& out);

std::string arithmetic(const Operand& op, const AttrMap& item, AttrValue& out) {
  AttrValue a, b;
  if (auto e = resolve(op.args[0], item, a); !e.empty()) return e;
  if (a.type() != AttrType::kN) return kBadType;
  if (auto e = resolve(op.args[1], item, b); !e.empty()) return e;
  if (b.type() != AttrType::kN) return kBadType;
  DecimalError error = DecimalError::kNone;
  const auto x = Decimal::parse(a.scalar());
  const auto y = Decimal::parse(b.scalar());
  const auto r = op.kind == Operand::Kind::kPlus ? Decimal::add(*x, *y, &error) : Decimal::subtract(*x, *y, &error);
  if (!r) return Decimal::arithmetic_error_message(error);
  out = AttrValue::number(r->to_string());
  return {};
}

std::string resolve(const Operand& op, const AttrMap& item, AttrValue& out) {
  switch (op.kind) {
    case Operand::Kind::kPath: {
      const AttrValue* v = find_path(item, op.path);
      if (!v) return kMissing;
      out = *v;
      return {};
    }
    case Operand::Kind::kValue:
      out = *op.value;
      return {};
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus:
      return arithmetic(op, item, out);
    case Operand::Kind::kFunction:
      break;
  }
  if (op.function == "if_not_exists") {
    if (const AttrValue* v = find_path(item, op.args[0].path)) {
      out = *v;
      return {};
    }
    return resolve(op.args[1], item, out);
  }
  AttrValue a, b;  // list_append
  if (auto e = resolve(op.args[0], item, a); !e.empty()) return e;
  if (a.type() != AttrType::kL) return kBadType;
  if (auto e = resolve(op.args[1], item, b); !e.empty()) return e;
  if (b.type() != AttrType::kL) return kBadType;
  for (auto& v : b.list_value()) a.list_value().push_back(std::move(v));
  out = std::move(a);
  return {};
}

std::string add_to(AttrValue* existing, const AttrValue& operand, const Slot& slot, const DocumentPath& path,
                   const char* mismatch, std::vector<Append>& appends) {
  if (!existing) {
    store(slot, path, operand, appends);
    return {};
  }
  if (existing->type() != operand.type()) return mismatch;
  if (operand.type() == AttrType::kL) {  // AttributeUpdates only
    for (const auto& e : operand.list_value()) existing->list_value().push_back(e);
    return {};
  }
  if (operand.type() == AttrType::kN) {
    DecimalError error = DecimalError::kNone;
    const auto sum = Decimal::add(*Decimal::parse(existing->scalar()), *Decimal::parse(operand.scalar()), &error);
    if (!sum) return Decimal::arithmetic_error_message(error);
    *existing = AttrValue::number(sum->to_string());
    return {};
  }
  auto& elements = existing->set_value();
  for (const auto& e : operand.set_value()) {
    if (std::find(elements.begin(), elements.end(), e) == elements.end()) elements.push_back(e);
  }
  return {};
}

// Removes `operand`'s elements from the set; returns true when the set became empty.
bool delete_from(AttrValue& existing, const AttrValue& operand) {
  auto& elements = existing.set_value();
  const auto& gone = operand.set_value();
  elements.erase(
      std::remove_if(elements.begin(), elements.end(),
                     [&](const std::string& e) { return std::find(gone.begin(), gone.end(), e) != gone.end(); }),
      elements.end());
  return elements.empty();
}

void erase(const Slot& slot, const PathElement& last) {
  if (slot.map) {
    slot.map->erase(last.name);
  } else if (last.index < slot.list->size()) {
    slot.list->erase(slot.list->begin() + last.index);
  }
}

}  // namespace

std::string apply_update(const UpdateExpression& update, AttrMap& item) {
  const char* mismatch = update.legacy ? "Type mismatch for attribute to update" : kBadType;
  std::vector<AttrValue> values(update.actions.size());
  for (std::size_t i = 0; i < update.actions.size(); ++i) {
    if (update.actions[i].kind != UpdateAction::Kind::kSet) continue;
    if (auto e = resolve(update.actions[i].value, item, values[i]); !e.empty()) return e;
  }
  std::vector<const DocumentPath*> list_removals;
  std::vector<Append> appends;
  for (std::size_t i = 0; i < update.actions.size(); ++i) {
    const UpdateAction& a = update.actions[i];
    const Slot slot = parent_slot(item, a.path);
    if (!slot.map && !slot.list) return kBadPath;
    const PathElement& last = a.path.elements.back();
    AttrValue* existing = existing_in(slot, last);
    switch (a.kind) {
      case UpdateAction::Kind::kSet:
        store(slot, a.path, std::move(values[i]), appends);
        break;
      case UpdateAction::Kind::kRemove:
        if (slot.list) {
          list_removals.push_back(&a.path);
        } else {
          erase(slot, last);
        }
        break;
      case UpdateAction::Kind::kAdd:
        if (auto e = add_to(existing, *a.value.value, slot, a.path, mismatch, appends); !e.empty()) return e;
        break;
      case UpdateAction::Kind::kDelete:
        if (!existing) break;
        if (existing->type() != a.value.value->type()) return mismatch;
        if (delete_from(*existing, *a.value.value)) erase(slot, last);
        break;
    }
  }
  apply_appends(item, appends);
  std::sort(list_removals.begin(), list_removals.end(), [](const DocumentPath* x, const DocumentPath* y) {
    return x->elements.back().index > y->elements.back().index;
  });
  for (const DocumentPath* path : list_removals) {
    const Slot slot = parent_slot(item, *path);
    if (slot.list) erase(slot, path->elements.back());
  }
  return {};
}

std::vector<DocumentPath> updated_paths(const UpdateExpression& update) {
  std::vector<DocumentPath> paths;
  for (const auto& a : update.actions) paths.push_back(a.path);
  return paths;
}

bool only_takes_away(const UpdateExpression& update) {
  return !update.actions.empty() &&
         std::all_of(update.actions.begin(), update.actions.end(), [](const UpdateAction& a) {
           return a.kind == UpdateAction::Kind::kRemove || a.kind == UpdateAction::Kind::kDelete;
         });
}

}  // namespace chokepoint
