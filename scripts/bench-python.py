#!/usr/bin/env python3
"""Times peacesciencer's P1 pipeline from Python (`casus.dyads`, in memory, to a pyarrow
Table), warm and cold, and shows that pyarrow does not copy the table.

Usage: python3 scripts/bench-python.py [RUNS]   (casus installed: scripts/ci-python.sh)
Figures go in BENCHMARKS.md ("From Python"). peacesciencer takes 11.06 s for P1
(BENCHMARKS.md, same machine type).
"""

import os
import statistics
import subprocess
import sys
import time

import pyarrow as pa

import casus

P1 = dict(years=(1816, 2016), add=["atop", "nmc", "contiguity", "majors", "gml-mids", "capdist"])
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 15


def rss_mib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def cold():
    """A fresh interpreter: import, load the bundled data, build P1."""
    code = (
        "import time; s=time.perf_counter(); import casus; "
        f"t=casus.dyads(**{P1!r}); print(time.perf_counter()-s)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(out.stdout)


def main():
    colds = [cold() for _ in range(3)]
    t = casus.dyads(**P1)  # loads and caches the record
    assert t.num_rows == 1912290
    del t
    warm, cpu, native, wrap = [], [], [], []
    for _ in range(RUNS):
        s, c = time.perf_counter(), time.process_time()
        t = casus.dyads(**P1)
        warm.append(time.perf_counter() - s)
        # CPU time of every thread: what the run costs whatever else shares the cores.
        cpu.append(time.process_time() - c)
        del t
    # The two halves: the Rust table (frame + Arrow columns) and pyarrow's import.
    args = ((1816, 2016), ",".join(P1["add"]), True, None, False, "sidea-all-joiners", False)
    for _ in range(RUNS):
        s = time.perf_counter()
        n = casus._casus.dyads(*args)
        m = time.perf_counter()
        t = pa.table(n)
        e = time.perf_counter()
        native.append(m - s)
        wrap.append(e - m)
        del t, n

    # No copy: pyarrow's allocator holds nothing for the columns, the process grows by the
    # table once (not twice), and two imports share the buffer addresses.
    n = casus._casus.dyads(*args)
    before_alloc, before_rss = pa.total_allocated_bytes(), rss_mib()
    t = pa.table(n)
    t2 = pa.table(n)
    grown_alloc, grown_rss = pa.total_allocated_bytes() - before_alloc, rss_mib() - before_rss
    same = all(
        t[c].chunks[0].buffers()[1].address == t2[c].chunks[0].buffers()[1].address
        for c in t.column_names
    )
    table_mib = t.nbytes / 2**20

    ms = lambda xs: f"best {min(xs) * 1e3:.0f} ms, median {statistics.median(xs) * 1e3:.0f} ms"
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; "
          f"pyarrow {pa.__version__}, Python {sys.version.split()[0]}")
    print(f"P1 warm, casus.dyads -> pyarrow.Table ({RUNS} runs): {ms(warm)}")
    print(f"  CPU time (all threads, user + system): {ms(cpu)}")
    print(f"  of which Rust (frame + Arrow columns): {ms(native)}")
    print(f"  of which pyarrow import (C stream): {ms(wrap)}")
    print(f"P1 cold (new interpreter: import + load data + build, 3 runs): "
          f"best {min(colds):.2f} s, median {statistics.median(colds):.2f} s")
    print(f"no copy: table {table_mib:.0f} MiB; two pyarrow imports grew pyarrow's pool by "
          f"{grown_alloc} bytes and RSS by {grown_rss:.1f} MiB; same buffer addresses: {same}")
    print(f"peacesciencer P1: 11.06 s -> {11.06 / statistics.median(warm):.0f}x (median)")


if __name__ == "__main__":
    main()
