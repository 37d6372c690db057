-- EC2 DescribeInstances with no filter: every one of the 100 seeded instances in one response.
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
apply_case{
  headers = {
    ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
    ["Authorization"] = authorization("AKIDBENCH", "ec2"),
  },
  body = "Action=DescribeInstances&Version=2016-11-15",
}
