#!/usr/bin/env bash
# A rolling restart under load, in one command:   bench/rolling-restart.sh   (~3 min, loopback only)
#
# Two instances of the packaged app (A and B) behind Debian's nginx, sharing one redis-server and one calendar:
# a third instance of the app serving its built-in sandbox calendar, which both book into over HTTP, so every
# booking lands in one calendar that can be read back. A steady load of tool calls (bench/RollingLoad.java: one
# in three a booking, each re-sent once with its tool call id) runs through nginx while A, then B, is restarted.
#
# This script plays the orchestrator, as Kubernetes does with deploy/kubernetes/: it keeps nginx's upstream in
# step with each instance's readiness (/actuator/health/readiness, polled every 0.5 s); to restart an instance it
# takes it out of the upstream (a terminating pod leaves its Service), waits the preStop, sends SIGTERM (readiness
# turns false, graceful shutdown answers what is in flight), starts it again, and puts it back only once it is
# ready. nginx retries a request on the other instance only when it could not connect (a POST already sent is never
# re-sent). It prints: requests sent, answers that were not HTTP 200 with a tool answer, bookings made vs asked,
# duplicate confirmations, appointments in the calendar and double bookings; exit status 1 if any target is missed.
#
# Settings (environment): ROLLING_WORKERS=6 (callers at once), ROLLING_PAUSE_MS=150 (each caller's pause between
# calls), ROLLING_WARMUP_SECONDS=30, ROLLING_SETTLE_SECONDS=20 (load between and after restarts),
# ROLLING_PRESTOP_SECONDS=5, ROLLING_BASE_PORT=18200, BENCH_SKIP_BUILD=1 (use the jar in target/).
set -euo pipefail
cd "$(dirname "$0")/.."

WORKERS=${ROLLING_WORKERS:-6}
PAUSE_MS=${ROLLING_PAUSE_MS:-150}
WARMUP=${ROLLING_WARMUP_SECONDS:-30}
SETTLE=${ROLLING_SETTLE_SECONDS:-20}
PRESTOP=${ROLLING_PRESTOP_SECONDS:-5}
BASE=${ROLLING_BASE_PORT:-18200}
CAL_PORT=$BASE; CAL_MGMT=$((BASE + 1))
declare -A PORT=([A]=$((BASE + 10)) [B]=$((BASE + 20)))
declare -A MGMT=([A]=$((BASE + 11)) [B]=$((BASE + 21)))
REDIS_PORT=$((BASE + 30))
LB_PORT=$((BASE + 40))
SECRET=rolling-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$PWD/bench/results/$STAMP-rolling
mkdir -p "$OUT/nginx"
JVM_OPTS=${BENCH_JVM_OPTS:--XX:MaxRAM=512m -XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}
T0=$(date +%s.%N)
say() { printf '%6.1fs  %s\n' "$(echo "$(date +%s.%N) - $T0" | bc)" "$*" | tee -a "$OUT/events.log"; }

# --- the tools: nginx and redis-server from Debian, installed when missing ---------------------------------------
SUDO=$([[ $(id -u) == 0 ]] && echo "" || echo sudo)
install() { $SUDO apt-get install -y "$@" >/dev/null || { $SUDO apt-get update >/dev/null && $SUDO apt-get install -y "$@" >/dev/null; }; }
command -v nginx >/dev/null || { echo "nginx is missing: installing nginx-light with apt-get"; install nginx-light; }
command -v redis-server >/dev/null || { echo "redis-server is missing: installing it with apt-get"; install redis-server; }
for tool in curl java jq bc; do command -v "$tool" >/dev/null || { echo "rolling-restart needs $tool" >&2; exit 1; }; done

# --- the packaged app, extracted as the Docker image runs it -------------------------------------------------------
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    echo "building the app (./mvnw -q -DskipTests package)"
    ./mvnw -q -DskipTests package
fi
JAR=$(ls target/vapi-receptionist-*.jar | grep -v original | head -1)
rm -rf target/rolling-app
java -Djarmode=tools -jar "$JAR" extract --destination target/rolling-app >/dev/null
APP_JAR=target/rolling-app/$(ls target/rolling-app | grep '\.jar$')

declare -A PID=()
OTHER_PIDS=()
cleanup() {
    for pid in "${PID[@]}" "${OTHER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap cleanup EXIT

ready() { [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/actuator/health/readiness") == 200 ]]; }
wait_ready() { # management port, pid, what
    local deadline=$((SECONDS + 120))
    until ready "$1"; do
        kill -0 "$2" 2>/dev/null || { echo "$3 stopped while starting; see $OUT" >&2; exit 1; }
        (( SECONDS < deadline )) || { echo "$3 not ready after 120 s; see $OUT" >&2; exit 1; }
        sleep 0.2
    done
}

# --- one redis-server, one calendar ------------------------------------------------------------------------------
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$OUT" >"$OUT/redis.log" 2>&1 &
OTHER_PIDS+=($!)
env APP_ENV=development PORT="$CAL_PORT" MANAGEMENT_PORT="$CAL_MGMT" WEBHOOK_SECRET="$SECRET" LOG_FORMAT=text \
    java $JVM_OPTS -jar "$APP_JAR" >"$OUT/calendar.log" 2>&1 &
CAL_PID=$!
OTHER_PIDS+=("$CAL_PID")
CALENDAR=http://127.0.0.1:$CAL_PORT/sandbox/easyappointments

# --- the two instances -------------------------------------------------------------------------------------------
start_instance() { # A or B
    env APP_ENV=development PORT="${PORT[$1]}" MANAGEMENT_PORT="${MGMT[$1]}" WEBHOOK_SECRET="$SECRET" LOG_FORMAT=text \
        EASYAPPOINTMENTS_BASE_URL="$CALENDAR" REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0" RATE_LIMIT_REQUESTS=1000000000 \
        java $JVM_OPTS -jar "$APP_JAR" >>"$OUT/instance-$1.log" 2>&1 &
    PID[$1]=$!
}
start_instance A
start_instance B
wait_ready "$CAL_MGMT" "$CAL_PID" "the calendar instance"
wait_ready "${MGMT[A]}" "${PID[A]}" "instance A"
wait_ready "${MGMT[B]}" "${PID[B]}" "instance B"

# --- nginx: its upstream holds the instances that are ready and not terminating ----------------------------------
NGINX=(nginx -p "$OUT/nginx" -c "$OUT/nginx/nginx.conf")
cat >"$OUT/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log warn;
events { worker_connections 1024; }
http {
    log_format upstream '\$msec \$status \$upstream_addr \$upstream_status \$request_time';
    access_log $OUT/nginx/access.log upstream;
    # No keep-alive toward the callers: a reload (how this script changes the upstream) closes idle keep-alive
    # connections, racing a caller's next request on them, an artefact of reloading nginx that an orchestrator
    # changing endpoints does not have.
    keepalive_timeout 0;
    client_body_temp_path $OUT/nginx/body; proxy_temp_path $OUT/nginx/proxy;
    fastcgi_temp_path $OUT/nginx/fastcgi; uwsgi_temp_path $OUT/nginx/uwsgi; scgi_temp_path $OUT/nginx/scgi;
    include $OUT/nginx/upstream.conf;
    server {
        listen 127.0.0.1:$LB_PORT;
        location / {
            proxy_pass http://backends;
            proxy_connect_timeout 1s;
            proxy_read_timeout 20s;
            proxy_next_upstream error timeout;
            proxy_next_upstream_tries 2;
        }
    }
}
CONF
declare -A ROUTED=([A]=1 [B]=1)
write_upstream() {
    local instance
    {
        echo "upstream backends {"
        for instance in A B; do
            echo "    server 127.0.0.1:${PORT[$instance]} max_fails=1 fail_timeout=2s$([[ ${ROUTED[$instance]} == 1 ]] || echo ' down');"
        done
        echo "}"
    } >"$OUT/nginx/upstream.conf"
}
route() { # instance, 1 (in) or 0 (out)
    ROUTED[$1]=$2
    write_upstream
    "${NGINX[@]}" -s reload
    say "nginx: instance $1 $([[ $2 == 1 ]] && echo 'in the upstream' || echo 'out of the upstream')"
}
write_upstream
"${NGINX[@]}" >"$OUT/nginx/stdout.log" 2>&1 &
OTHER_PIDS+=($!)
until curl -s -o /dev/null "http://127.0.0.1:$LB_PORT/"; do sleep 0.1; done
say "A, B, the calendar, Redis and nginx are up"

# --- the load ----------------------------------------------------------------------------------------------------
java bench/RollingLoad.java "http://127.0.0.1:$LB_PORT/api/webhooks/vapi" "$SECRET" "$WORKERS" 900 "$OUT/stop" \
    "$OUT/booked.txt" "$PAUSE_MS" >"$OUT/load.txt" 2>&1 &
LOAD_PID=$!
OTHER_PIDS+=("$LOAD_PID")
say "load: $WORKERS callers, ${PAUSE_MS} ms pause each; warm-up ${WARMUP} s"
sleep "$WARMUP"

restart() { # A or B
    local i=$1 pid=${PID[$1]} went_unready=""
    route "$i" 0
    say "instance $i: preStop ${PRESTOP} s, then SIGTERM"
    sleep "$PRESTOP"
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do
        if [[ -z "$went_unready" ]] && ! ready "${MGMT[$i]}"; then
            went_unready=1
            say "instance $i: readiness false while still running (draining)"
        fi
        sleep 0.1
    done
    wait "$pid" 2>/dev/null || true
    say "instance $i: stopped (graceful shutdown: $(grep -c 'Graceful shutdown complete' "$OUT/instance-$i.log") of $(grep -c 'Commencing graceful shutdown' "$OUT/instance-$i.log") completed)"
    [[ -n "$went_unready" ]] || say "instance $i: readiness never seen false before it stopped"
    start_instance "$i"
    say "instance $i: starting"
    wait_ready "${MGMT[$i]}" "${PID[$i]}" "instance $i"
    say "instance $i: ready"
    route "$i" 1
}
restart A
sleep "$SETTLE"
restart B
sleep "$SETTLE"
touch "$OUT/stop"
wait "$LOAD_PID" || true
say "load stopped"

# --- the figures -------------------------------------------------------------------------------------------------
figure() { sed -n "s/^$1=//p" "$OUT/load.txt"; }
# every appointment in the one calendar, page by page
: >"$OUT/appointments.json"
for page in $(seq 1 100); do
    chunk=$(curl -sf -u sandbox:sandbox "$CALENDAR/index.php/api/v1/appointments?page=$page&length=500")
    [[ $(jq length <<<"$chunk") == 0 ]] && break
    jq -c '.[]' <<<"$chunk" >>"$OUT/appointments.json"
done
APPOINTMENTS=$(wc -l <"$OUT/appointments.json")
DOUBLE=$(jq -r '"\(.providerId) \(.start)"' "$OUT/appointments.json" | sort | uniq -d | wc -l)
LOST=$(sort -u "$OUT/booked.txt" | comm -23 - <(jq -r '.id' "$OUT/appointments.json" | sort -u) | wc -l)
grep -ho 'confirmation_dry_run appointment_id=[0-9]*' "$OUT"/instance-*.log | sort | uniq -c >"$OUT/confirmations.txt" || true
CONFIRMATIONS=$(awk '{n += $1} END {print n + 0}' "$OUT/confirmations.txt")
DUPLICATES=$(awk '$1 > 1 {n += $1 - 1} END {print n + 0}' "$OUT/confirmations.txt")
declare -A SERVED=()
for instance in A B; do SERVED[$instance]=$(grep -c "127.0.0.1:${PORT[$instance]}" "$OUT/nginx/access.log" || true); done
RETRIED=$(grep -c ', ' "$OUT/nginx/access.log" || true)

cat <<REPORT | tee "$OUT/report.txt"

Rolling restart of 2 instances behind nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'), one redis-server, one calendar ($(date -u +%F))
  load                          $WORKERS callers, ${PAUSE_MS} ms pause each: $(figure rate_per_second) tool calls/s for $(figure seconds) s
  requests sent                 $(figure requests_sent)   (A answered ${SERVED[A]}, B ${SERVED[B]}; $RETRIED moved to the other instance by nginx)
  not 200 with a tool answer    $(figure failed)   (target 0)
  tool answers that were errors $(figure tool_errors)
  bookings made / asked         $(figure bookings_made) / $(figure bookings_asked)
  re-sent bookings              $(figure resent_same_answer) same answer; $(figure resent_same_appointment) found in the calendar (same appointment); $(figure resent_other_appointment) another appointment (target 0)
  confirmations sent            $CONFIRMATIONS   (dry run, counted from both instances' logs)
  duplicate confirmations       $DUPLICATES   (target 0)
  appointments in the calendar  $APPOINTMENTS   (bookings answered but missing: $LOST)
  double bookings               $DOUBLE   (target 0)
  events                        $OUT/events.log
REPORT
grep '^failure' "$OUT/load.txt" || true
[[ $(figure failed) == 0 && $(figure resent_other_appointment) == 0 && $DUPLICATES == 0 && $DOUBLE == 0 && $LOST == 0 && $APPOINTMENTS == $(figure bookings_made) ]]
