"""python_bench.py — parse+hash from Python (the gridtypes package), beside Python's own
json.loads of the same bytes and the native figure of build/bench/bench, in one run.

    python3 bench/python_bench.py [--build DIR] [--data DIR] [--runs R] [--ms T] [--json]

Each case runs R times (default 15); a run repeats the operation for about T ms (default
100) and yields ns/op; the table shows the median run and the fastest. The package is the
source tree's (bindings/python) over DIR/bindings/python/lib/libgridtypes.so (the wheel's
library), unless GRIDTYPES_LIBRARY says otherwise. Inputs: --data, else ../shared/bench
beside the source tree, else bench/data."""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from typing import Any, Callable, Dict, List

TREE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def data_dir(given: str) -> str:
    if given:
        return given
    shared = os.path.join(os.path.dirname(TREE), "shared", "bench")
    return shared if os.path.exists(os.path.join(shared, "typical.json")) else os.path.join(TREE, "bench", "data")


def calibrate(fn: Callable[[], Any], ms: float) -> int:
    """How many calls take about `ms` milliseconds (this also warms up)."""
    n, spent = 1, 0.0
    while spent < ms / 1e3 / 4:
        n *= 2
        t = time.perf_counter()
        for _ in range(n):
            fn()
        spent = time.perf_counter() - t
    return max(1, int(n * (ms / 1e3) / spent))


def measure(fns: List[Callable[[], Any]], runs: int, ms: float) -> List[List[float]]:
    """ns per call of each function, `runs` times; the functions take turns within each run,
    so that a change in the machine's speed (other jobs) hits them alike."""
    counts = [calibrate(fn, ms) for fn in fns]
    results: List[List[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, n, out in zip(fns, counts, results):
            t = time.perf_counter_ns()
            for _ in range(n):
                fn()
            out.append((time.perf_counter_ns() - t) / n)
    return results


def native(build: str, data: str, runs: int, ms: int) -> Dict[str, float]:
    exe = os.path.join(build, "bench", "bench")
    if not os.path.exists(exe):
        return {}
    out = subprocess.run([exe, "--json", "--runs", str(runs), "--ms", str(ms), "--data", data, "--filter",
                          "parse_hash"], check=True, capture_output=True, text=True).stdout
    return {k: float(v) for k, v in json.loads(out).items() if k.startswith("parse_hash")}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=os.path.join(TREE, "build"))
    ap.add_argument("--data", default="")
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--ms", type=int, default=100)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    lib = os.path.join(args.build, "bindings", "python", "lib", "libgridtypes.so")
    if "GRIDTYPES_LIBRARY" not in os.environ and os.path.exists(lib):
        os.environ["GRIDTYPES_LIBRARY"] = lib
    sys.path.insert(0, os.path.join(TREE, "bindings", "python"))
    import gridtypes

    ddir = data_dir(args.data)
    rows = []
    for case in ("typical", "large"):
        with open(os.path.join(ddir, f"{case}.json"), "rb") as f:
            data = f.read()
        want = gridtypes.parse(data).hash()

        def parse_hash() -> str:
            with gridtypes.parse(data) as d:
                return d.hash()

        def one_call() -> str:
            return gridtypes.hash(data)

        assert parse_hash() == want and one_call() == want
        ours, once, loads = measure([parse_hash, one_call, lambda: json.loads(data)], args.runs, args.ms)
        rows.append((case, len(data), ours, once, loads))
    nat = native(args.build, ddir, args.runs, args.ms)

    med = statistics.median
    if args.json:
        out: Dict[str, float] = {}
        for case, _, ours, once, loads in rows:
            out[f"python_parse_hash_{case}"] = med(ours)
            out[f"python_hash_{case}"] = med(once)
            out[f"python_json_loads_{case}"] = med(loads)
            if f"parse_hash_{case}" in nat:
                out[f"native_parse_hash_{case}"] = nat[f"parse_hash_{case}"]
        print(json.dumps(out))
        return 0
    print(f"Python {sys.version.split()[0]} ({sys.executable}), library {gridtypes._lib.path}")
    print(f"inputs: {ddir}; ns/op, median (best) of {args.runs} runs of ~{args.ms} ms each, the three Python")
    print("rows of an input taking turns within each run; ratio: the median of the runs' ratios to json.loads\n")
    print("| input | bytes | operation | ns/op | MB/s | ratio to json.loads |")
    print("|---|---:|---|---:|---:|---:|")
    for case, size, ours, once, loads in rows:
        def line(what: str, xs: List[float], ratio: str) -> None:
            print(f"| {case}.json | {size:,} | {what} | {med(xs):,.0f} ({min(xs):,.0f}) | {size / med(xs) * 1e3:,.0f} |"
                  f" {ratio} |")
        line("`gridtypes.parse(b)` + `.hash()` + close", ours,
             f"{med([a / b for a, b in zip(ours, loads)]):.2f}")
        line("`gridtypes.hash(b)` (one call)", once, f"{med([a / b for a, b in zip(once, loads)]):.2f}")
        line("`json.loads(b)`", loads, "1")
        n = nat.get(f"parse_hash_{case}")
        if n:
            print(f"| {case}.json | {size:,} | native parse+hash (build/bench/bench, after) | {n:,.0f} |"
                  f" {size / n * 1e3:,.0f} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
