-- wrk script for bench/run.sh: realistic Vapi server messages (../../shared/contracts/vapi-server-messages.md)
-- sent to the webhook, or the baseline requests. Settings come from the environment (run.sh sets them):
--   BENCH_SCENARIO  availability | booking | transfer | status-update | conversation-update | unauthenticated
--                   | health (the app's cheapest endpoint) | stand-in (GET /availabilities on the stand-in itself)
--   BENCH_BODY      small (~2 KB: call, customer, phone number, tool list) | large (~50 KB: plus the whole
--                   assistant and the conversation so far, as real traffic carries)
--   BENCH_THREADS   wrk's -t, so that booking threads share out the slots
--   BENCH_SECRET, BENCH_CONTROL_BASE (the stand-in's http://127.0.0.1:port), BENCH_RUN (makes ids unique per run)
-- Every answer is checked (status and a marker of a correct answer); done() prints one line
-- "BENCH_JSON {...}" with the figures, read by run.sh.

local scenario = os.getenv("BENCH_SCENARIO") or "availability"
local threads_total = tonumber(os.getenv("BENCH_THREADS") or "8")
local size = os.getenv("BENCH_BODY") or "small"
local secret = os.getenv("BENCH_SECRET") or "bench-secret"
local control_base = os.getenv("BENCH_CONTROL_BASE") or "http://127.0.0.1:18080"
local run = os.getenv("BENCH_RUN") or tostring(os.time())

local DAY = 86400
local function day(offset) return os.date("!%Y-%m-%d", os.time() + offset * DAY) end
-- bookable 30-minute slots of the stand-in's day (its lunch 12:00-13:00 left out): 16 a day
local SLOTS = {"09:00","09:30","10:00","10:30","11:00","11:30","13:00","13:30","14:00","14:30","15:00","15:30",
               "16:00","16:30","17:00","17:30"}
local BOOKING_DAYS = 80 -- from the day after tomorrow: inside the 90-day horizon whatever the time zone

local function esc(s) return (s:gsub('\\', '\\\\'):gsub('"', '\\"')) end

-- what the assistant is told and can call, as vapi/assistant.json declares it (abridged prompt)
local SYSTEM_PROMPT = "You are the receptionist of Amatou Physio, a physiotherapy practice. You answer the phone, "
  .. "find free appointment times with check_availability, book them with book_appointment, and put the caller "
  .. "through to a member of the team with transfer_to_agent when they ask for a person or when you cannot help. "
  .. "Speak briefly and warmly, one question at a time. Confirm the date and time back before booking. "
  .. "Ask for the caller's first and last name, email address and phone number; spell the email back. "
  .. "Never invent free times: only offer times check_availability returned. Dates are in the practice's time zone, "
  .. "Europe/London. If a tool returns an error, say it in your own words and offer the next step. "
  .. "Do not give medical advice; for anything urgent tell the caller to ring 999 or NHS 111. "
local TOOLS = [=[[{"type":"function","async":false,"function":{"name":"check_availability","description":"Free appointment times on a day; when that day is full, the next days with free times.","parameters":{"type":"object","properties":{"date":{"type":"string","description":"The day, YYYY-MM-DD"}},"required":["date"]}},"messages":[{"type":"request-start","content":"Let me check the diary."},{"type":"request-response-delayed","content":"Still checking, one moment.","timingMilliseconds":2000}],"server":{"url":"https://receptionist.example.com/api/webhooks/vapi","timeoutSeconds":10}},{"type":"function","async":false,"function":{"name":"book_appointment","description":"Book the caller into a free time.","parameters":{"type":"object","properties":{"date":{"type":"string"},"time":{"type":"string","description":"24-hour HH:MM"},"first_name":{"type":"string"},"last_name":{"type":"string"},"email":{"type":"string"},"phone":{"type":"string"}},"required":["date","time","first_name","last_name","email"]}},"messages":[{"type":"request-start","content":"Booking that in now."}],"server":{"url":"https://receptionist.example.com/api/webhooks/vapi","timeoutSeconds":10}},{"type":"function","async":false,"function":{"name":"transfer_to_agent","description":"Put the caller through to a person.","parameters":{"type":"object","properties":{"reason":{"type":"string"}}}},"server":{"url":"https://receptionist.example.com/api/webhooks/vapi","timeoutSeconds":10}}]]=]

local function assistant()
  return '{"id":"5b0a1c3e-7f2d-4c1a-9e8b-2a6f0d4c9b71","orgId":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",'
    .. '"name":"Amatou Physio receptionist","firstMessage":"Hello, Amatou Physio, how can I help?",'
    .. '"firstMessageMode":"assistant-speaks-first","voicemailMessage":"Please call back during opening hours.",'
    .. '"endCallMessage":"Thank you for calling. Goodbye.","endCallPhrases":["goodbye","bye for now"],'
    .. '"transcriber":{"provider":"deepgram","model":"nova-2","language":"en-GB","smartFormat":true,"endpointing":255},'
    .. '"model":{"provider":"openai","model":"gpt-4o","temperature":0.3,"maxTokens":250,"emotionRecognitionEnabled":false,'
    .. '"messages":[{"role":"system","content":"' .. esc(SYSTEM_PROMPT:rep(3)) .. '"}],"tools":' .. TOOLS .. '},'
    .. '"voice":{"provider":"11labs","voiceId":"21m00Tcm4TlvDq8ikWAM","stability":0.5,"similarityBoost":0.75,'
    .. '"model":"eleven_turbo_v2_5","fillerInjectionEnabled":false},'
    .. '"serverMessages":["conversation-update","end-of-call-report","function-call","hang","speech-update",'
    .. '"status-update","tool-calls","transfer-destination-request","user-interrupted"],'
    .. '"clientMessages":["conversation-update","function-call","hang","model-output","speech-update",'
    .. '"status-update","transcript","tool-calls","user-interrupted","voice-input"],'
    .. '"server":{"url":"https://receptionist.example.com/api/webhooks/vapi","timeoutSeconds":20},'
    .. '"silenceTimeoutSeconds":30,"maxDurationSeconds":1200,"backgroundSound":"office","backchannelingEnabled":false,'
    .. '"analysisPlan":{"summaryPrompt":"Summarise the call in two sentences.","successEvaluationRubric":"PassFail"},'
    .. '"artifactPlan":{"recordingEnabled":true,"transcriptPlan":{"enabled":true}},'
    .. '"startSpeakingPlan":{"waitSeconds":0.4,"smartEndpointingEnabled":true},'
    .. '"stopSpeakingPlan":{"numWords":0,"voiceSeconds":0.2,"backoffSeconds":1},'
    .. '"monitorPlan":{"listenEnabled":true,"controlEnabled":true},'
    .. '"createdAt":"2025-10-02T09:14:07.411Z","updatedAt":"2025-11-20T16:40:52.093Z","isServerUrlSecretSet":true}'
end

-- the conversation so far, as artifact.messages carries it: turn after turn until the body is ~50 KB
local LINES = {
  {"bot", "Hello, Amatou Physio, how can I help?"},
  {"user", "Hi, yes, I'd like to book a physio appointment for my knee, please, sometime next week if possible."},
  {"bot", "Of course. Which day next week would suit you best?"},
  {"user", "Um, Tuesday or Wednesday, ideally in the morning before work, so maybe nine or half nine."},
  {"bot", "Let me check the diary for you. One moment."},
  {"user", "Thanks. Actually, is it the same physio as last time? I saw someone in September I think."},
  {"bot", "I can't see who you saw before, but I can book you with the first free physiotherapist. Is that all right?"},
  {"user", "Yes, that's fine, whoever is free. And could you tell me how long the appointment is?"},
  {"bot", "Appointments are thirty minutes. Shall I look at Tuesday morning first?"},
  {"user", "Yes please, Tuesday morning, and if not, Wednesday."},
}

local function transcript(target_bytes)
  local parts, openai, bytes, t, i = {}, {}, 0, 1763784000000, 0
  parts[1] = '{"role":"system","message":"' .. esc(SYSTEM_PROMPT) .. '","time":' .. t .. ',"secondsFromStart":0}'
  while bytes < target_bytes do
    i = i + 1
    local line = LINES[(i - 1) % #LINES + 1]
    local start = t + i * 4200
    local m = '{"role":"' .. line[1] .. '","message":"' .. line[2] .. '","time":' .. start .. ',"endTime":'
      .. (start + 3100) .. ',"secondsFromStart":' .. (i * 4.2) .. ',"duration":3100'
      .. (line[1] == "bot" and ',"source":""' or '') .. '}'
    local o = '{"role":"' .. (line[1] == "bot" and "assistant" or "user") .. '","content":"' .. line[2] .. '"}'
    parts[#parts + 1] = m
    openai[#openai + 1] = o
    bytes = bytes + #m + #o + 2
  end
  return '{"messages":[' .. table.concat(parts, ",") .. '],"messagesOpenAIFormatted":[' .. table.concat(openai, ",")
    .. ']}'
end

local CALL_ID = "019aa9bb-7c51-7cc2-b0f3-" .. string.format("%012d", tonumber(run) % 1000000000000)

local function call()
  return '"call":{"id":"' .. CALL_ID .. '","orgId":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",'
    .. '"createdAt":"2025-11-22T04:03:41.113Z","updatedAt":"2025-11-22T04:03:41.113Z","type":"inboundPhoneCall",'
    .. '"status":"in-progress","phoneCallProvider":"twilio","phoneCallProviderId":"CA5d3a1f6e9b2c4d7a8e0f1b2c3d4e5f6a",'
    .. '"phoneCallTransport":"pstn","assistantId":"5b0a1c3e-7f2d-4c1a-9e8b-2a6f0d4c9b71",'
    .. '"phoneNumberId":"7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9",'
    .. '"monitor":{"listenUrl":"wss://phone-call-websocket.aws-us-west-2-backend-production3.vapi.ai/' .. CALL_ID
    .. '/listen","controlUrl":"' .. control_base .. '/vapi/' .. CALL_ID .. '/control"},'
    .. '"transport":{"provider":"twilio","assistantVideoEnabled":false},"customer":{"number":"+447700900123"}}'
end

local function envelope(message_type, specific)
  local extra = ""
  if size == "large" then
    extra = ',"assistant":' .. assistant() .. ',"artifact":' .. transcript(42000)
  end
  return '{"message":{"type":"' .. message_type .. '","timestamp":1763784256708,' .. specific .. call()
    .. ',"phoneNumber":{"id":"7e6d5c4b-3a29-4817-9605-f4e3d2c1b0a9","orgId":"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",'
    .. '"number":"+442071838750","provider":"twilio","name":"Front desk","status":"active",'
    .. '"createdAt":"2025-10-02T09:10:00.000Z","updatedAt":"2025-10-02T09:10:00.000Z"},'
    .. '"customer":{"number":"+447700900123"}' .. extra .. '}}'
end

local function tool_calls(id, name, arguments)
  local one = '{"id":"' .. id .. '","type":"function","function":{"name":"' .. name .. '","arguments":' .. arguments .. '}}'
  return '"toolCallList":[' .. one .. '],"toolCalls":[' .. one .. '],"toolWithToolCallList":[{"type":"function",'
    .. '"function":{"name":"' .. name .. '"},"server":{"url":"https://receptionist.example.com/api/webhooks/vapi"},'
    .. '"toolCall":' .. one .. '}],'
end

local json_headers = {["Content-Type"] = "application/json", ["x-vapi-secret"] = secret}

-- the request, fixed for the scenario (built once) or per request (booking: unique ids and slots)
-- Built in init(): wrk sets the Host header only after the script's top level has run.
local fixed, expect_status, expect_marker

local function prepare()
  if scenario == "availability" then
    fixed = wrk.format("POST", "/api/webhooks/vapi", json_headers,
      envelope("tool-calls", tool_calls("call_availability", "check_availability", '{"date":"' .. day(7) .. '"}')))
    expect_status, expect_marker = 200, '\\"slots\\":[\\"'
  elseif scenario == "transfer" then
    fixed = wrk.format("POST", "/api/webhooks/vapi", json_headers,
      envelope("tool-calls", tool_calls("call_transfer", "transfer_to_agent", '{"reason":"wants to talk about an invoice"}')))
    expect_status, expect_marker = 200, "Transfer initiated successfully"
  elseif scenario == "status-update" then
    fixed = wrk.format("POST", "/api/webhooks/vapi", json_headers,
      envelope("status-update", '"status":"in-progress",'))
    expect_status, expect_marker = 200, "{}"
  elseif scenario == "conversation-update" then
    fixed = wrk.format("POST", "/api/webhooks/vapi", json_headers,
      envelope("conversation-update", '"messages":[{"role":"user","message":"Tuesday morning, please.","time":1763784256000}],'))
    expect_status, expect_marker = 200, "{}"
  elseif scenario == "unauthenticated" then
    fixed = wrk.format("POST", "/api/webhooks/vapi",
      {["Content-Type"] = "application/json", ["x-vapi-secret"] = "not-the-secret-" .. secret},
      envelope("tool-calls", tool_calls("call_intruder", "check_availability", '{"date":"' .. day(7) .. '"}')))
    expect_status, expect_marker = 401, "unauthorized"
  elseif scenario == "health" then
    fixed = wrk.format("GET", "/health")
    expect_status, expect_marker = 200, "healthy"
  elseif scenario == "stand-in" then
    fixed = wrk.format("GET", "/index.php/api/v1/availabilities?providerId=2&serviceId=1&date=" .. day(7),
      {["Authorization"] = "Bearer bench", ["Accept"] = "application/json"})
    expect_status, expect_marker = 200, '"09:00"'
  elseif scenario == "booking" then
    expect_status, expect_marker = 200, "You're booked in"
  else
    error("unknown BENCH_SCENARIO " .. scenario)
  end
end

-- booking: a body split around the parts that change per request
local booking_head, booking_tail
if scenario == "booking" then
  local marker = "@@CALL@@"
  local body = envelope("tool-calls", marker)
  local at = body:find(marker, 1, true)
  booking_head, booking_tail = body:sub(1, at - 1), body:sub(at + #marker)
end

local threads = {}
local counter = 0
-- globals, so that setup() and done() reach them in each thread with thread:set/get
thread_id, bad, bad_sample = 0, 0, nil

function setup(thread)
  thread:set("thread_id", #threads)
  table.insert(threads, thread)
end

function init(args)
  counter = 0
  prepare()
end

function request()
  if fixed then
    return fixed
  end
  counter = counter + 1
  -- threads interleave their counters, so consecutive requests take consecutive slots and every
  -- request has its own slot for the next SLOTS x BOOKING_DAYS (1,280) requests
  local n = counter * threads_total + thread_id
  local slot = SLOTS[n % #SLOTS + 1]
  local date = day(2 + math.floor(n / #SLOTS) % BOOKING_DAYS)
  local id = "call_" .. run .. "_" .. n
  local args = '{"date":"' .. date .. '","time":"' .. slot .. '","first_name":"Ada","last_name":"Lovelace",'
    .. '"email":"ada.' .. run .. "." .. n .. '@example.com","phone":"07123 456789"}'
  return wrk.format("POST", "/api/webhooks/vapi", json_headers,
    booking_head .. tool_calls(id, "book_appointment", args) .. booking_tail)
end

function response(status, headers, body)
  if status ~= expect_status or not body:find(expect_marker, 1, true) then
    bad = bad + 1
    if not bad_sample then
      bad_sample = status .. " " .. body:sub(1, 300)
    end
  end
end

local function request_bytes()
  prepare()
  if fixed then return #fixed end
  return #request()
end

function done(summary, latency, requests)
  local wrong, sample = 0, ""
  for _, thread in ipairs(threads) do
    wrong = wrong + (thread:get("bad") or 0)
    local s = thread:get("bad_sample")
    if s and sample == "" then sample = s end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format('BENCH_JSON {"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,'
    .. '"p99_ms":%.2f,"max_ms":%.2f,"mean_ms":%.2f,"socket_errors":%d,"timeouts":%d,"non_2xx_3xx":%d,'
    .. '"wrong_answers":%d,"request_bytes":%d,"wrong_sample":"%s"}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000, e.connect + e.read + e.write, e.timeout, e.status,
    wrong, request_bytes(), esc(sample):gsub("[%c]", " ")))
end
