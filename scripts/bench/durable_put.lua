-- wrk script: unsigned PutItem requests, each with a fresh key, to the table "bench".
local pad = string.rep("x", 100)
local n = 0
local next_id = 0
setup = function(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end
request = function()
  n = n + 1
  local body = '{"TableName":"bench","Item":{"pk":{"S":"t' .. tostring(tid) .. '-' .. n .. '"},"v":{"N":"' .. n ..
               '"},"pad":{"S":"' .. pad .. '"}}}'
  return wrk.format("POST", "/", {["Content-Type"] = "application/x-amz-json-1.0",
                                   ["X-Amz-Target"] = "DynamoDB_20120810.PutItem"}, body)
end
