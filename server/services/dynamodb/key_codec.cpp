#include "services/dynamodb/key_codec.hpp"

#include <openssl/evp.h>

#include "common/base64.hpp"
#include "services/dynamodb/decimal.hpp"
#include "services/dynamodb/dynamodb_errors.hpp"

namespace chokepoint {

namespace {

constexpr const char* kSchemaMismatch = "The provided key element does not match the schema";

Problem size_problem(const AttrValue& v, bool is_hash) {
  if (v.type() == AttrType::kN) return {};
  if (is_hash && v.scalar().size() > 2048) {
    return std::string(kInvalidParameterValues) + "Size of hashkey has exceeded the maximum size limit of2048 bytes";
  }
  if (!is_hash && v.scalar().size() > 1024) {
    return std::string(kInvalidParameterValues) + "Aggregated size of all range keys has exceeded the size limit of 1024 bytes";
  }
  return {};
}

const char* empty_word(AttrType t) { return t == AttrType::kS ? "string" : "binary"; }

bool empty_scalar(const AttrValue& v) {
  return (v.type() == AttrType::kS || v.type() == AttrType::kB) && v.scalar().empty();
}

Problem check_key_piece(const AttrMap& key, const KeyAttribute& attr, bool is_hash) {
  const AttrValue* v = key.find(attr.name);
  if (!v || v->type() != attr.type) return kSchemaMismatch;
  if (empty_scalar(*v)) {
    return std::string(kInvalidParameterValues) + "The AttributeValue for a key attribute cannot contain an empty " +
           empty_word(attr.type) + " value. Key: " + attr.name;
  }
  return size_problem(*v, is_hash);
}

Problem check_item_piece(const AttrMap& item, const KeyAttribute& attr, bool is_hash) {
  const AttrValue* v = item.find(attr.name);
  if (!v) return std::string(kInvalidParameterValues) + "Missing the key " + attr.name + " in the item";
  if (v->type() != attr.type) {
    return std::string(kInvalidParameterValues) + "Type mismatch for key " + attr.name + " expected: " +
           std::string(attr_type_name(attr.type)) + " actual: " + std::string(attr_type_name(v->type()));
  }
  if (empty_scalar(*v)) {
    return std::string("One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
                       "contain an empty ") +
           empty_word(attr.type) + " value. Key: " + attr.name;
  }
  return size_problem(*v, is_hash);
}

Problem check_index_piece(const AttrMap& item, const KeyAttribute& attr, const IndexSchema& index) {
  const AttrValue* v = item.find(attr.name);
  if (!v) return {};
  if (v->type() != attr.type) {
    return std::string(kInvalidParameterValues) + "Type mismatch for Index Key " + attr.name + " Expected: " +
           std::string(attr_type_name(attr.type)) + " Actual: " + std::string(attr_type_name(v->type())) +
           " IndexName: " + index.name;
  }
  if (empty_scalar(*v)) {
    return "One or more parameter values are not valid. A value specified for a secondary index key is not "
           "supported. The AttributeValue for a key attribute cannot contain an empty " +
           std::string(empty_word(attr.type)) + " value. IndexName: " + index.name + ", IndexKey: " + attr.name;
  }
  return {};
}

}  // namespace

int compare_to_probe(uint64_t token, std::string_view hash, std::string_view range, const RangeProbe& probe) {
  if (token != probe.token) return token < probe.token ? -1 : 1;
  if (const int c = hash.compare(probe.hash); c != 0) return c;
  if (probe.side == RangeProbe::Side::kAfterPartition) return -1;
  if (const int c = range.compare(probe.range); c != 0) return c;
  // Equal sort values: the probe sits before them all or after them all.
  return probe.side == RangeProbe::Side::kBefore ? 1 : -1;
}

std::string key_bytes(const AttrValue& value) {
  if (value.type() == AttrType::kN) {
    const auto d = Decimal::parse(value.scalar());
    return d ? d->sort_key_bytes() : value.scalar();
  }
  return value.scalar();
}

std::string key_text(std::string_view bytes, AttrType type) {
  if (type == AttrType::kB) return base64_encode(bytes);
  if (type == AttrType::kN) {
    if (const auto d = Decimal::from_sort_key_bytes(bytes)) return d->to_string();
  }
  return std::string(bytes);
}

std::string key_text(const AttrValue& value) {
  return value.type() == AttrType::kB ? base64_encode(value.scalar()) : value.scalar();
}

namespace {

std::string internal_bytes(const AttrValue& value) {
  if (value.type() == AttrType::kN) {
    const auto d = Decimal::parse(value.scalar());
    return d ? d->internal_bytes() : value.scalar();
  }
  return value.scalar();
}

// OpenSSL 3 looks EVP_md5() up by name on every use unless it is fetched once; on the GetItem path that
// lookup cost more than the hash. The fetched algorithm is immutable and safe to share between threads.
const EVP_MD* md5() {
  static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "MD5", nullptr);
  return fetched ? fetched : EVP_md5();
}

}  // namespace

uint64_t partition_token(const AttrValue& hash, const AttrValue* range) {
  std::string input = "Outliers" + internal_bytes(hash);
  if (range) input += internal_bytes(*range);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(input.data(), input.size(), digest, &length, md5(), nullptr);
  const uint64_t prefix = (uint64_t{digest[0]} << 16) | (uint64_t{digest[1]} << 8) | digest[2];
  return prefix << 40;
}

StoreKey store_key(const AttrMap& item, const KeySchema& key) {
  StoreKey k;
  if (const AttrValue* h = item.find(key.hash.name)) {
    k.hash = key_bytes(*h);
    k.token = partition_token(*h);
  }
  if (key.range) {
    if (const AttrValue* r = item.find(key.range->name)) k.range = key_bytes(*r);
  }
  return k;
}

Problem validate_key(const AttrMap& key, const KeySchema& schema) {
  const std::size_t expected = schema.range ? 2 : 1;
  if (key.size() != expected) return kSchemaMismatch;
  if (auto e = check_key_piece(key, schema.hash, true)) return e;
  if (schema.range) return check_key_piece(key, *schema.range, false);
  return {};
}

Problem validate_item_keys(const AttrMap& item, const TableSchema& schema) {
  if (auto e = check_item_piece(item, schema.key.hash, true)) return e;
  if (schema.key.range) {
    if (auto e = check_item_piece(item, *schema.key.range, false)) return e;
  }
  // Global indexes first, then local ones, as DynamoDB reports them.
  for (bool global : {true, false}) {
    for (const auto& index : schema.indexes) {
      if (index.global != global) continue;
      // A local index shares the table's partition key, checked above.
      for (const KeyAttribute* attr : index.key.parts()) {
        if (!global && attr == &index.key.hash) continue;
        if (auto e = check_index_piece(item, *attr, index)) return e;
      }
    }
  }
  return {};
}

AttrMap extract_key(const AttrMap& item, const KeySchema& key) {
  AttrMap out;
  if (const AttrValue* h = item.find(key.hash.name)) out.set(key.hash.name, *h);
  if (key.range) {
    if (const AttrValue* r = item.find(key.range->name)) out.set(key.range->name, *r);
  }
  return out;
}

}  // namespace chokepoint
