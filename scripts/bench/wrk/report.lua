-- Shared by every case: how a request is described, and one machine-readable result line at the end.
-- Each case script sets `case_request` (method, path, headers, body) and dofile()s this file.

-- A signed-looking Authorization header: Chokepoint (auth.require_signature off, its default) and moto take
-- the account and the service from the credential scope without verifying the signature.
function authorization(access_key, service)
  return "AWS4-HMAC-SHA256 Credential=" .. access_key .. "/20260101/us-east-1/" .. service ..
         "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" .. string.rep("0", 64)
end

function apply_case(c)
  wrk.method = c.method or "POST"
  wrk.path = c.path or "/"
  wrk.body = c.body
  for name, value in pairs(c.headers) do wrk.headers[name] = value end
  wrk.headers["X-Amz-Date"] = "20260101T000000Z"
end

-- wrk's summary counts statuses >= 400 as errors. The run script prints them so a throttled throughput case
-- (or a broken seed) is visible; the all-throttled case expects them.
function done(summary, latency, requests)
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d status_errors=%d socket_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end
