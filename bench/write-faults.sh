#!/usr/bin/env bash
# Injected write faults against the sandbox calendar, counted: bench/write-faults.sh [rounds] (default 3).
#
# Runs WriteFaultsTest's campaign: the table of write points (customer create, appointment create, the race loser's
# withdrawal, cancel, reschedule create, reschedule release) x faults (answer held past the write timeout after the
# write was applied, connection reset after it was applied, a proxy's 502 after it was applied, the write refused),
# each with and without the calendar failing the reads after it, in random order (FAULTS_SEED, default 20), `rounds`
# times, through a loopback proxy in front of the built-in sandbox calendar. Prints, per cell: faults injected,
# answers contradicting the calendar's final state, appointments left that nobody was told about after the
# reconciler ran, and second appointments made by re-sending the same tool call. All three must be 0.
# Loopback only; the ordinary build (./mvnw verify) runs the table once.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ./mvnw -o -q test -Dtest='WriteFaultsTest#aCampaign*' -Dsurefire.failIfNoSpecifiedTests=false \
        -Dfaults.rounds="$rounds" -Dfaults.seed="${FAULTS_SEED:-20}" >"$log" 2>&1; then
    status=0
else
    status=$?
fi
sed -n '/^write point /,/^total /p' "$log"
grep -E 'NOT INJECTED|Tests run:.*Fail|contradict|phantom|duplicate' "$log" | grep -v '^write point' | grep -v '^total' || true
exit "$status"
