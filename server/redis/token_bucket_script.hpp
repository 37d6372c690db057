#pragma once
// The token bucket as a Redis script: refill and take in one atomic step, on Redis's clock. Loaded once per
// connection (SCRIPT LOAD) and called by its SHA-1 (EVALSHA); a server that lost it (restarted, SCRIPT FLUSH) gets
// the text again.
#include <string>
#include <string_view>

namespace chokepoint {

// KEYS[1]: the bucket's hash {tokens, us (last refill, microseconds of Redis's clock)}. ARGV: refill rate per
// second, burst, tokens to take, idle expiry in milliseconds. Returns 1 when taken, 0 when refused (which takes
// nothing). A bucket first seen starts full; a smaller size than before clamps the level, as in-process.
inline constexpr std::string_view kTokenBucketScript = R"lua(
local rate, burst, n = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
local state = redis.call('HMGET', KEYS[1], 'tokens', 'us')
local tokens, last = tonumber(state[1]), tonumber(state[2])
if tokens == nil or last == nil then
  tokens, last = burst, now
elseif now > last then
  tokens = tokens + (now - last) * rate / 1000000
  last = now
end
if tokens > burst then tokens = burst end
local taken = 0
if tokens >= n then
  tokens = tokens - n
  taken = 1
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'us', string.format('%.17g', last))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return taken
)lua";

// Lower-case hex SHA-1 of a script's text: the name EVALSHA calls it by.
std::string script_sha1(std::string_view text);

}  // namespace chokepoint
