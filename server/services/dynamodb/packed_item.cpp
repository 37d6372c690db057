#include "services/dynamodb/packed_item.hpp"

#include <algorithm>
#include <cstring>

#include "common/base64.hpp"
#include "common/json_text.hpp"
#include "services/dynamodb/item_size.hpp"

namespace chokepoint {

namespace {

void put_varint(std::string& out, std::size_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void put_bytes(std::string& out, std::string_view bytes) {
  put_varint(out, bytes.size());
  out.append(bytes);
}

void put_value(std::string& out, const AttrValue& value);

// Count, body length, body: the length lets readers skip a container without walking it.
template <typename Fn>
void put_container(std::string& out, std::size_t count, Fn&& write_body) {
  std::string body;
  write_body(body);
  put_varint(out, count);
  put_varint(out, body.size());
  out.append(body);
}

// Set in a value's type byte when its text can go into JSON without escapes (all numbers, most strings),
// so that reads copy it straight through.
constexpr unsigned char kPlainText = 0x80;

void put_value(std::string& out, const AttrValue& value) {
  const bool plain = value.type() == AttrType::kN || (value.type() == AttrType::kS && !needs_json_escape(value.scalar()));
  out.push_back(static_cast<char>(static_cast<unsigned char>(value.type()) | (plain ? kPlainText : 0)));
  switch (value.type()) {
    case AttrType::kS:
    case AttrType::kN:
    case AttrType::kB:
      put_bytes(out, value.scalar());
      break;
    case AttrType::kBool:
      out.push_back(value.boolean_value() ? 1 : 0);
      break;
    case AttrType::kNull:
      break;
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS:
      put_container(out, value.set_value().size(), [&](std::string& body) {
        for (const auto& e : value.set_value()) put_bytes(body, e);
      });
      break;
    case AttrType::kL:
      put_container(out, value.list_value().size(), [&](std::string& body) {
        for (const auto& e : value.list_value()) put_value(body, e);
      });
      break;
    case AttrType::kM:
      put_container(out, value.map_value().size(), [&](std::string& body) {
        for (const auto& [name, v] : value.map_value()) {
          put_bytes(body, name);
          put_value(body, v);
        }
      });
      break;
  }
}

struct Cursor {
  const char* p;
  const char* end;

  std::size_t varint() {
    std::size_t v = 0;
    int shift = 0;
    while (p < end) {
      const auto b = static_cast<unsigned char>(*p++);
      v |= static_cast<std::size_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) break;
      shift += 7;
    }
    return v;
  }
  std::string_view bytes() {
    const std::size_t n = varint();
    std::string_view s(p, n);
    p += n;
    return s;
  }
  AttrType type() { return static_cast<AttrType>(static_cast<unsigned char>(*p++) & ~kPlainText); }
  bool plain() const { return (static_cast<unsigned char>(*p) & kPlainText) != 0; }
};

AttrValue read_value(Cursor& c);

AttrMap read_map_entries(Cursor& c, std::size_t count) {
  AttrMap m;
  m.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string name(c.bytes());
    m.set(std::move(name), read_value(c));
  }
  return m;
}

AttrValue read_value(Cursor& c) {
  const AttrType type = c.type();
  switch (type) {
    case AttrType::kS:
      return AttrValue::string(std::string(c.bytes()));
    case AttrType::kN:
      return AttrValue::number(std::string(c.bytes()));
    case AttrType::kB:
      return AttrValue::binary(std::string(c.bytes()));
    case AttrType::kBool:
      return AttrValue::boolean(*c.p++ != 0);
    case AttrType::kNull:
      return AttrValue::null();
    case AttrType::kSS:
    case AttrType::kNS:
    case AttrType::kBS: {
      const std::size_t count = c.varint();
      c.varint();
      std::vector<std::string> elements;
      elements.reserve(count);
      for (std::size_t i = 0; i < count; ++i) elements.emplace_back(c.bytes());
      return AttrValue::set(type, std::move(elements));
    }
    case AttrType::kL: {
      const std::size_t count = c.varint();
      c.varint();
      AttrList l;
      l.reserve(count);
      for (std::size_t i = 0; i < count; ++i) l.push_back(read_value(c));
      return AttrValue::list(std::move(l));
    }
    case AttrType::kM: {
      const std::size_t count = c.varint();
      c.varint();
      return AttrValue::map(read_map_entries(c, count));
    }
  }
  return AttrValue::null();
}

void skip_value(Cursor& c) {
  const AttrType type = c.type();
  switch (type) {
    case AttrType::kS:
    case AttrType::kN:
    case AttrType::kB:
      c.bytes();
      break;
    case AttrType::kBool:
      ++c.p;
      break;
    case AttrType::kNull:
      break;
    default:
      c.varint();
      c.p += c.varint();
  }
}

void write_value_json(std::string& out, Cursor& c);

void write_set_json(std::string& out, Cursor& c, bool binary) {
  const std::size_t count = c.varint();
  c.varint();
  out.push_back('[');
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out.push_back(',');
    const std::string_view e = c.bytes();
    append_json_string(out, binary ? base64_encode(e) : e);
  }
  out.push_back(']');
}

void write_map_json(std::string& out, Cursor& c, std::size_t count) {
  out.push_back('{');
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out.push_back(',');
    append_json_string(out, c.bytes());
    out.push_back(':');
    write_value_json(out, c);
  }
  out.push_back('}');
}

void write_value_json(std::string& out, Cursor& c) {
  const bool plain = c.plain();
  const AttrType type = c.type();
  out.append("{\"");
  out.append(attr_type_name(type));
  out.append("\":");
  switch (type) {
    case AttrType::kS:
    case AttrType::kN:
      if (plain) {
        out.push_back('"');
        out.append(c.bytes());
        out.push_back('"');
      } else {
        append_json_string(out, c.bytes());
      }
      break;
    case AttrType::kB:
      append_json_string(out, base64_encode(c.bytes()));
      break;
    case AttrType::kBool:
      out.append(*c.p++ ? "true" : "false");
      break;
    case AttrType::kNull:
      out.append("true");
      break;
    case AttrType::kSS:
    case AttrType::kNS:
      write_set_json(out, c, false);
      break;
    case AttrType::kBS:
      write_set_json(out, c, true);
      break;
    case AttrType::kL: {
      const std::size_t count = c.varint();
      c.varint();
      out.push_back('[');
      for (std::size_t i = 0; i < count; ++i) {
        if (i) out.push_back(',');
        write_value_json(out, c);
      }
      out.push_back(']');
      break;
    }
    case AttrType::kM: {
      const std::size_t count = c.varint();
      c.varint();
      write_map_json(out, c, count);
      break;
    }
  }
  out.push_back('}');
}

constexpr std::size_t kHeader = 8;

bool contains(const std::vector<std::string>& names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

PackedItem PackedItem::pack(const AttrMap& item, std::string_view range_key) {
  std::string buffer(kHeader, '\0');
  const auto size = static_cast<uint32_t>(item_size(item));
  const auto page = static_cast<uint32_t>(page_size(item, range_key));
  std::memcpy(buffer.data(), &size, 4);
  std::memcpy(buffer.data() + 4, &page, 4);
  put_varint(buffer, item.size());
  for (const auto& [name, value] : item) {
    put_bytes(buffer, name);
    put_value(buffer, value);
  }
  PackedItem packed;
  auto data = std::make_shared_for_overwrite<char[]>(buffer.size());
  std::memcpy(data.get(), buffer.data(), buffer.size());
  packed.data_ = std::move(data);
  packed.length_ = static_cast<uint32_t>(buffer.size());
  return packed;
}

uint32_t PackedItem::size_bytes() const {
  if (!data_) return 0;
  uint32_t size;
  std::memcpy(&size, data_.get(), 4);
  return size;
}

uint32_t PackedItem::page_bytes() const {
  if (!data_) return 0;
  uint32_t size;
  std::memcpy(&size, data_.get() + 4, 4);
  return size;
}

AttrMap PackedItem::unpack() const {
  if (!data_) return {};
  Cursor c{data_.get() + kHeader, data_.get() + length_};
  return read_map_entries(c, c.varint());
}

std::optional<AttrValue> PackedItem::get(std::string_view name) const {
  if (!data_) return std::nullopt;
  Cursor c{data_.get() + kHeader, data_.get() + length_};
  const std::size_t count = c.varint();
  for (std::size_t i = 0; i < count; ++i) {
    if (c.bytes() == name) return read_value(c);
    skip_value(c);
  }
  return std::nullopt;
}

AttrMap PackedItem::unpack_some(const std::vector<std::string>& names) const {
  AttrMap out;
  if (!data_) return out;
  Cursor c{data_.get() + kHeader, data_.get() + length_};
  const std::size_t count = c.varint();
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view name = c.bytes();
    if (contains(names, name)) {
      out.set(std::string(name), read_value(c));
    } else {
      skip_value(c);
    }
  }
  return out;
}

void PackedItem::append_json(std::string& out) const {
  if (!data_) {
    out.append("{}");
    return;
  }
  Cursor c{data_.get() + kHeader, data_.get() + length_};
  write_map_json(out, c, c.varint());
}

void PackedItem::append_json(std::string& out, const std::vector<std::string>& names) const {
  out.push_back('{');
  if (data_) {
    Cursor c{data_.get() + kHeader, data_.get() + length_};
    const std::size_t count = c.varint();
    bool first = true;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string_view name = c.bytes();
      if (!contains(names, name)) {
        skip_value(c);
        continue;
      }
      if (!first) out.push_back(',');
      first = false;
      append_json_string(out, name);
      out.push_back(':');
      write_value_json(out, c);
    }
  }
  out.push_back('}');
}

uint32_t PackedItem::size_of(const std::vector<std::string>& names) const {
  return static_cast<uint32_t>(item_size(unpack_some(names)));
}

}  // namespace chokepoint
