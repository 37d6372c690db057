-- DynamoDB Query returning the 10 items of one partition (seeded by seed.py).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
apply_case{
  headers = {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810.Query",
    ["Authorization"] = authorization("AKIDBENCH", "dynamodb"),
  },
  body = '{"TableName":"bench_query","KeyConditionExpression":"pk = :p",' ..
         '"ExpressionAttributeValues":{":p":{"S":"partition-1"}}}',
}
