#!/usr/bin/env bash
# Load test of the local Image Service on loopback: starts `imagemap serve` (release) on a free
# port, runs wrk (64 connections, 30 s) on 512x512 jpgpng exportImage requests whose bbox
# varies (scripts/load-test.lua), then stops the server. Prints requests/s, p50/p99 latency,
# errors (socket errors, non-2xx, and answers that are not images) and the server's peak RSS.
# Exits non-zero if any request failed.
#
# Usage: scripts/load-test.sh   (env: SERVICE=WorldImagery CONNECTIONS=64 DURATION=30s THREADS=2
#                                 CATALOG=examples/catalog BUILD_PATH=.build)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
service="${SERVICE:-WorldImagery}"
connections="${CONNECTIONS:-64}"
duration="${DURATION:-30s}"
threads="${THREADS:-2}"
catalog="${CATALOG:-$root/examples/catalog}"
build="${BUILD_PATH:-$root/.build}"

"$root/scripts/install-dependencies.sh"
if ! command -v wrk >/dev/null; then
    echo "load-test: installing wrk (apt-get)" >&2
    apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
swift build --package-path "$root" --scratch-path "$build" -c release --product imagemap >&2
binary="$build/release/imagemap"

log="$(mktemp)"
"$binary" serve --host 127.0.0.1 --port 0 --catalog "$catalog" >"$log" 2>&1 &
server=$!
cleanup() {
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    rm -f "$log"
}
trap cleanup EXIT

# Wait (at most 30 s) for the server to print its URL.
base=""
for _ in $(seq 300); do
    base="$(sed -n 's|^Local Image Service: \(http://[^/]*\)/arcgis/rest/services.*|\1|p' "$log")"
    [ -n "$base" ] && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$base" ] || { echo "load-test: the server did not start in 30 s" >&2; cat "$log" >&2; exit 1; }
grep -q "^  $service " "$log" || { echo "load-test: no service $service in:" >&2; cat "$log" >&2; exit 1; }

start_kib="$(awk '/^VmRSS:/ {print $2}' "/proc/$server/status")"
echo "load-test: $base, service $service, wrk -t$threads -c$connections -d$duration" >&2
result="$(SERVICE_PATH="/arcgis/rest/services/$service/ImageServer" timeout 300 \
    wrk -t"$threads" -c"$connections" -d"$duration" --timeout 10s --latency -s "$root/scripts/load-test.lua" "$base")"
echo "$result"
peak_kib="$(awk '/^VmHWM:/ {print $2}' "/proc/$server/status")"
echo "server_rss_at_start_mib=$((start_kib / 1024)) server_peak_rss_mib=$((peak_kib / 1024))"
kill -TERM "$server"
wait "$server" && echo "server stopped cleanly on SIGTERM" || { echo "load-test: the server exited with $?" >&2; exit 1; }
trap - EXIT
rm -f "$log"

failures="$(echo "$result" | sed -n 's/.*non_image_answers=\([0-9]*\) socket_errors=\([0-9]*\) non_2xx=\([0-9]*\).*/\1 \2 \3/p')"
read -r answers sockets statuses <<<"$failures"
if [ "${answers:-1}" != 0 ] || [ "${sockets:-1}" != 0 ] || [ "${statuses:-1}" != 0 ]; then
    echo "load-test: FAILED: $answers non-image answers, $sockets socket errors, $statuses non-2xx" >&2
    exit 1
fi
