#!/usr/bin/env bash
# The load benchmark, in one command:   bench/run.sh   (~20 min; BENCH_QUICK=1 bench/run.sh checks the harness in ~5 min)
#
# Builds and starts the packaged app (the extracted jar, as the Docker image runs it) against bench/StandIn.java
# (Easy!Appointments, Twilio and Vapi's call control on loopback), drives the webhook with wrk and bench/vapi.lua,
# and writes bench/results/<time>.md and .json (not committed), printing the table. Never part of ./mvnw verify.
#
# Settings (environment):
#   BENCH_SECONDS=20            measured seconds per scenario        BENCH_WARMUP_SECONDS=15  warm-up per scenario
#   BENCH_INITIAL_WARMUP_SECONDS=60  JIT warm-up before the first scenario (2 cores need it: see docs/performance.md)
#   BENCH_SOAK_SECONDS=60       256 connections, RSS compared before and after
#   BENCH_LATENCY_MS=80         the slow calendar phase (a real Easy!Appointments answers in ~80 ms on loopback)
#   BENCH_QUICK=1               2 s per scenario, no initial warm-up: checks the harness, figures mean nothing
#   BENCH_SKIP_BUILD=1          use the jar already in target/;  BENCH_JAR=path  benchmark that jar instead (before/after)
#   BENCH_JAVA=java             the JVM running the app;  BENCH_JVM_OPTS  its flags (default: the Docker image's
#                               flags in a 512 MB container);  BENCH_APP_PORT=18000, BENCH_STANDIN_PORT=18080
#   BENCH_JAVA_AOT              a JDK 24+ java for the AOT-cache start (the image's JVM, 25); default: the first
#                               /usr/lib/jvm/*/bin/java that is 24 or newer, none: that row is left out
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER=${BENCH_SECONDS:-20}
WARMUP=${BENCH_WARMUP_SECONDS:-15}
INITIAL_WARMUP=${BENCH_INITIAL_WARMUP_SECONDS:-60}
SOAK=${BENCH_SOAK_SECONDS:-60}
LATENCY=${BENCH_LATENCY_MS:-80}
if [[ "${BENCH_QUICK:-0}" == 1 ]]; then
    SECONDS_PER=2 WARMUP=2 INITIAL_WARMUP=0 SOAK=4
fi
JAVA=${BENCH_JAVA:-java}
# the Dockerfile's flags; MaxRAM stands for the 512 MB memory limit docker-compose.yml gives the backend
JVM_OPTS=${BENCH_JVM_OPTS:--XX:MaxRAM=512m -XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}
APP_PORT=${BENCH_APP_PORT:-18000}
STANDIN_PORT=${BENCH_STANDIN_PORT:-18080}
APP=http://127.0.0.1:$APP_PORT
STANDIN=http://127.0.0.1:$STANDIN_PORT
SECRET=bench-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results
mkdir -p "$OUT"
APP_LOG=$OUT/$STAMP-app.log
CLK_TCK=$(getconf CLK_TCK)

# --- the tools: wrk from Debian/Ubuntu, as a newcomer's machine needs it ---------------------------------
if ! command -v wrk >/dev/null; then
    echo "wrk is missing: installing it with apt-get"
    SUDO=$([[ $(id -u) == 0 ]] && echo "" || echo sudo)
    $SUDO apt-get install -y wrk >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y wrk >/dev/null; }
fi
for tool in curl "$JAVA"; do command -v "$tool" >/dev/null || { echo "bench needs $tool" >&2; exit 1; }; done

# --- build: the packaged app, extracted as the Docker image runs it (starts faster than the fat jar) -------
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 && -z "${BENCH_JAR:-}" ]]; then
    echo "building the app (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package
fi
JAR=${BENCH_JAR:-$(ls target/vapi-receptionist-*.jar | grep -v original | head -1)}
rm -rf target/bench-app
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination target/bench-app >/dev/null
APP_JAR=target/bench-app/$(ls target/bench-app | grep '\.jar$')

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

# --- the stand-in -------------------------------------------------------------------------------------
java -Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxIdleConnections=4000 bench/StandIn.java "$STANDIN_PORT" 0 >"$OUT/$STAMP-stand-in.log" 2>&1 &
STANDIN_PID=$!
PIDS+=("$STANDIN_PID")
until curl -so /dev/null "$STANDIN/__latency" -X POST; do
    kill -0 "$STANDIN_PID" 2>/dev/null || { cat "$OUT/$STAMP-stand-in.log" >&2; exit 1; }
    sleep 0.2
done
set_latency() { curl -fs -X POST "$STANDIN/__latency?calendar=$1" >/dev/null; }

# --- the app: production-like settings, JSON logs to a file, nothing on the console ----------------------
# APP_ENV=development only because VAPI_CONTROL_ALLOW_HTTP (plain-http call control to the loopback stand-in)
# is refused in production; every other setting is what production runs with, but for RATE_LIMIT_REQUESTS:
# the unauthenticated scenarios measure the 401 path, not the 429 that 100 failures a minute lead to.
# LOGGING: the one place that says how the app logs during a run: the app's own JSON lines (LOG_FORMAT=json,
# what production writes), its standard output going to a file; the access log beside them in $OUT.
LOGGING=(--log.format=json --log.access.directory="$OUT/$STAMP-access")
APP_ENV_VARS=(APP_ENV=development PORT="$APP_PORT" WEBHOOK_SECRET="$SECRET"
    EASYAPPOINTMENTS_BASE_URL="$STANDIN" EASYAPPOINTMENTS_API_TOKEN=bench-token
    TWILIO_ACCOUNT_SID=ACbenchbenchbenchbenchbenchbench00 TWILIO_AUTH_TOKEN=bench-twilio-token
    TWILIO_PHONE_NUMBER=+15005550006 TWILIO_API_BASE_URL="$STANDIN"
    TRANSFER_ENABLED=true TRANSFER_PHONE_NUMBER=+442071838751
    VAPI_CONTROL_ALLOWED_HOSTS="127.0.0.1:$STANDIN_PORT" VAPI_CONTROL_ALLOW_HTTP=true
    RATE_LIMIT_REQUESTS=1000000000)
start_app() { # java, extra JVM flags...
    local java=$1; shift
    env "${APP_ENV_VARS[@]}" "$java" $JVM_OPTS "$@" -jar "$APP_JAR" "${LOGGING[@]}" >"$APP_LOG" 2>&1 &
    APP_PID=$!
    PIDS+=("$APP_PID")
}
# A training run, as the Dockerfile makes one: the app starts with the same settings and exits once its context
# is refreshed (Spring Boot's spring.context.exit), writing the archive its flags ask for.
train() { # java, flags...
    local java=$1; shift
    env "${APP_ENV_VARS[@]}" "$java" $JVM_OPTS "$@" -Dspring.context.exit=onRefresh -jar "$APP_JAR" "${LOGGING[@]}" \
        >>"$OUT/$STAMP-training.log" 2>&1
}
stop_app() { kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; }

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
now() { date +%s.%N; }
field() { sed -E 's/.*"'"$2"'":"?([^,"}]*).*/\1/' <<<"$1"; }

# the first check_availability answered, from the moment java is launched
TOMORROW=$(date -u -d '+7 day' +%F)
first_answer() {
    local body='{"message":{"type":"tool-calls","toolCallList":[{"id":"call_cold","type":"function","function":{"name":"check_availability","arguments":{"date":"'$TOMORROW'"}}}]}}'
    until curl -s "$APP/api/webhooks/vapi" -H "x-vapi-secret: $SECRET" -H 'Content-Type: application/json' -d "$body" 2>/dev/null \
            | grep -q 'slots'; do
        kill -0 "$APP_PID" 2>/dev/null || { echo "the app stopped; see $APP_LOG" >&2; exit 1; }
        sleep 0.05
    done
}

RESULTS=()
ROWS=()
# wrk for one scenario: name scenario body connections seconds target-text awk-check [url]
run_wrk() {
    local scenario=$2 body=$3 conns=$4 secs=$5 url=${6:-$APP}
    local threads=$((conns < 2 ? 1 : 2))
    BENCH_SCENARIO=$scenario BENCH_BODY=$body BENCH_THREADS=$threads BENCH_SECRET=$SECRET BENCH_CONTROL_BASE=$STANDIN \
        BENCH_RUN="$(date +%s%N)" \
        wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 20s -s bench/vapi.lua "$url" | grep '^BENCH_JSON' | cut -d' ' -f2-
}
measure() { # name scenario body connections target check [url] [calendar-latency]
    local name=$1 scenario=$2 body=$3 conns=$4 target=$5 check=$6 url=${7:-$APP}
    local pid=$APP_PID
    [[ "$url" == "$STANDIN" ]] && pid=$STANDIN_PID
    printf '%-48s warm-up %ss ... ' "$name" "$WARMUP" >&2
    [[ "$WARMUP" -gt 0 ]] && run_wrk "$name" "$scenario" "$body" "$conns" "$WARMUP" "$url" >/dev/null
    local load cpu0 t0 json cpu1 t1 rss cpu cpu_ms
    load=$(loadavg) cpu0=$(cpu_ticks "$pid") t0=$(now)
    json=$(run_wrk "$scenario" "$scenario" "$body" "$conns" "$SECONDS_PER" "$url")
    [[ -n "$json" ]] || { echo "wrk gave no figures for $name" >&2; exit 1; }
    cpu1=$(cpu_ticks "$pid") t1=$(now) rss=$(rss_mb "$pid")
    cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v t0="$t0" -v t1="$t1" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", (b - a) / hz / (t1 - t0) * 100}')
    # CPU time per request: unlike req/s, barely moved by other work on a shared machine
    cpu_ms=$(awk -v a="$cpu0" -v b="$cpu1" -v hz="$CLK_TCK" -v n="$(field "$json" requests)" 'BEGIN {printf "%.2f", (n > 0 ? (b - a) / hz * 1000 / n : 0)}')
    local rps p50 p90 p99 max errors non2xx bytes met
    rps=$(field "$json" rps) p50=$(field "$json" p50_ms) p90=$(field "$json" p90_ms) p99=$(field "$json" p99_ms)
    max=$(field "$json" max_ms) non2xx=$(field "$json" non_2xx_3xx) bytes=$(field "$json" request_bytes)
    errors=$(( $(field "$json" socket_errors) + $(field "$json" timeouts) + $(field "$json" wrong_answers) ))
    met=$(awk -v rps="$rps" -v p50="$p50" -v p99="$p99" -v errors="$errors" -v base50="${BASE_P50:-0}" -v rss="$rss" \
        -v requests="$(field "$json" requests)" "BEGIN { print ((requests > 0 && $check) ? \"yes\" : \"**no**\") }")
    echo "$rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors" >&2
    RESULTS+=("{\"name\":\"$name\",\"scenario\":\"$scenario\",\"body\":\"$body\",\"connections\":$conns,\"calendar_latency_ms\":$CURRENT_LATENCY,\"warmup_s\":$WARMUP,\"errors\":$errors,\"cpu_pct\":$cpu,\"cpu_ms_per_request\":$cpu_ms,\"rss_mb\":$rss,\"load_avg\":\"$load\",\"target\":\"$target\",\"met\":\"$met\",\"wrk\":$json}")
    ROWS+=("| $name | $(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1024}') KB | $conns | $CURRENT_LATENCY | $rps | $p50 | $p90 | $p99 | $max | $errors | $non2xx | $cpu | $cpu_ms | $rss | $load | $target | $met |")
    LAST_P50=$p50
}

echo "load average at start: $(loadavg) on $(nproc) cores (other work running on the machine shows here)"
START_LOAD=$(loadavg)
CURRENT_LATENCY=0

# --- cold start: launch to the first answered check_availability --------------------------------------
# As the app runs by default, then with a class-data archive of a training run (CDS, JDK 17 and later), and on a
# JDK 24+ with its AOT cache (what the Docker image does, on 25). Each start is a fresh JVM on the same jar.
STARTUP_ROWS=()
STARTUP_JSON=()
cold_start() { # label, java, extra JVM flags...
    local label=$1 java=$2; shift 2
    local t0 seconds started rss
    t0=$(now)
    start_app "$java" "$@"
    first_answer
    seconds=$(awk -v a="$t0" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}')
    started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$APP_LOG" | head -1 | grep -o '[0-9.]*' || echo "?")
    rss=$(rss_mb "$APP_PID")
    echo "cold start, $label: ${seconds} s to the first answered tool call (Spring: $started s), RSS $rss MB" >&2
    STARTUP_ROWS+=("| $label | $("$java" -version 2>&1 | head -1 | tr -d '"') | **$seconds** | $started | $rss |")
    STARTUP_JSON+=("{\"start\":\"$label\",\"seconds\":$seconds,\"spring_started_s\":\"$started\",\"rss_mb\":$rss}")
    stop_app
}
java_feature() { "$1" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ {print $2}'; }
AOT_JAVA=${BENCH_JAVA_AOT:-}
if [[ -z "$AOT_JAVA" ]]; then
    for candidate in /usr/lib/jvm/*/bin/java; do
        [[ -x "$candidate" && "$(java_feature "$candidate")" -ge 24 ]] && { AOT_JAVA=$candidate; break; }
    done
fi
ARCHIVES=target/bench-archives
rm -rf "$ARCHIVES" && mkdir -p "$ARCHIVES"
cold_start "default" "$JAVA"
train "$JAVA" -XX:ArchiveClassesAtExit="$ARCHIVES/app.jsa"
cold_start "class-data archive (-XX:SharedArchiveFile)" "$JAVA" -XX:SharedArchiveFile="$ARCHIVES/app.jsa"
if [[ -n "$AOT_JAVA" ]]; then
    cold_start "JDK $(java_feature "$AOT_JAVA"), default" "$AOT_JAVA"
    train "$AOT_JAVA" -XX:AOTCacheOutput="$ARCHIVES/app.aot"
    cold_start "JDK $(java_feature "$AOT_JAVA"), AOT cache (-XX:AOTCache)" "$AOT_JAVA" -XX:AOTCache="$ARCHIVES/app.aot"
else
    echo "no JDK 24 or newer found (BENCH_JAVA_AOT): the AOT-cache start is left out" >&2
fi
COLD_START=$(grep -o '\*\*[0-9.]*\*\*' <<<"${STARTUP_ROWS[0]}" | tr -d '*')

# the app for the load scenarios: as it runs by default
start_app "$JAVA"
first_answer
STARTUP_RSS=$(rss_mb "$APP_PID")

# --- baselines: the stand-in alone (its ceiling) and the app's cheapest endpoint -------------------------
WARMUP_SAVED=$WARMUP
measure "baseline: stand-in directly, 1 conn" stand-in small 1 "-" "errors == 0" "$STANDIN"
BASE_P50_1=$LAST_P50
measure "baseline: stand-in directly, 64 conns" stand-in small 64 "-" "errors == 0" "$STANDIN"
if [[ "$INITIAL_WARMUP" -gt 0 ]]; then
    echo "JIT warm-up: ${INITIAL_WARMUP}s of mixed traffic" >&2
    for scenario in availability:small conversation-update:large booking:small transfer:small; do
        run_wrk warmup "${scenario%%:*}" "${scenario##*:}" 64 $((INITIAL_WARMUP / 4)) >/dev/null
    done
fi
measure "baseline: app GET /health" health small 64 "-" "errors == 0"

# --- the webhook, calendar at 0 ms -----------------------------------------------------------------------
BASE_P50=$BASE_P50_1
measure "check_availability, 1 conn" availability small 1 "p50 - stand-in p50 < 2 ms" "p50 - base50 < 2 && errors == 0"
measure "check_availability, 16 conns" availability small 16 "no errors" "errors == 0"
measure "check_availability, 64 conns" availability small 64 ">= 5000 req/s, p99 < 20 ms" "rps >= 5000 && p99 < 20 && errors == 0"
measure "check_availability, 256 conns" availability small 256 "no errors" "errors == 0"
measure "check_availability, 50 KB body" availability large 64 ">= 1000 req/s" "rps >= 1000 && errors == 0"
measure "book_appointment (unique slots)" booking small 64 "no errors, all kept" "errors == 0"
measure "transfer_to_agent" transfer small 64 "no errors" "errors == 0"
measure "status-update" status-update small 64 ">= 10000 req/s" "rps >= 10000 && errors == 0"
measure "conversation-update, 50 KB" conversation-update large 64 ">= 1000 req/s" "rps >= 1000 && errors == 0"
measure "unauthenticated (wrong secret)" unauthenticated small 64 ">= 10000 req/s" "rps >= 10000 && errors == 0"
measure "unauthenticated, 50 KB" unauthenticated large 64 ">= 1000 req/s" "rps >= 1000 && errors == 0"

# --- a calendar answering like a real one on loopback ----------------------------------------------------
set_latency "$LATENCY"
CURRENT_LATENCY=$LATENCY
measure "baseline: stand-in directly, ${LATENCY} ms" stand-in small 16 "-" "errors == 0" "$STANDIN"
ROUND_TRIP=$LAST_P50
BASE_P50=$ROUND_TRIP
measure "check_availability, ${LATENCY} ms calendar" availability small 16 "p50 within 10 ms of 1 round trip" "p50 - base50 < 10 && errors == 0"
# a new caller's booking waits for 4 round trips: customer lookup and availabilities at once, then create the
# customer, create the appointment, read the day back (5 calendar calls)
BASE_P50=$(awk -v r="$ROUND_TRIP" 'BEGIN {print 4 * r}')
measure "book_appointment, ${LATENCY} ms calendar" booking small 16 "p50 within 10 ms of 4 round trips" "p50 - base50 < 10 && errors == 0"
measure "transfer_to_agent, ${LATENCY} ms calendar" transfer small 16 "p50 < 20 ms" "p50 < 20 && errors == 0"
set_latency 0
CURRENT_LATENCY=0

# --- beyond saturation: 256 connections for a minute, nothing fails, nothing leaks -----------------------
RSS_BEFORE=$(rss_mb "$APP_PID")
SECONDS_SAVED=$SECONDS_PER WARMUP=0 SECONDS_PER=$SOAK
measure "soak: check_availability, 256 conns, ${SOAK}s" availability small 256 "no errors, RSS < 350 MB" "errors == 0 && rss < 350"
SECONDS_PER=$SECONDS_SAVED WARMUP=$WARMUP_SAVED
RSS_AFTER=$(rss_mb "$APP_PID")
PEAK_RSS=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$APP_PID/status")
APP_ERRORS=$(grep -c '"level":"ERROR"' "$APP_LOG" || true)
BREAKER_OPENED=$(grep -c 'transition from CLOSED to OPEN' "$APP_LOG" || true)
stop_app

# --- the results -----------------------------------------------------------------------------------------
JAVA_VERSION=$("$JAVA" -version 2>&1 | head -1 | tr -d '"')
COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src routes pom.xml || echo "+changes")
{
    echo "# Benchmark $STAMP"
    echo
    echo "Commit $COMMIT, jar $JAR; $JAVA_VERSION ($JVM_OPTS); $(nproc) cores, wrk and the stand-in on the same machine."
    echo "Load average when the run started: **$START_LOAD** (anything well above 0 means other work was running and the figures are low)."
    echo "Per scenario: ${WARMUP}s warm-up, then ${SECONDS_PER}s measured; ${INITIAL_WARMUP}s JIT warm-up before the app scenarios."
    echo
    echo "- Cold start, java launched to the first answered check_availability (each a fresh JVM; RSS then):"
    echo
    echo "| start | JVM | seconds | Spring Boot's 'Started in' s | RSS MB |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${STARTUP_ROWS[@]}"
    echo
    echo "- RSS before / after ${SOAK}s at 256 connections: $RSS_BEFORE / $RSS_AFTER MB (peak $PEAK_RSS MB). ERROR lines in the app log: $APP_ERRORS; circuit breaker openings: $BREAKER_OPENED."
    echo "- A booking of a new caller makes 5 calendar calls but waits for 4 round trips (customer lookup and availabilities at the same time, then create customer, create appointment, read-back) and waits for Twilio's acceptance of the SMS (stand-in: 0 ms)."
    echo
    echo "| scenario | body | conns | calendar ms | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | non-2xx | CPU % | CPU ms/req | RSS MB | load avg | target | met |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "errors = socket errors + timeouts + wrong answers (an unexpected status, or a body without the expected answer);"
    echo "non-2xx counts the 401s of the unauthenticated scenarios, which are their expected answer. CPU % is the app's"
    echo "(100 = one core) while measuring, and its CPU time per request (the figure least moved by other work on the"
    echo "machine); the stand-in's for its baselines. Raw log: $APP_LOG"
} >"$OUT/$STAMP.md"
{
    printf '{"stamp":"%s","commit":"%s","java":"%s","jvm_opts":"%s","cores":%s,"load_avg_at_start":"%s",' \
        "$STAMP" "$COMMIT" "$JAVA_VERSION" "$JVM_OPTS" "$(nproc)" "$START_LOAD"
    printf '"seconds":%s,"warmup_s":%s,"initial_warmup_s":%s,"cold_start_s":%s,"startup_rss_mb":%s,"starts":[%s],' \
        "$SECONDS_PER" "$WARMUP" "$INITIAL_WARMUP" "$COLD_START" "$STARTUP_RSS" "$(IFS=,; printf '%s' "${STARTUP_JSON[*]}")"
    printf '"soak":{"seconds":%s,"rss_before_mb":%s,"rss_after_mb":%s,"peak_rss_mb":%s},"app_log_errors":%s,"breaker_openings":%s,"scenarios":[' \
        "$SOAK" "$RSS_BEFORE" "$RSS_AFTER" "$PEAK_RSS" "$APP_ERRORS" "$BREAKER_OPENED"
    (IFS=,; printf '%s' "${RESULTS[*]}")
    printf ']}\n'
} >"$OUT/$STAMP.json"
cat "$OUT/$STAMP.md"
echo
echo "written: $OUT/$STAMP.md and $OUT/$STAMP.json"
