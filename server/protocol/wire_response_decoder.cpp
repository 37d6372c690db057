#include "protocol/wire_response_decoder.hpp"

#include "protocol/xml_reader.hpp"

namespace chokepoint {

namespace {

using nlohmann::json;

// "com.amazonaws.sqs#QueueDoesNotExist" or "ResourceNotFoundException:http://..." -> the bare code.
std::string bare_error_code(std::string_view type) {
  if (const size_t colon = type.find(':'); colon != std::string_view::npos) type = type.substr(0, colon);
  if (const size_t hash = type.rfind('#'); hash != std::string_view::npos) type = type.substr(hash + 1);
  return std::string(type);
}

std::string text_of(const XmlElement* e) {
  return e ? e->text : std::string();
}

// An answer that could not be read: the status, and what the body began with.
ApiError unreadable(const HttpResponse& response, std::string_view what) {
  std::string start = response.body.substr(0, 200);
  return make_error(
      response.status >= 400 ? "UpstreamError" : "UpstreamUnreadableAnswer",
      "The upstream's answer (HTTP " + std::to_string(response.status) + ") is not " + std::string(what) + ": " + start,
      response.status >= 400 ? response.status : 502);
}

ApiError json_error(const HttpResponse& response) {
  ApiError e = make_error("", "", response.status);
  const json body = json::parse(response.body, nullptr, false);
  if (body.is_object()) {
    for (const char* key : {"__type", "code", "Code"}) {
      if (body.contains(key) && body[key].is_string()) {
        e.code = bare_error_code(body[key].get<std::string>());
        break;
      }
    }
    for (const char* key : {"message", "Message", "errorMessage"}) {
      if (body.contains(key) && body[key].is_string()) {
        e.message = body[key].get<std::string>();
        break;
      }
    }
  }
  if (const auto type = response.header("x-amzn-ErrorType")) e.code = bare_error_code(*type);
  // A query-compatible service (SQS over JSON) gives the query error code too; callers know that one.
  if (const auto query = response.header("x-amzn-query-error"))
    e.code = std::string(query->substr(0, query->find(';')));
  if (e.code.empty()) return unreadable(response, "an AWS JSON error");
  return e;
}

ApiError xml_error(const HttpResponse& response) {
  const auto root = parse_xml(response.body);
  if (!root) return unreadable(response, "an AWS XML error");
  // Query: <ErrorResponse><Error>...; S3: <Error> at the root.
  const XmlElement* error = root->name == "Error" ? &*root : root->child("Error");
  if (!error || !error->child("Code")) return unreadable(response, "an AWS XML error");
  return make_error(text_of(error->child("Code")), text_of(error->child("Message")), response.status);
}

ApiResult json_answer(const HttpResponse& response) {
  ApiResponse out;
  if (response.body.empty()) return out;
  json body = json::parse(response.body, nullptr, false);
  if (body.is_discarded()) return unreadable(response, "JSON");
  out.body = std::move(body);
  return out;
}

ApiResult query_answer(std::string_view operation, const HttpResponse& response) {
  const auto root = parse_xml(response.body);
  if (!root) return unreadable(response, "XML");
  ApiResponse out;
  const XmlElement* result = root->child(std::string(operation) + "Result");
  if (result) {
    json body = xml_to_json(*result);
    if (body.is_object()) out.body = std::move(body);
  }
  return out;
}

ApiResult rest_xml_answer(const HttpResponse& response) {
  ApiResponse out;
  if (!response.body.empty()) {
    const auto root = parse_xml(response.body);
    if (!root) return unreadable(response, "XML");
    json body = xml_to_json(*root);
    if (body.is_object()) out.body = std::move(body);
  }
  // S3's CreateBucket answers with its Location header only.
  if (const auto location = response.header("location")) out.body["Location"] = std::string(*location);
  return out;
}

}  // namespace

ApiResult decode_wire_response(WireProtocol protocol, std::string_view operation, const HttpResponse& response) {
  const bool json_protocol = protocol == WireProtocol::kJson || protocol == WireProtocol::kRestJson;
  if (response.status >= 300) return json_protocol ? ApiResult(json_error(response)) : ApiResult(xml_error(response));
  switch (protocol) {
    case WireProtocol::kJson:
    case WireProtocol::kRestJson:
      return json_answer(response);
    case WireProtocol::kQuery:
      return query_answer(operation, response);
    case WireProtocol::kEc2:  // no <OpResult> wrapper: the root holds the answer
    case WireProtocol::kRestXml:
      break;
  }
  return rest_xml_answer(response);
}

}  // namespace chokepoint
