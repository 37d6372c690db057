-- DynamoDB PutItem of a 1 KB item (1,000 bytes by DynamoDB's item-size rules), overwriting one key.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
-- item size = len("pk") + len("put-1") + len("payload") + payload length = 2 + 5 + 7 + 986
apply_case{
  headers = {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810.PutItem",
    ["Authorization"] = authorization("AKIDBENCH", "dynamodb"),
  },
  body = '{"TableName":"bench","Item":{"pk":{"S":"put-1"},"payload":{"S":"' .. string.rep("x", 986) .. '"}}}',
}
