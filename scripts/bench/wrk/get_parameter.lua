-- SSM GetParameter on an existing String parameter (seeded by seed.py).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
apply_case{
  headers = {
    ["Content-Type"] = "application/x-amz-json-1.1",
    ["X-Amz-Target"] = "AmazonSSM.GetParameter",
    ["Authorization"] = authorization("AKIDBENCH", "ssm"),
  },
  body = '{"Name":"/bench/parameter"}',
}
