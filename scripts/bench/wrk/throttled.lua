-- DynamoDB GetItem from an account whose data-plane bucket is all but empty (bench.yaml): every request after
-- the first is answered with ThrottlingException, so this measures the rejection path alone.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
apply_case{
  headers = {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810.GetItem",
    ["Authorization"] = authorization("999999999999", "dynamodb"),
  },
  body = '{"TableName":"bench","Key":{"pk":{"S":"get-1"}}}',
}
