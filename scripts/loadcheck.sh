#!/usr/bin/env bash
# Load check of `casus serve` (issue 5): starts the release binary on 127.0.0.1, runs wrk
# against /api/invoke, prints requests/s and latency percentiles, stops the server.
# Traffic goes to loopback only; every run is bounded (DURATION seconds per phase).
#
#   scripts/loadcheck.sh            # 100 connections, 10 s per phase
#   CONNECTIONS=50 DURATION=5 scripts/loadcheck.sh
#
# Phase 1 ("shared link"): every client asks for the same scenario (RUS → UKR, variant b),
# as when a link is passed around; answers come from the server's cache of pure results.
# Phase 2 ("distinct scenarios"): each request a different date, so nothing is cached and
# every request runs the engine (about 30 ms of CPU each); reported for honesty.
# Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
CONNECTIONS=${CONNECTIONS:-100}
DURATION=${DURATION:-10}
PORT=${PORT:-18080}
command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
cargo build --release -q -p casus
target/release/casus serve --port "$PORT" --bind 127.0.0.1 2>/tmp/casus-loadcheck.log &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
URL="http://127.0.0.1:$PORT/api/invoke?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b"
curl -fsS "$URL" >/dev/null   # warm-up: first answer computed and cached
echo "== shared link: $CONNECTIONS connections, ${DURATION}s, 2 threads"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "$URL"
LUA=$(mktemp)
cat >"$LUA" <<'LUA'
-- A different day for every request: 2000-01-01 onwards, so no answer repeats.
local n = 0
request = function()
  n = n + 1
  local t = os.time({year = 2000, month = 1, day = 1}) + n * 86400
  return wrk.format("GET", "/api/invoke?attacker=RUS&target=UKR&spec=ukraine-b&date=" .. os.date("%Y-%m-%d", t))
end
LUA
echo "== distinct scenarios (no cache): $CONNECTIONS connections, ${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s "$LUA" "http://127.0.0.1:$PORT"
echo "== distinct scenarios (no cache): 2 connections, ${DURATION}s"
wrk -t1 -c2 -d"${DURATION}s" --timeout 30s --latency -s "$LUA" "http://127.0.0.1:$PORT"
rm -f "$LUA"
