#!/usr/bin/env bash
# Builds and tests the R package (r/): installs what a bare Debian machine lacks
# (r-base-dev, r-cran-testthat, r-cran-jsonlite), `R CMD INSTALL r` into a temporary
# library, then runs the testthat tests, comparing with the CLI (CASUS_BIN, default
# target/release/casus, built if missing). Called by .ci/run; docs/r.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

need=()
command -v R >/dev/null 2>&1 || need+=(r-base-dev)
has() { command -v Rscript >/dev/null 2>&1 && Rscript -e "quit(status = !requireNamespace('$1', quietly = TRUE))" >/dev/null 2>&1; }
has testthat || need+=(r-cran-testthat)
has jsonlite || need+=(r-cran-jsonlite)
if ((${#need[@]})); then
  echo "ci-r: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# One target directory for the package's cargo workspace across runs.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target/r}"
# The package's Rust crate is its own workspace: the root's fmt/clippy/tests skip it.
cargo fmt --manifest-path r/src/rust/Cargo.toml --check
cargo clippy -q --release --manifest-path r/src/rust/Cargo.toml --all-targets -- -D warnings
cargo test -q --release --manifest-path r/src/rust/Cargo.toml

lib=$(mktemp -d)
trap 'rm -rf "$lib"' EXIT
R CMD INSTALL --no-multiarch --clean -l "$lib" r

bin="${CASUS_BIN:-$root/target/release/casus}"
if [[ ! -x "$bin" ]]; then
  unset CARGO_TARGET_DIR
  cargo build --release -q -p casus
fi

cd r/tests/testthat
CASUS_REPO="$root" CASUS_BIN="$bin" R_LIBS="$lib" Rscript -e '
  library(testthat); library(casus)
  test_dir(".", reporter = "summary", stop_on_failure = TRUE)'
