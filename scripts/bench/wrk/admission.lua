-- SSM GetParameter, paced: each connection waits BENCH_DELAY_MS between requests, so that 64 connections
-- offer a known multiple of the bucket's rate (the admission benchmark).
dofile(os.getenv("BENCH_WRK_DIR") .. "/get_parameter.lua")
local pause_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "63")
function delay()
  return pause_ms
end
