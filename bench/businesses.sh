#!/usr/bin/env bash
# What the 100th business costs, in one command:   bench/businesses.sh   (~6 min, loopback only)
#
# Starts the packaged app (extracted as the Docker image runs it, with the image's JVM flags) on a BUSINESSES_FILE of
# N businesses, each on its own sandbox calendar, for N in BUSINESSES_COUNTS; and, as references in the same run, the
# app without a file (one business from the environment: one deployment as it is today) and the bare Spring MVC app
# of ../shared/reference-bench (the least a Spring Boot web app costs). For each start it records
#   start   seconds from launch to the first 200 of /health (the bare app: to its first HTTP answer),
#   idle    RSS (/proc/<pid>/status VmRSS) and heap in use after a full GC (jcmd GC.run, then GC.heap_info),
#   booked  the same after one check_availability and one book_appointment per business (each answer checked),
#           and the JVM's threads then (a business's lookup threads end once idle for the profile's keep-alive),
# BUSINESSES_RUNS times each, and prints the medians with each figure's ratio to the no-file app's, the cost of each
# business beyond the first ((N's - 1's) / (N - 1)), and what N one-business deployments would take instead.
#
# Settings (environment): BUSINESSES_COUNTS="1 10 100", BUSINESSES_RUNS=3, BUSINESSES_PORT=18400,
# BENCH_JVM_OPTS (the image's flags under a 512 MB limit), BENCH_SKIP_BUILD=1 (use the jar in target/),
# COMPARE_REFERENCE_BENCH (../shared/reference-bench). Results: bench/results/<stamp>-businesses/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

COUNTS=${BUSINESSES_COUNTS:-1 10 100}
RUNS=${BUSINESSES_RUNS:-3}
PORT=${BUSINESSES_PORT:-18400}
MGMT=$((PORT + 1))
REF_PORT=$((PORT + 2))
JVM_OPTS=${BENCH_JVM_OPTS:--XX:MaxRAM=512m -XX:+UseSerialGC -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}
REF_SRC=${COMPARE_REFERENCE_BENCH:-$ROOT/../shared/reference-bench}
REF=$ROOT/target/reference-bench
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$ROOT/bench/results/$STAMP-businesses
mkdir -p "$OUT"
say() { echo "$(date -u +%T)  $*" | tee -a "$OUT/events.log"; }
for tool in curl java jcmd jq bc; do command -v "$tool" >/dev/null || { echo "businesses.sh needs $tool" >&2; exit 1; }; done

# --- the packaged app, extracted as the Docker image runs it; the bare MVC reference, built with the wrapper -----
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    say "building the app (./mvnw -q -DskipTests package)"
    ./mvnw -q -B -DskipTests package >/dev/null
fi
JAR=$(ls target/vapi-receptionist-*.jar | grep -v original | head -1)
rm -rf target/businesses-app
java -Djarmode=tools -jar "$JAR" extract --destination target/businesses-app >/dev/null
APP_JAR=target/businesses-app/$(ls target/businesses-app | grep '\.jar$')
MVC_JAR=$REF/mvc-app/target/mvc-app-0.0.1-SNAPSHOT.jar
if [[ ! -f "$MVC_JAR" ]]; then
    [[ -d "$REF_SRC" ]] || { say "no reference bench at $REF_SRC (COMPARE_REFERENCE_BENCH)"; exit 1; }
    say "building the bare MVC reference"
    rm -rf "$REF" && cp -r "$REF_SRC" "$REF" && chmod -R u+w "$REF"
    ./mvnw -q -o -B -DskipTests -f "$REF/mvc-app/pom.xml" package >/dev/null 2>&1 \
        || ./mvnw -q -B -DskipTests -f "$REF/mvc-app/pom.xml" package >/dev/null
fi

PID=""
stop() { if [[ -n "$PID" ]]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; PID=""; fi; }
trap stop EXIT

# --- a file of n sandbox businesses b001..bn, each with its own secret variable ------------------------------------
declare -A SECRET=()
write_file() { # n -> $OUT/businesses-n.yaml
    local n=$1 file=$OUT/businesses-$1.yaml
    echo "businesses:" >"$file"
    for ((i = 1; i <= n; i++)); do
        local id; id=$(printf 'b%03d' "$i")
        SECRET[$id]=${SECRET[$id]:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}
        printf '  - id: %s\n    name: Business %s\n    timezone: Europe/London\n    vapi:\n      phone-number-ids: [pn-%s]\n    webhook:\n      secret: ${%s_SECRET}\n' \
            "$id" "$i" "$id" "${id^^}" >>"$file"
    done
}
secrets_env() { for id in "${!SECRET[@]}"; do echo "${id^^}_SECRET=${SECRET[$id]}"; done; }

now() { date +%s.%N; }
rss_mb() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
threads() { awk '/^Threads/ { print $2 }' "/proc/$1/status"; }
# heap in use after a full collection: the serial collector's generations' "used" figures (K), in MB
heap_mb() {
    jcmd "$1" GC.run >/dev/null
    jcmd "$1" GC.heap_info | grep generation | grep -oE 'used [0-9]+K' | awk '{ sum += $2 } END { printf "%.1f", sum / 1024 }'
}

# --- one start: launch, wait until ready, measure idle, book once per business, measure again, stop ---------------
DAY=$(d=$(date -u -d '+7 days' +%F); while [[ $(date -u -d "$d" +%u) -gt 5 ]]; do d=$(date -u -d "$d +1 day" +%F); done; echo "$d")
measure_app() { # label n (0: no file) run
    local label=$1 n=$2 run=$3 log=$OUT/$1-run$3.log
    local -a env=(APP_ENV=development PORT=$PORT MANAGEMENT_PORT=$MGMT ACCESS_LOG_DIR=$OUT/access-$label-$run
        BUSINESSES_FILE_WATCH=false RATE_LIMIT_REQUESTS=1000000)
    if ((n > 0)); then
        env+=(BUSINESSES_FILE=$OUT/businesses-$n.yaml)
        mapfile -t -O "${#env[@]}" env < <(secrets_env)
    else
        env+=(WEBHOOK_SECRET=bench-secret-0123456789-0123456789-0123)
    fi
    local t0; t0=$(now)
    env "${env[@]}" java $JVM_OPTS -jar "$APP_JAR" >"$log" 2>&1 &
    PID=$!
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$PORT/health") == 200 ]]; do
        kill -0 "$PID" 2>/dev/null || { say "$label run $run: the app stopped; see $log"; exit 1; }
        sleep 0.05
    done
    local start; start=$(echo "$(now) - $t0" | bc)
    local heap_idle rss_idle; heap_idle=$(heap_mb "$PID"); rss_idle=$(rss_mb "$PID")
    local booked=0 count=$((n > 0 ? n : 1))
    for ((i = 1; i <= count; i++)); do
        local path=/api/webhooks/vapi secret=bench-secret-0123456789-0123456789-0123
        if ((n > 0)); then
            local id; id=$(printf 'b%03d' "$i"); path=$path/$id; secret=${SECRET[$id]}
        fi
        call() { curl -s --max-time 10 "http://127.0.0.1:$PORT$path" -H "x-vapi-secret: $secret" \
            -H 'Content-Type: application/json' -d '{"message":{"type":"tool-calls","toolCallList":[{"id":"'"$1-$run-$i"'","type":"function","function":{"name":"'"$1"'","arguments":'"$2"'}}]}}'; }
        local slot; slot=$(call check_availability '{"date":"'"$DAY"'"}' | jq -r '.results[0].result | fromjson | .slots[0] // empty')
        [[ -n "$slot" ]] || continue
        call book_appointment '{"date":"'"$DAY"'","time":"'"$slot"'","first_name":"Ada","last_name":"Lovelace","email":"ada'"$i"'@example.com","phone":"07123 456789"}' \
            | jq -e '.results[0].result | fromjson | .appointment_id > 0' >/dev/null && booked=$((booked + 1))
    done
    local heap_booked rss_booked threads_booked; heap_booked=$(heap_mb "$PID"); rss_booked=$(rss_mb "$PID")
    threads_booked=$(threads "$PID")
    stop
    printf '%s\t%s\t%s\t%.2f\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$n" "$run" "$start" "$rss_idle" "$heap_idle" "$rss_booked" \
        "$heap_booked" "$booked/$count" "$threads_booked" | tee -a "$OUT/results.tsv"
}

measure_mvc() { # run
    local run=$1 t0; t0=$(now)
    java $JVM_OPTS -jar "$MVC_JAR" --server.port=$REF_PORT >"$OUT/mvc-run$run.log" 2>&1 &
    PID=$!
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$REF_PORT/") != 000 ]]; do
        kill -0 "$PID" 2>/dev/null || { say "the bare MVC app stopped; see $OUT/mvc-run$run.log"; exit 1; }
        sleep 0.05
    done
    local start; start=$(echo "$(now) - $t0" | bc)
    local heap rss count; heap=$(heap_mb "$PID"); rss=$(rss_mb "$PID"); count=$(threads "$PID")
    stop
    printf 'bare-mvc\t-\t%s\t%.2f\t%s\t%s\t-\t-\t-\t%s\n' "$run" "$start" "$rss" "$heap" "$count" | tee -a "$OUT/results.tsv"
}

printf 'target\tbusinesses\trun\tstart_s\trss_idle_mb\theap_idle_mb\trss_booked_mb\theap_booked_mb\tbooked\tthreads\n' | tee "$OUT/results.tsv"
MAX=0
for n in $COUNTS; do ((n > MAX)) && MAX=$n; done
write_file "$MAX"
for n in $COUNTS; do write_file "$n"; done
say "JVM flags: $JVM_OPTS; $(nproc) cores; other load (1-min average) $(cut -d' ' -f1 /proc/loadavg)"
for ((run = 1; run <= RUNS; run++)); do   # the targets interleaved, so a busier moment touches each alike
    measure_mvc "$run"
    measure_app no-file 0 "$run"
    for n in $COUNTS; do measure_app "file-$n" "$n" "$run"; done
done
say "load at the end (1-min average) $(cut -d' ' -f1 /proc/loadavg)"

# --- medians, ratios to the no-file app, the cost of each further business -----------------------------------------
summarize() { # results.tsv
    awk -F'\t' '
    function median(key,    n, i, j, t, v) {
        n = split(values[key], v, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
        return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    }
    NR > 1 {
        for (col = 4; col <= 10; col++) if (col != 9 && $col != "-") values[$1, col] = values[$1, col] " " $col
        booked[$1] = $9
        if ($1 ~ /^file-/ && !(($1) in seen)) { seen[$1] = 1; counts[++m] = $2 }
    }
    END {
        print ""
        print "| target | start s | × no file | RSS idle MB | × no file | heap idle MB | RSS after a booking each MB | heap after MB | threads after | booked |"
        print "|---|---|---|---|---|---|---|---|---|---|"
        base_s = median("no-file" SUBSEP 4); base_rss = median("no-file" SUBSEP 5)
        order[1] = "bare-mvc"; order[2] = "no-file"
        for (i = 1; i <= m; i++) order[2 + i] = "file-" counts[i]
        for (i = 1; i <= m + 2; i++) {
            t = order[i]; ref = t == "bare-mvc"
            printf "| %s | %.2f | %.2f | %.0f | %.2f | %.0f | %s | %s | %s | %s |\n", t, median(t SUBSEP 4), median(t SUBSEP 4) / base_s,
                median(t SUBSEP 5), median(t SUBSEP 5) / base_rss, median(t SUBSEP 6),
                ref ? "-" : sprintf("%.0f", median(t SUBSEP 7)), ref ? "-" : sprintf("%.0f", median(t SUBSEP 8)),
                ref ? "-" : sprintf("%.0f", median(t SUBSEP 10)), ref ? "-" : booked[t]
        }
        first = "file-" counts[1]
        print ""
        for (i = 2; i <= m; i++) {
            t = "file-" counts[i]; k = counts[i] - counts[1]
            printf "each business beyond %d, up to %d: %+.2f MB RSS, %+.2f MB heap idle; %+.2f MB RSS, %+.2f MB heap after its" \
                " booking; %+.1f ms of start\n", counts[1], counts[i], (median(t SUBSEP 5) - median(first SUBSEP 5)) / k,
                (median(t SUBSEP 6) - median(first SUBSEP 6)) / k, (median(t SUBSEP 7) - median(first SUBSEP 7)) / k,
                (median(t SUBSEP 8) - median(first SUBSEP 8)) / k, 1000 * (median(t SUBSEP 4) - median(first SUBSEP 4)) / k
            printf "  %d businesses on one deployment: %.0f MB RSS after a booking each; as %d one-business deployments: %.0f MB\n",
                counts[i], median(t SUBSEP 7), counts[i], counts[i] * median("no-file" SUBSEP 7)
        }
    }' "$1"
}
summarize "$OUT/results.tsv" | tee "$OUT/summary.md"
say "results: $OUT"
