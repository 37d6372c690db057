#include "protocol/response_encoder.hpp"

#include <zlib.h>

#include "common/json_text.hpp"
#include "common/time_format.hpp"
#include "protocol/xml_writer.hpp"

namespace chokepoint {

namespace {

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

const char* json_content_type(Protocol p) {
  return p == Protocol::kJson11 ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";
}

HttpResponse base_response(int status, std::string_view request_id, TimePoint now) {
  HttpResponse r;
  r.status = status;
  r.headers.reserve(5);
  r.headers.emplace_back("x-amzn-RequestId", std::string(request_id));
  r.headers.emplace_back("Date", rfc1123(now));
  return r;
}

void finish_json(HttpResponse& r, const ServiceDescriptor& service, Protocol protocol, std::string body) {
  r.headers.emplace_back("Content-Type", json_content_type(protocol));
  if (service.send_crc32) {
    const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    r.headers.emplace_back("x-amz-crc32", std::to_string(crc));
  }
  r.body = std::move(body);
}

std::string xml_open(std::string_view element, const std::string& ns) {
  std::string out(kXmlDeclaration);
  out.push_back('<');
  out.append(element);
  if (!ns.empty()) {
    out.append(" xmlns=\"");
    out.append(ns);
    out.push_back('"');
  }
  out.push_back('>');
  return out;
}

std::string query_success_body(const ServiceDescriptor& service, std::string_view op, std::string_view request_id,
                               const nlohmann::json& body) {
  const std::string response_tag = std::string(op) + "Response";
  const std::string result_tag = std::string(op) + "Result";
  std::string out = xml_open(response_tag, service.xml_namespace);
  append_xml_element(out, result_tag, body.is_object() ? body : nlohmann::json::object(), "member");
  out.append("<ResponseMetadata><RequestId>");
  out.append(request_id);
  out.append("</RequestId></ResponseMetadata></");
  out.append(response_tag);
  out.push_back('>');
  return out;
}

std::string ec2_success_body(const ServiceDescriptor& service, std::string_view op, std::string_view request_id,
                             const nlohmann::json& body) {
  const std::string response_tag = std::string(op) + "Response";
  std::string out = xml_open(response_tag, service.xml_namespace);
  out.append("<requestId>");
  out.append(request_id);
  out.append("</requestId>");
  if (body.is_object()) append_xml_members(out, body, "item");
  out.append("</");
  out.append(response_tag);
  out.push_back('>');
  return out;
}

// Query errors say whose fault they are: the error's own choice, else by status.
std::string fault_type_of(const ApiError& e) {
  return !e.fault_type.empty() ? e.fault_type : (e.http_status >= 500 ? "Receiver" : "Sender");
}

// __type first, as AWS sends it, then the message and the error's extra members (which never repeat either).
// Written as text: every throttled request is answered with one of these.
std::string json_error_body(const ServiceDescriptor& service, const ApiError& error) {
  std::string out;
  JsonObjectWriter body(out);
  append_json_text(body.key("__type"), json_error_type(service, error));
  if (!error.message.empty()) append_json_text(body.key(error.message_key), error.message);
  for (const auto& [key, value] : error.extra.items()) append_json(body.key(key), value);
  body.close();
  return out;
}

std::string query_error_body(const ServiceDescriptor& service, std::string_view request_id, const ApiError& e) {
  std::string out = xml_open("ErrorResponse", service.xml_namespace);
  out.append("<Error>");
  append_xml_element(out, "Type", fault_type_of(e), "member");
  append_xml_element(out, "Code", e.code, "member");
  if (!e.message.empty()) append_xml_element(out, "Message", e.message, "member");
  out.append("</Error><RequestId>");
  out.append(request_id);
  out.append("</RequestId></ErrorResponse>");
  return out;
}

// S3's shape: <Error><Code/><Message/><RequestId/><HostId/></Error>.
std::string bare_xml_error_body(std::string_view request_id, const ApiError& e) {
  std::string out(kXmlDeclaration);
  out.append("<Error>");
  append_xml_element(out, "Code", e.code, "member");
  if (!e.message.empty()) append_xml_element(out, "Message", e.message, "member");
  for (const auto& [key, value] : e.extra.items()) append_xml_element(out, key, value, "member");
  out.append("<RequestId>");
  out.append(request_id);
  out.append("</RequestId><HostId>");
  out.append(request_id);
  out.append("</HostId></Error>");
  return out;
}

// REST-JSON: the code travels in x-amzn-ErrorType; the body has the message and the error's own members.
std::string rest_json_error_body(const ApiError& error) {
  std::string out;
  JsonObjectWriter body(out);
  for (const auto& [key, value] : error.extra.items()) append_json(body.key(key), value);
  if (!error.message.empty()) append_json_text(body.key(error.message_key), error.message);
  body.close();
  return out;
}

std::string ec2_error_body(std::string_view request_id, const ApiError& e) {
  std::string out(kXmlDeclaration);
  out.append("<Response><Errors><Error>");
  append_xml_element(out, "Code", e.code, "item");
  append_xml_element(out, "Message", e.message, "item");
  out.append("</Error></Errors><RequestID>");
  out.append(request_id);
  out.append("</RequestID></Response>");
  return out;
}

}  // namespace

std::string dump_json(const nlohmann::json& value) {
  std::string out;
  append_json(out, value);
  return out;
}

std::string json_error_type(const ServiceDescriptor& service, const ApiError& error) {
  return error.json_type.empty() ? service.json_error_prefix + error.code : error.json_type;
}

HttpResponse encode_success(const ServiceDescriptor& service, std::string_view operation, std::string_view request_id,
                            ApiResponse response, TimePoint now) {
  return encode_success(service, service.protocol, operation, request_id, std::move(response), now);
}

HttpResponse encode_error(const ServiceDescriptor& service, std::string_view request_id, const ApiError& error,
                          TimePoint now) {
  return encode_error(service, service.protocol, request_id, error, now);
}

HttpResponse encode_success(const ServiceDescriptor& service, Protocol protocol, std::string_view operation,
                            std::string_view request_id, ApiResponse response, TimePoint now) {
  HttpResponse r = base_response(200, request_id, now);
  for (const auto& h : response.headers) r.headers.push_back(h);
  switch (protocol) {
    case Protocol::kJson10:
    case Protocol::kJson11:
      finish_json(r, service, protocol, response.json_text.empty() ? dump_json(response.body) : std::move(response.json_text));
      break;
    case Protocol::kQuery:
      r.headers.emplace_back("Content-Type", "text/xml");
      r.body = query_success_body(service, operation, request_id, response.body);
      break;
    case Protocol::kEc2:
      r.headers.emplace_back("Content-Type", "text/xml;charset=UTF-8");
      r.body = ec2_success_body(service, operation, request_id, response.body);
      break;
    case Protocol::kRestJson:
      r.headers.emplace_back("Content-Type", "application/json");
      r.body = response.json_text.empty() ? dump_json(response.body) : std::move(response.json_text);
      break;
    case Protocol::kRestXml:
      break;  // Chokepoint answers REST-XML calls only with errors
  }
  return r;
}

HttpResponse encode_error(const ServiceDescriptor& service, Protocol protocol, std::string_view request_id,
                          const ApiError& error, TimePoint now) {
  HttpResponse r = base_response(error.http_status, request_id, now);
  switch (protocol) {
    case Protocol::kJson10:
    case Protocol::kJson11: {
      // Clients of a query-compatible service take the code from this header (the query code), not __type.
      if (service.query_compatible)
        r.headers.emplace_back("x-amzn-query-error", error.code + ";" + fault_type_of(error));
      finish_json(r, service, protocol, json_error_body(service, error));
      break;
    }
    case Protocol::kQuery:
      r.headers.emplace_back("Content-Type", "text/xml");
      r.body = query_error_body(service, request_id, error);
      break;
    case Protocol::kEc2:
      r.headers.emplace_back("Content-Type", "text/xml;charset=UTF-8");
      r.body = ec2_error_body(request_id, error);
      break;
    case Protocol::kRestJson:
      r.headers.emplace_back("x-amzn-ErrorType", error.code);
      r.headers.emplace_back("Content-Type", "application/json");
      r.body = rest_json_error_body(error);
      break;
    case Protocol::kRestXml:
      r.headers.emplace_back("Content-Type", "application/xml");
      if (service.bare_xml_errors) {
        r.headers.emplace_back("x-amz-request-id", std::string(request_id));
        r.body = bare_xml_error_body(request_id, error);
      } else {
        r.body = query_error_body(service, request_id, error);
      }
      break;
  }
  return r;
}

}  // namespace chokepoint
