-- DynamoDB GetItem on an existing item (seeded by seed.py).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
apply_case{
  headers = {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810.GetItem",
    ["Authorization"] = authorization("AKIDBENCH", "dynamodb"),
  },
  body = '{"TableName":"bench","Key":{"pk":{"S":"get-1"}}}',
}
