#!/usr/bin/env bash
# This backend beside the reference programs, in one command:   bench/compare.sh   (~7 min; COMPARE_LONG=1: ~35 min)
#
# Same machine, same run, same calendar stand-in, same 2 KB check_availability body, same wrk load (64 connections):
#   this backend      the packaged jar, extracted as the Docker image runs it, the image's JVM flags in a 512 MB
#                     container, production settings (APP_ENV=production), JSON logs and the access log to files
#   minimal Camel     ../shared/reference-bench/camel-app: a minimal Camel 4.17 YAML route doing only that call
#   bare MVC          ../shared/reference-bench/mvc-app: a Spring MVC controller + HttpClient 5, the stack's limit
#   FastAPI           ../shared/reference-bench/fastapi: the datasheet's stack (uvicorn, 2 workers, httpx)
# against the reference bench's nginx stand-in for Easy!Appointments (answers /availabilities at once). Each target
# runs alone: started, warmed up under the same load, measured, its RSS and CPU read, stopped. Prints a table with
# req/s, p50/p99, errors (non-2xx, socket errors, answers without the stand-in's slots), CPU ms per request, RSS, and
# this backend's ratios to the others; with COMPARE_RUNS > 1 one table per run and the ratios of every run.
# Loopback only; every wrk run is time-bounded. Never part of ./mvnw verify.
#
# This backend runs with AVAILABILITY_CACHE_SECONDS=0 so that, like the references, every request asks the calendar
# (with its default 5 s cache the same body would be answered from memory). COMPARE_CACHED=1 adds a row with it on.
#
# Settings (environment):
#   COMPARE_WARMUP=60     seconds of load before measuring a JVM target (FastAPI: 15; a JVM on 2 cores needs
#                         60-240 s under load before C2 has compiled the hot path: docs/performance.md)
#   COMPARE_SECONDS=20    measured seconds per target        COMPARE_CONNECTIONS=64   wrk connections (2 threads)
#   COMPARE_RUNS=1        whole runs in a row (the FastAPI ratio needs >= 3: its own figure moves between runs)
#   COMPARE_LONG=1        COMPARE_WARMUP=180 COMPARE_SECONDS=30 COMPARE_RUNS=3 (the figures in docs/performance.md: 120 s, 20 s, 3)
#   COMPARE_ONLY=regex    targets to run (backend|camel|mvc|fastapi|backend-cached)
#   COMPARE_SKIP_BUILD=1  use the jars already built;  COMPARE_JAR=path  benchmark that jar (before/after)
#   COMPARE_JAVA=java     the JVM of every Java target;  COMPARE_JVM_OPTS  this backend's flags (default: the
#                         Dockerfile's, MaxRAM standing for docker-compose.yml's 512 MB limit);
#                         COMPARE_REF_JVM_OPTS  the references' flags (default -Xmx1g, as their README runs them)
#   COMPARE_BACKEND_ENV   more settings for this backend, e.g. "WEBHOOK_WORKER_THREADS=200" (space-separated)
#   COMPARE_PROFILE=1     attach async-profiler (tools.profiler:async-profiler from Maven Central) to this backend
#                         during its measurement: CPU samples, collapsed stacks in bench/results/
#   COMPARE_PORT_BASE=18100  ports used: +0 backend, +1 its management port, +10 Camel, +20 MVC, +30 FastAPI;
#                         the stand-in listens on COMPARE_STUB_PORT (18081)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

WARMUP=${COMPARE_WARMUP:-60}
SECS=${COMPARE_SECONDS:-20}
RUNS=${COMPARE_RUNS:-1}
if [[ "${COMPARE_LONG:-0}" == 1 ]]; then
    WARMUP=${COMPARE_WARMUP:-180} SECS=${COMPARE_SECONDS:-30} RUNS=${COMPARE_RUNS:-3}
fi
CONN=${COMPARE_CONNECTIONS:-64}
ONLY=${COMPARE_ONLY:-}
JAVA=${COMPARE_JAVA:-java}
JVM_OPTS=${COMPARE_JVM_OPTS:--XX:MaxRAM=512m -XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}
REF_JVM_OPTS=${COMPARE_REF_JVM_OPTS:--Xmx1g}
PORT_BASE=${COMPARE_PORT_BASE:-18100}
STUB_PORT=${COMPARE_STUB_PORT:-18081}
PY=${COMPARE_PYTHON:-/usr/bin/python3}   # Debian's python (python3-fastapi, -uvicorn, -httpx), not a pyenv shim
REF_SRC=${COMPARE_REFERENCE_BENCH:-$ROOT/../shared/reference-bench}
REF=$ROOT/target/reference-bench
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/compare-$STAMP
mkdir -p "$OUT"
SECRET=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')   # production refuses a secret under 256 bits

say() { echo "$*" >&2; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

# --- the table and the ratios, from results.tsv (COMPARE_REPORT=dir writes a run's report.md again) -----------
report() { # dir
    local rows=$1/results.tsv
    {

    cat "$1/about.md"
    awk -F'\t' '
        NR == 1 { next }
        { run[NR] = $1; name[NR] = $2; rps[$1, $2] = $4; p99[$1, $2] = $7; cpu[$1, $2] = $11; rows[NR] = $0; last = NR
          if ($1 > maxrun) maxrun = $1 }
        function ratio(a, b) { return (b > 0 && a != "") ? sprintf("%.0f %%", 100 * a / b) : "–" }
        function times(a, b) { return (b > 0 && a != "") ? sprintf("%.1f×", a / b) : "–" }
        END {
            for (i = 2; i <= last; i++) {
                r = run[i]
                if (r != prev) {
                    printf "\n### run %s\n\n", r
                    print "| target | load avg before | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors | CPU ms/req | RSS MB (peak) | load avg after | others CPU |"
                    print "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
                    prev = r
                }
                split(rows[i], f, "\t")
                printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s %% |\n", f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10], f[11], f[12], f[13], f[14], f[15]
            }
            print ""
            print "### this backend against the others (req/s ratio; p99 in ms)"
            print ""
            print "| run | ÷ bare MVC | ÷ minimal Camel | ÷ FastAPI | backend p99 | MVC p99 | Camel p99 | FastAPI p99 | CPU/req × MVC | × Camel |"
            print "|---|---|---|---|---|---|---|---|---|---|"
            for (r = 1; r <= maxrun; r++) {
                b = rps[r, "backend"]
                printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", r, ratio(b, rps[r, "mvc"]), ratio(b, rps[r, "camel"]),
                    ratio(b, rps[r, "fastapi"]), p99[r, "backend"], p99[r, "mvc"], p99[r, "camel"], p99[r, "fastapi"],
                    times(cpu[r, "backend"], cpu[r, "mvc"]), times(cpu[r, "backend"], cpu[r, "camel"])
            }
        }' "$rows"
    echo
    echo "Targets (issue 23): ≥ 50 % of bare MVC's req/s; p99 ≤ 100 ms; no errors; RSS ≤ 350 MB."
    } >"$1/report.md"
    cat "$1/report.md"
}
if [[ -n "${COMPARE_REPORT:-}" ]]; then
    report "$COMPARE_REPORT"
    exit 0
fi

# --- tools: wrk, nginx with the echo module, Debian's FastAPI (apt-get, as bench/run.sh does for wrk) ----------
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v nginx >/dev/null || need_apt+=(nginx)
[[ -f /usr/lib/nginx/modules/ngx_http_echo_module.so ]] || need_apt+=(libnginx-mod-http-echo)
if [[ -z "$ONLY" || fastapi =~ $ONLY ]]; then
    "$PY" -c 'import fastapi, uvicorn, httpx' 2>/dev/null || need_apt+=(python3-fastapi python3-uvicorn python3-httpx)
fi
if [[ ${#need_apt[@]} -gt 0 ]]; then
    say "installing ${need_apt[*]} with apt-get"
    SUDO=$([[ $(id -u) == 0 ]] && echo "" || echo sudo)
    $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null \
        || { $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null; }
fi

# --- the reference programs: a copy of ../shared/reference-bench (it may be read-only), built with the wrapper ----
[[ -d "$REF_SRC" ]] || { say "no reference bench at $REF_SRC (COMPARE_REFERENCE_BENCH)"; exit 1; }
if [[ "${COMPARE_SKIP_BUILD:-0}" != 1 || ! -d "$REF" ]]; then
    rm -rf "$REF" && mkdir -p "$ROOT/target" && cp -r "$REF_SRC" "$REF" && chmod -R u+w "$REF"
fi
build() { # pom: offline first (the usual case once built), then with Maven Central
    ./mvnw -q -o -B -DskipTests -f "$1" package >/dev/null 2>&1 || ./mvnw -q -B -DskipTests -f "$1" package >/dev/null
}
MVC_JAR=$REF/mvc-app/target/mvc-app-0.0.1-SNAPSHOT.jar
CAMEL_JAR=$REF/camel-app/target/camel-app-0.0.1-SNAPSHOT.jar
if [[ "${COMPARE_SKIP_BUILD:-0}" != 1 || ! -f "$MVC_JAR" || ! -f "$CAMEL_JAR" ]]; then
    say "building the reference programs"
    build "$REF/mvc-app/pom.xml"
    build "$REF/camel-app/pom.xml"
fi
if [[ "${COMPARE_SKIP_BUILD:-0}" != 1 && -z "${COMPARE_JAR:-}" ]]; then
    say "building this backend (./mvnw -q -DskipTests package)"
    ./mvnw -q -B -DskipTests package >/dev/null
fi
JAR=${COMPARE_JAR:-$(ls target/vapi-receptionist-*.jar | grep -v original | head -1)}
rm -rf target/compare-app
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination target/compare-app >/dev/null
APP_JAR=target/compare-app/$(ls target/compare-app | grep '\.jar$')
(cd "$REF/bench" && python3 make_bodies.py >/dev/null)   # a weekday a week ahead
BODY=$REF/bench/body-2k.json

# --- the calendar stand-in: the reference nginx stub, on COMPARE_STUB_PORT ------------------------------------
sed -i "s/listen 127.0.0.1:[0-9]*/listen 127.0.0.1:$STUB_PORT/" "$REF/nginx/ea-stub.conf"
EA=http://127.0.0.1:$STUB_PORT
SERVER_PID=""
cleanup() { stop_server; "$REF/bench/nginx.sh" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
"$REF/bench/nginx.sh" start
curl -fso /dev/null "$EA/index.php/api/v1/availabilities?providerId=2&serviceId=1&date=2030-01-07" \
    || { say "the nginx stand-in does not answer on $EA"; exit 1; }

# --- one target: start, wait for a correct answer, warm up, measure, read RSS and CPU, stop ------------------
start_server() { # name port secret log cmd...
    local name=$1 port=$2 secret=$3 log=$4; shift 4
    setsid "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    local i
    for i in $(seq 1 1200); do
        if curl -s -m 2 -XPOST -H "x-vapi-secret: $secret" -H 'Content-Type: application/json' --data-binary @"$BODY" \
                "http://127.0.0.1:$port/api/webhooks/vapi" 2>/dev/null | grep -q '09:00'; then
            return 0
        fi
        kill -0 "$SERVER_PID" 2>/dev/null || { say "$name stopped; see $log"; return 1; }
        sleep 0.1
    done
    say "$name gave no answer in 120 s; see $log"; return 1
}
stop_server() { # SIGTERM to the process group started with setsid (uvicorn's workers are children)
    [[ -n "$SERVER_PID" ]] || return 0
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
group_pids() { echo "$1" $(pgrep -P "$1" | tr '\n' ' '); }
rss_mb() { local p s=0; for p in $(group_pids "$1"); do s=$((s + $(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done; echo $((s / 1024)); }
peak_mb() { local p s=0; for p in $(group_pids "$1"); do s=$((s + $(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0))); done; echo $((s / 1024)); }
cpu_ticks() { local p s=0; for p in $(group_pids "$1"); do s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $s; }
wrk_run() { # port secret seconds; the RESULT line gets wrk's own CPU ticks (the subshell's waited-for children)
    (
        BODY=$BODY SECRET=$2 wrk -t2 -c"$CONN" -d"$3"s --timeout 10s -s "$ROOT/bench/compare.lua" "http://127.0.0.1:$1" \
            | tee -a "$OUT/wrk.log" | grep '^RESULT' | tr -d '\n' \
            || echo -n "RESULT rps=0 p50_ms=0 p90_ms=0 p99_ms=0 max_ms=0 n=0 non2xx=0 sockerr=0 wrong=0"
        echo " wrk_ticks=$(awk '{print $16 + $17}' "/proc/$BASHPID/stat")"
    )
}
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }   # user nice system irq softirq steal
all_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }
stub_ticks() { local p s=0; for p in $(cat "$REF/nginx/run/nginx.pid") $(pgrep -P "$(cat "$REF/nginx/run/nginx.pid")"); do
    s=$((s + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $s; }
val() { sed -E "s/.* $2=([^ ]*).*/\1/" <<<" $1"; }
profiler_lib() {
    local dir=$ROOT/target/async-profiler
    if [[ ! -f $dir/linux-x64/libasyncProfiler.so ]]; then
        ./mvnw -q -B dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$dir" >/dev/null
        (cd "$dir" && unzip -o -q async-profiler-4.1.jar 'linux-x64/*')
    fi
    echo "$dir/linux-x64/libasyncProfiler.so"
}

ROWS_TSV=$OUT/results.tsv
printf 'run\ttarget\tload_before\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\trequests\terrors\tcpu_ms_per_req\trss_mb\tpeak_rss_mb\tload_after\tothers_cpu_pct\n' >"$ROWS_TSV"
bench_target() { # run name port secret warmup cmd...
    local run=$1 name=$2 port=$3 secret=$4 warm=$5; shift 5
    [[ -z "$ONLY" || $name =~ ^($ONLY)$ ]] || return 0
    say "== run $run: $name (warm-up ${warm}s, then ${SECS}s at $CONN connections)"
    start_server "$name" "$port" "$secret" "$OUT/$name-run$run.log" "$@"
    local curve="" i
    for i in $(seq 1 $(( (warm + 14) / 15 ))); do
        curve+="$(val "$(wrk_run "$port" "$secret" 15)" rps) "
    done
    say "   warm-up req/s per 15 s: $curve"
    local prof=""
    if [[ "${COMPARE_PROFILE:-0}" == 1 && $name == backend ]]; then
        prof=$(profiler_lib)
        jcmd "$SERVER_PID" JVMTI.agent_load "$prof" '"start,event=itimer,interval=1ms"' >/dev/null
    fi
    local load0 t0 line t1 load1 b0 b1 a0 a1 s0 s1 others
    load0=$(loadavg) t0=$(cpu_ticks "$SERVER_PID") b0=$(busy_ticks) a0=$(all_ticks) s0=$(stub_ticks)
    line=$(wrk_run "$port" "$secret" "$SECS")
    t1=$(cpu_ticks "$SERVER_PID") b1=$(busy_ticks) a1=$(all_ticks) s1=$(stub_ticks) load1=$(loadavg)
    # the machine's CPU used by anything but this target, the stand-in and wrk (other people's work), % of all cores
    others=$(awk -v b="$((b1 - b0))" -v a="$((a1 - a0))" -v t="$((t1 - t0))" -v s="$((s1 - s0))" -v w="$(val "$line" wrk_ticks)" \
        'BEGIN {o = (b - t - s - w) * 100 / (a > 0 ? a : 1); printf "%.0f", (o < 0 ? 0 : o)}')
    if [[ -n "$prof" ]]; then
        jcmd "$SERVER_PID" JVMTI.agent_load "$prof" "\"stop,file=$OUT/profile-$name-run$run.collapsed,collapsed\"" >/dev/null
        say "   profile: $OUT/profile-$name-run$run.collapsed"
    fi
    local n errors cpu_ms
    n=$(val "$line" n)
    errors=$(( $(val "$line" non2xx) + $(val "$line" sockerr) + $(val "$line" wrong) ))
    cpu_ms=$(awk -v t="$((t1 - t0))" -v n="$n" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0)}')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$run" "$name" "$load0" "$(val "$line" rps)" \
        "$(val "$line" p50_ms)" "$(val "$line" p90_ms)" "$(val "$line" p99_ms)" "$(val "$line" max_ms)" "$n" "$errors" \
        "$cpu_ms" "$(rss_mb "$SERVER_PID")" "$(peak_mb "$SERVER_PID")" "$load1" "$others" >>"$ROWS_TSV"
    say "   $(val "$line" rps) req/s, p50 $(val "$line" p50_ms) ms, p99 $(val "$line" p99_ms) ms, errors $errors, RSS $(rss_mb "$SERVER_PID") MB, others' CPU $others %"
    stop_server
}

# this backend: production settings, every request asks the calendar; JSON logs to a file, the access log beside it
BACKEND_ENV=(env APP_ENV=production PORT=$PORT_BASE MANAGEMENT_PORT=$((PORT_BASE + 1)) WEBHOOK_SECRET=$SECRET
    EASYAPPOINTMENTS_BASE_URL=$EA EASYAPPOINTMENTS_API_TOKEN=ea-token LOG_FORMAT=json)
backend() { # run name cache-seconds
    bench_target "$1" "$2" "$PORT_BASE" "$SECRET" "$WARMUP" "${BACKEND_ENV[@]}" AVAILABILITY_CACHE_SECONDS="$3" \
        ACCESS_LOG_DIR="$OUT/access-$2-run$1" ${COMPARE_BACKEND_ENV:-} "$JAVA" $JVM_OPTS -jar "$APP_JAR"
}

GIT_COMMIT=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src routes pom.xml || echo "+uncommitted")
JDK=$("$JAVA" -version 2>&1 | head -1)
say "load average at start: $(loadavg) on $(nproc) cores; commit $GIT_COMMIT; $JDK"
START_LOAD=$(loadavg)
{
    echo "# bench/compare.sh, $STAMP"
    echo
    echo "Commit $GIT_COMMIT, $JDK, $(nproc) cores; load average at start $START_LOAD. $CONN connections (wrk -t2),"
    echo "the reference 2 KB check_availability body, nginx stand-in answering at once; warm-up ${WARMUP} s per JVM"
    echo "target (FastAPI 15 s), then ${SECS} s measured. This backend: \`$JVM_OPTS\`, APP_ENV=production,"
    echo "AVAILABILITY_CACHE_SECONDS=0 (backend-cached: 5) ${COMPARE_BACKEND_ENV:-}, JSON logs and the access log to files."
    echo "References: \`$REF_JVM_OPTS\`."
    echo "Errors: non-2xx + socket errors + answers without the stand-in's slots. CPU: the server's own, per request."
    echo "Others CPU: the machine's CPU (% of all cores) used during the measurement by anything but the target, the"
    echo "stand-in and wrk: other people's work; a figure measured beside more than a few % of it is a loaded one."
} >"$OUT/about.md"
for run in $(seq 1 "$RUNS"); do
    backend "$run" backend 0
    bench_target "$run" camel $((PORT_BASE + 10)) test-secret "$WARMUP" \
        "$JAVA" $REF_JVM_OPTS -jar "$CAMEL_JAR" --server.port=$((PORT_BASE + 10)) --ea.base-url="$EA"
    bench_target "$run" mvc $((PORT_BASE + 20)) test-secret "$WARMUP" \
        "$JAVA" $REF_JVM_OPTS -jar "$MVC_JAR" --server.port=$((PORT_BASE + 20)) --ea.base-url="$EA"
    bench_target "$run" fastapi $((PORT_BASE + 30)) test-secret 15 env -C "$REF/fastapi" EA_BASE_URL="$EA" \
        "$PY" -m uvicorn app.main:app --port $((PORT_BASE + 30)) --workers 2 --log-level warning --no-access-log
    if [[ "${COMPARE_CACHED:-0}" == 1 ]]; then
        backend "$run" backend-cached 5
    fi
done

report "$OUT"
say "results: $OUT (report.md, results.tsv, each target's log, wrk.log)"
