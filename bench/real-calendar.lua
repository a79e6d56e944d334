-- wrk script for bench/real-calendar.sh: check_availability through the backend, or GET /availabilities straight
-- from the calendar, over the same rotating set of days. Settings (environment, set by real-calendar.sh):
--   RC_TARGET   backend | calendar
--   RC_DAYS     comma-separated YYYY-MM-DD, asked in turn
--   RC_SECRET   the backend's WEBHOOK_SECRET;  RC_TOKEN  the calendar's API token;  RC_PROVIDER, RC_SERVICE
-- Every answer is sorted: "ok" (free times or an honest no-times answer), "unreachable" (the backend said it
-- could not reach the calendar), "limited" (the calendar's 429), "other". done() prints "RC_JSON {...}".
local target = os.getenv("RC_TARGET") or "backend"
local secret = os.getenv("RC_SECRET") or ""
local token = os.getenv("RC_TOKEN") or ""
local provider = os.getenv("RC_PROVIDER") or "2"
local service = os.getenv("RC_SERVICE") or "1"
local days = {}
for d in (os.getenv("RC_DAYS") or ""):gmatch("[^,]+") do days[#days + 1] = d end

local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init()
  n, ok, unreachable, limited, other = id, 0, 0, 0, 0
end

function request()
  n = n + 7
  local day = days[n % #days + 1]
  if target == "calendar" then
    return wrk.format("GET", "/index.php/api/v1/availabilities?providerId=" .. provider .. "&serviceId=" .. service
      .. "&date=" .. day, {["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json"})
  end
  return wrk.format("POST", "/api/webhooks/vapi", {["Content-Type"] = "application/json", ["x-vapi-secret"] = secret},
    '{"message":{"type":"tool-calls","call":{"id":"rc-' .. id .. '"},"toolCallList":[{"id":"rc-' .. id .. '-' .. n
    .. '","type":"function","function":{"name":"check_availability","arguments":{"date":"' .. day .. '"}}}]}}')
end

function response(status, headers, body)
  if status == 429 then
    limited = limited + 1
  elseif status ~= 200 then
    other = other + 1
  elseif target == "calendar" then
    if body:sub(1, 1) == "[" then ok = ok + 1 else other = other + 1 end
  elseif body:find("can't reach", 1, true) or body:find("slow to answer", 1, true) then
    unreachable = unreachable + 1
  elseif body:find('"result"', 1, true) then
    ok = ok + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local t = {ok = 0, unreachable = 0, limited = 0, other = 0}
  for _, thread in ipairs(threads) do
    for k in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  io.write(string.format('RC_JSON {"requests":%d,"rps":%.1f,"p50_ms":%.1f,"p90_ms":%.1f,"p99_ms":%.1f,"max_ms":%.1f,'
    .. '"ok":%d,"unreachable":%d,"limited":%d,"other":%d,"socket_errors":%d}\n', summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, t.ok, t.unreachable, t.limited, t.other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
