-- wrk -s bench/compare.lua, for bench/compare.sh: POSTs the body in $BODY (a reference-bench tool-calls body) to
-- /api/webhooks/vapi with the secret in $SECRET, checks every answer (status 200 and the stand-in's first slot in
-- it: every target answers check_availability with the calendar's "09:00"), and prints one line:
-- RESULT rps=... p50_ms=... p90_ms=... p99_ms=... max_ms=... n=... non2xx=... sockerr=... wrong=...
local f = assert(io.open(os.getenv("BODY"), "rb"))
local body = f:read("*a")
f:close()
local secret = os.getenv("SECRET") or "test-secret"

local request_bytes
local threads = {}
wrong = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  request_bytes = wrk.format("POST", "/api/webhooks/vapi",
    {["Content-Type"] = "application/json", ["x-vapi-secret"] = secret}, body)
end

function request()
  return request_bytes
end

function response(status, headers, answer)
  if status ~= 200 or not answer:find("09:00", 1, true) then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + (thread:get("wrong") or 0)
  end
  local e = summary.errors
  local s = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.1f n=%d non2xx=%d sockerr=%d wrong=%d\n",
    summary.requests / s, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.requests, e.status,
    e.connect + e.read + e.write + e.timeout, bad))
end
