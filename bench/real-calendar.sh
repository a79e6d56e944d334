#!/usr/bin/env bash
# check_availability through the backend against a real calendar, beside the same calendar asked directly:
#   RC_EA_URL=http://127.0.0.1:8888 RC_EA_TOKEN=... bench/real-calendar.sh
#
# You bring the calendar (an Easy!Appointments on loopback; nothing here installs or builds one). Three phases, the
# same days and connections in each, figures printed and written to bench/results/<time>-real-calendar.md:
#   1. the calendar:  GET /availabilities straight from it, rotating over RC_DAYS_COUNT weekdays
#   2. the backend:   check_availability for the same days through the webhook (cache on, as shipped)
#   3. mixed:         RC_MIXED_CALLERS callers for RC_MIXED_SECONDS (0: skipped), each asking a day, booking a
#      free time, every other one finding and cancelling it (bench/MixedLoad.java); calendar reads per
#      check_availability and overlapping appointments left in the calendar
#   4. rate-limited:  only with RC_RATE_LIMIT_CMD (a command taking on|off|reset, e.g. one that edits the
#      calendar's $config['rate_limiting'] and clears its counters): the calendar's own limit (100 requests / 120 s
#      per client address) on and used up, the backend driven for RC_LIMITED_SECONDS while it refuses; counts the
#      answers that said the calendar could not be reached.
# Settings: RC_PROVIDER=2 RC_SERVICE=1 (the line's own; a provider working Monday to Friday), RC_TZ=UTC (the
# provider's zone), RC_CONNS=16, RC_SECONDS=30, RC_WARMUP_SECONDS=20, RC_DAYS_COUNT=10, RC_LIMITED_SECONDS=60, RC_MIXED_SECONDS=150, RC_MIXED_CALLERS=16,
# RC_SKIP_BUILD=1 (use target/*.jar), RC_APP_PORT=18790 (and the next port for its actuator). Loopback only; never part of ./mvnw verify.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${RC_EA_URL:?set RC_EA_URL to the calendar's base URL, e.g. http://127.0.0.1:8888}"
: "${RC_EA_TOKEN:?set RC_EA_TOKEN to the calendar's API token}"
PROVIDER=${RC_PROVIDER:-2}
SERVICE=${RC_SERVICE:-1}
TZ_NAME=${RC_TZ:-UTC}
CONNS=${RC_CONNS:-16}
SECS=${RC_SECONDS:-30}
WARMUP=${RC_WARMUP_SECONDS:-20}
DAYS_COUNT=${RC_DAYS_COUNT:-10}
LIMITED_SECS=${RC_LIMITED_SECONDS:-60}
MIXED_SECS=${RC_MIXED_SECONDS:-150}
MIXED_CALLERS=${RC_MIXED_CALLERS:-16}
PORT=${RC_APP_PORT:-18790}
APP=http://127.0.0.1:$PORT
MANAGEMENT=http://127.0.0.1:$((PORT + 1))
SECRET=rc-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=bench/results
mkdir -p "$OUT"
REPORT=$OUT/$STAMP-real-calendar.md
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
if curl -s -o /dev/null "$APP/health"; then echo "port $PORT is taken: set RC_APP_PORT" >&2; exit 1; fi

# the next weekdays from the day after tomorrow, in the provider's zone
DAYS=$(for i in $(seq 2 $((DAYS_COUNT * 2 + 4))); do TZ=$TZ_NAME date -d "+$i day" +'%F %u'; done \
    | awk '$2 < 6 {print $1}' | head -n "$DAYS_COUNT" | paste -sd, -)

if [[ "${RC_SKIP_BUILD:-0}" != 1 ]]; then
    ./mvnw -q -DskipTests package >/dev/null
fi
JAR=$(ls target/*.jar | grep -v original | head -1)

PIDS=()
cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [[ -n "${RC_RATE_LIMIT_CMD:-}" ]] && $RC_RATE_LIMIT_CMD off >/dev/null 2>&1 || true
}
trap cleanup EXIT

# the Docker image's JVM flags in its 512 MB container; production-like settings, JSON logs to a file
APP_ENV=development PORT=$PORT MANAGEMENT_PORT=$((PORT + 1)) WEBHOOK_SECRET="$SECRET" EASYAPPOINTMENTS_BASE_URL="$RC_EA_URL" \
    EASYAPPOINTMENTS_API_TOKEN="$RC_EA_TOKEN" EASYAPPOINTMENTS_PROVIDER_ID="$PROVIDER" EASYAPPOINTMENTS_SERVICE_ID="$SERVICE" \
    EASYAPPOINTMENTS_TIMEZONE="$TZ_NAME" RATE_LIMIT_REQUESTS=1000000000 \
    java -XX:MaxRAM=512m -XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -jar "$JAR" \
    --log.format=json --log.access.directory="$OUT/$STAMP-rc-access" >"$OUT/$STAMP-rc-app.log" 2>&1 &
APP_PID=$!
PIDS+=("$APP_PID")
for _ in $(seq 120); do
    kill -0 "$APP_PID" 2>/dev/null || break
    curl -s "$APP/health" | grep -q healthy && break
    sleep 0.5
done
curl -s "$APP/health" | grep -q healthy || { echo "the app did not start: see $OUT/$STAMP-rc-app.log" >&2; exit 1; }

drive() { # target url seconds
    RC_TARGET=$1 RC_DAYS=$DAYS RC_SECRET=$SECRET RC_TOKEN=$RC_EA_TOKEN RC_PROVIDER=$PROVIDER RC_SERVICE=$SERVICE \
        wrk -t2 -c"$CONNS" -d"${3}s" --timeout 20s -s bench/real-calendar.lua "$2" | grep '^RC_JSON' | cut -d' ' -f2-
}
field() { sed -E 's/.*"'"$2"'":([^,}]*).*/\1/' <<<"$1"; }
calendar_reads() { curl -s "$MANAGEMENT/actuator/prometheus" 2>/dev/null \
    | awk '/^calendar_requests_seconds_count/ && /availabilities/ {s += $2} END {print s + 0}'; }

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
drive calendar "$RC_EA_URL" "$WARMUP" >/dev/null
CAL=$(drive calendar "$RC_EA_URL" "$SECS")
drive backend "$APP" "$WARMUP" >/dev/null
READS_BEFORE=$(calendar_reads)
BACK=$(drive backend "$APP" "$SECS")
READS=$(( $(calendar_reads) - READS_BEFORE ))
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)

# socket errors are shown apart: PHP's built-in server closes every connection after its answer, which wrk counts
row() { printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(field "$2" rps)" "$(field "$2" p50_ms)" \
    "$(field "$2" p99_ms)" "$(field "$2" ok)" "$(( $(field "$2" unreachable) + $(field "$2" limited) + $(field "$2" other) ))" \
    "$(field "$2" socket_errors)" "$3"; }
{
    echo "# check_availability against a real calendar, $STAMP"
    echo
    echo "Commit $(git rev-parse --short HEAD), $(java -version 2>&1 | head -1); $(nproc) cores; load average $LOAD_START at the start, $LOAD_END after phase 2."
    echo "$CONNS connections, ${SECS} s each after ${WARMUP} s of warm-up, over $DAYS_COUNT weekdays ($DAYS); provider $PROVIDER, service $SERVICE."
    echo
    echo "| target | req/s | p50 ms | p99 ms | answered | failed | socket errors | |"
    echo "|---|---|---|---|---|---|---|---|"
    row "the calendar, GET /availabilities" "$CAL" ""
    row "this backend, check_availability" "$BACK" "$READS calendar reads of /availabilities"
    echo
    awk -v b="$(field "$BACK" rps)" -v c="$(field "$CAL" rps)" 'BEGIN {printf "Backend / calendar throughput: %.1fx\n", b / c}'
} | tee "$REPORT"

if [[ "$MIXED_SECS" -gt 0 ]]; then
    # the mixed load of issue 23 (before: 7.1 reads of /availabilities per check_availability): callers each
    # asking a day among the ten, booking a free time, every other one then finding and cancelling it
    READS_BEFORE=$(calendar_reads)
    MIXED=$(java bench/MixedLoad.java "$APP" "$SECRET" "$RC_EA_URL" "$RC_EA_TOKEN" "$DAYS" "$MIXED_CALLERS" "$MIXED_SECS")
    READS=$(( $(calendar_reads) - READS_BEFORE ))
    value() { awk -F= -v k="$1" '$1 == k {print $2}' <<<"$MIXED"; }
    {
        echo
        echo "Mixed load, $MIXED_CALLERS callers for $MIXED_SECS s (ask a day among the $DAYS_COUNT, book a free time, every other"
        echo "caller then finds and cancels it): $(value calls) tool calls, $(value checks) check_availability,"
        echo "$(value booked) booked, $(value refused) not booked (time taken meanwhile), $(value cancelled) cancelled,"
        echo "$(value failed) failed; $(value overlaps) overlapping appointments of one person left in the calendar."
        awk -v r="$READS" -v c="$(value checks)" 'BEGIN {printf "%d calendar reads of /availabilities: %.2f per check_availability (bookings read too).\n", r, r / c}'
    } | tee -a "$REPORT"
fi

if [[ -n "${RC_RATE_LIMIT_CMD:-}" ]]; then
    # Easy!Appointments counts requests in a file per address, read and written back without a lock, so
    # concurrent requests lose counts and its limit trips late under load: it is used up here first, one request
    # at a time from the same address, until it refuses; then the backend is driven while it refuses.
    $RC_RATE_LIMIT_CMD on >/dev/null
    $RC_RATE_LIMIT_CMD reset >/dev/null
    FIRST_DAY=${DAYS%%,*}
    USED=0
    until [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $RC_EA_TOKEN" \
        "$RC_EA_URL/index.php/api/v1/availabilities?providerId=$PROVIDER&serviceId=$SERVICE&date=$FIRST_DAY")" == 429 ]]; do
        USED=$((USED + 1))
        [[ $USED -lt 400 ]] || { echo "the calendar never answered 429: is RC_RATE_LIMIT_CMD right?" >&2; exit 1; }
    done
    LIMITED=$(drive backend "$APP" "$LIMITED_SECS")
    $RC_RATE_LIMIT_CMD off >/dev/null
    METRICS=$(curl -s "$MANAGEMENT/actuator/prometheus")
    STALE=$(awk '/^availability_cache_total/ && /result="stale"/ {s += $2} END {print s + 0}' <<<"$METRICS")
    REFUSED=$(awk '/^calendar_requests_seconds_count/ && /outcome="rate_limited"/ {s += $2} END {print s + 0}' <<<"$METRICS")
    {
        echo
        echo "The calendar's rate limit on and used up (it refused after $USED requests), then the backend driven for"
        echo "$LIMITED_SECS s with the same load: $(field "$LIMITED" requests) answers, $(field "$LIMITED" ok) with times,"
        echo "$(field "$LIMITED" unreachable) saying the calendar could not be reached, $(field "$LIMITED" other) other;"
        echo "p99 $(field "$LIMITED" p99_ms) ms. The calendar refused the backend $REFUSED times; $STALE answers came from a"
        echo "day read before the refusals (AVAILABILITY_STALE_SECONDS)."
    } | tee -a "$REPORT"
fi
echo "Written to $REPORT"
