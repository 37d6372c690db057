-- Secrets Manager GetSecretValue, unsigned: a service Chokepoint does not emulate, so once admitted the call is
-- forwarded to the upstream (the forwarding benchmark; the reference server answers it directly as well).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
apply_case{
  headers = {
    ["Content-Type"] = "application/x-amz-json-1.1",
    ["X-Amz-Target"] = "secretsmanager.GetSecretValue",
  },
  body = '{"SecretId":"bench"}',
}
