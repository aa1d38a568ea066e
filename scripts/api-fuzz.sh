#!/usr/bin/env bash
# Property-based sweep of the JSON API (issue 13): serves the release binary on a free
# loopback port and runs schemathesis against the OpenAPI document the server itself serves
# (/api/openapi.yaml), with every check. Exits non-zero on any failure, so CI fails.
# Bounded: MAX_EXAMPLES per operation (default 30) and a wall-clock cap (default 300 s).
#
#   scripts/api-fuzz.sh                         # needs `schemathesis` (pip) on PATH
#   MAX_EXAMPLES=100 FUZZ_TIMEOUT=600 scripts/api-fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
MAX_EXAMPLES=${MAX_EXAMPLES:-30}
FUZZ_TIMEOUT=${FUZZ_TIMEOUT:-300}
ST=${SCHEMATHESIS:-schemathesis}
command -v "$ST" >/dev/null || { echo "schemathesis is not installed: python3 -m pip install schemathesis" >&2; exit 2; }
BIN=${CASUS_BIN:-target/release/casus}
[ -x "$BIN" ] || cargo build --release -q -p casus
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
LOG=$(mktemp)
"$BIN" serve --port "$PORT" --bind 127.0.0.1 2>"$LOG" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null
echo "== schemathesis against http://127.0.0.1:$PORT/api/openapi.yaml ($MAX_EXAMPLES examples per operation)"
status=0
timeout "$FUZZ_TIMEOUT" "$ST" --config-file scripts/schemathesis.toml run "http://127.0.0.1:$PORT/api/openapi.yaml" \
  --url "http://127.0.0.1:$PORT/api" \
  --checks all \
  --max-examples "$MAX_EXAMPLES" \
  --workers 2 \
  --request-timeout 30 \
  --seed 13 || status=$?
if grep -q "panicked" "$LOG"; then
  echo "the server panicked:" >&2
  cat "$LOG" >&2
  exit 1
fi
exit $status
