#pragma once
// The values every layer exchanges: a decoded request, a successful response, an error.
// Services see only these; protocol/ turns them into bytes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "common/http_message.hpp"

namespace chokepoint {

enum class Protocol {
  kJson10,  // DynamoDB, CloudWatch (JSON 1.0)
  kJson11,  // SSM (JSON 1.1)
  kQuery,   // CloudFormation, STS: form in, XML out with <OpResult> wrappers
  kEc2,     // EC2: form in, XML out without wrappers
  // REST protocols (operation chosen by method and path), which Chokepoint recognises and throttles but does not
  // emulate: its own answers in them are errors only.
  kRestJson,  // Lambda: JSON errors, the code in the x-amzn-ErrorType header
  kRestXml,   // S3: XML errors
};

bool is_json(Protocol p);

struct Identity {
  std::string access_key;  // empty for unsigned requests
  std::string account_id;  // always set: resolved or the default account
  std::string region;      // always set: credential scope or the default region
  bool signed_request = false;
  // Set for temporary credentials (STS sessions): who GetCallerIdentity says the caller is.
  std::string principal_arn{}, principal_id{};
  bool session = false, role_session = false;
};

struct ApiRequest {
  std::string service;    // "dynamodb", "ssm", "ec2", "cloudformation", "sts"
  std::string operation;  // "GetItem"
  Protocol protocol = Protocol::kJson10;
  nlohmann::json params;  // decoded input; query/EC2 values are strings, lists are arrays
  Identity identity;
  std::string request_id;
  // Client bookkeeping, for fault scoping and the retry report.
  std::string tag;            // x-chokepoint-tag
  std::string invocation_id;  // amz-sdk-invocation-id
  std::string sdk_request;    // amz-sdk-request: "attempt=2; max=5"
  std::string user_agent;
  uint64_t body_digest = 0;  // a hash of the HTTP body, which tells an application's own retries of a call apart
  bool internal = false;     // made by a service inside the server, for an account (act_for_account)
};

// A successful result. `body` uses the wire member names of the protocol: JSON members for JSON services,
// XML element names for query/EC2 (arrays become <member>/<item> lists).
struct ApiResponse {
  nlohmann::json body = nlohmann::json::object();
  HeaderList headers;  // extra headers, rarely needed
  // JSON protocols only: when set, sent as the body verbatim instead of `body` (services that write their
  // JSON directly, e.g. DynamoDB items).
  std::string json_text;

  // The body as a tree, whichever form it was written in: for callers inside the server (CloudFormation's
  // calls to other services) and tests.
  nlohmann::json tree() const;
};

// Where an error comes from: the operation itself, a throttle (rate or capacity), an injected fault, the
// request's authentication, or an upstream that gave a forwarded call no answer.
enum class ErrorOrigin : uint8_t { kService, kThrottle, kFault, kAuth, kUpstream };

struct ApiError {
  std::string code;     // "ThrottlingException", "InvalidInstanceID.NotFound"
  std::string message;  // omitted from the wire when empty
  int http_status = 400;
  // JSON only: the full __type when it differs from the service's prefix + code
  // (e.g. "com.amazon.coral.validate#ValidationException").
  std::string json_type;
  // JSON only: the member name for the message ("message", or "Message" for some shapes).
  std::string message_key = "message";
  // JSON only: extra members merged into the body (ThrottlingReasons, Item, CancellationReasons, ...).
  nlohmann::json extra = nlohmann::json::object();
  // Query only: "Sender" or "Receiver"; derived from the status when empty.
  std::string fault_type;
  // Why the request was rejected, for counters, the request log and callers that retry throttling.
  ErrorOrigin origin = ErrorOrigin::kService;
};

// The common case: a code, a message and a status.
inline ApiError make_error(std::string code, std::string message, int http_status = 400) {
  ApiError e;
  e.code = std::move(code);
  e.message = std::move(message);
  e.http_status = http_status;
  return e;
}

using ApiResult = std::variant<ApiResponse, ApiError>;

inline bool is_error(const ApiResult& r) {
  return std::holds_alternative<ApiError>(r);
}

}  // namespace chokepoint
