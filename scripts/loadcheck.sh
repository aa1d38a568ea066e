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
SERVER=
stop() { [ -z "$SERVER" ] || { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }; }
# start [ARGS...]: (re)starts the server on $PORT with extra arguments, waits until it answers.
start() {
  stop
  target/release/casus serve --port "$PORT" --bind 127.0.0.1 "$@" 2>/tmp/casus-loadcheck.log &
  SERVER=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
    sleep 0.1
  done
}
trap stop EXIT
start
URL="http://127.0.0.1:$PORT/api/invoke?attacker=RUS&target=UKR&date=2025-09-01&spec=ukraine-b"
curl -fsS "$URL" >/dev/null   # warm-up: first answer computed and cached
echo "== shared link: $CONNECTIONS connections, ${DURATION}s, 2 threads"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency "$URL"
LUA=$(mktemp)
cat >"$LUA" <<'LUA'
-- A different day for each request, on which Ukraine exists (1991-12-26 on): thread k walks
-- its own 19,000-day stretch, so the engine has real work (Ukraine's treaties in force).
-- The server of this phase runs with --cache 0, so every answer is computed.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
local n = 0
request = function()
  n = n + 1
  local t = os.time({year = 1991, month = 12, day = 26, hour = 12}) + ((id or 0) * 19000 + n % 19000) * 86400
  return wrk.format("GET", "/api/invoke?attacker=RUS&target=UKR&spec=ukraine-b&date=" .. os.date("!%Y-%m-%d", t))
end
-- Count answers that are not 200, so a run full of errors cannot pass for a fast one.
local bad = 0
response = function(status)
  if status ~= 200 then bad = bad + 1 end
end
LUA
start --cache 0   # phase 2: nothing is kept, every answer runs the engine
echo "== distinct scenarios (no cache): $CONNECTIONS connections, ${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s "$LUA" "http://127.0.0.1:$PORT"
echo "== distinct scenarios (no cache): 2 connections, ${DURATION}s"
wrk -t1 -c2 -d"${DURATION}s" --timeout 30s --latency -s "$LUA" "http://127.0.0.1:$PORT"
rm -f "$LUA"
