#!/usr/bin/env bash
# Builds the Python package (python/, maturin + pyo3, one abi3 wheel) and runs its tests
# (pytest, python/tests) in a virtual environment, installing what a bare Debian machine
# lacks. Called by .ci/run; runs alone from the repository root too.
#   CASUS_PY_VENV  where the venv lives (default target/py-venv, reused between runs)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"   # share the workspace's build
VENV="${CASUS_PY_VENV:-$ROOT/target/py-venv}"
log() { printf '\n== %s\n' "$*"; }

if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
  log "python3-venv (Debian)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq python3-venv python3-pip >/dev/null
fi

log "venv $VENV: maturin, pytest, pyarrow, pandas, polars"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
PY="$VENV/bin/python"
"$PY" -m pip install --quiet --disable-pip-version-check maturin pytest pyarrow pandas polars

log "python/: rustfmt and clippy (its own cargo workspace)"
(cd python && cargo fmt --check && cargo clippy --release --all-targets -- -D warnings)

log "build the abi3 wheel and install it"
rm -rf "$CARGO_TARGET_DIR/wheels/casus-"*.whl
"$VENV/bin/maturin" build --release --quiet -m python/Cargo.toml -o "$CARGO_TARGET_DIR/wheels"
"$PY" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps \
  "$CARGO_TARGET_DIR"/wheels/casus-*.whl

log "pytest"
# Run outside python/ so that the installed wheel is imported, not the source tree.
# The fingerprint test also compares with target/release/casus when it is built.
(cd "$ROOT/target" && "$PY" -m pytest -q "$ROOT/python/tests")
