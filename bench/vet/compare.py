#!/usr/bin/env python3
"""weft-vet beside clang-19 -fsyntax-only on the same large TU (bench/vet/large_tu.py): median
wall time and peak memory of RUNS runs each, and their ratio (the target is at most 1.3x).
Both get the same flags; -w for both, as weft-vet silences compiler warnings itself.
Usage: compare.py <weft-vet> <include dir> <work dir> [FUNCTIONS] [RUNS]"""
import os
import statistics
import subprocess
import sys
import time

vet, include, work = sys.argv[1:4]
functions = int(sys.argv[4]) if len(sys.argv) > 4 else 60
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
os.makedirs(work, exist_ok=True)
tu = os.path.join(work, "large_tu.cc")
here = os.path.dirname(os.path.abspath(__file__))
subprocess.run([sys.executable, os.path.join(here, "large_tu.py"), tu, str(functions)], check=True)
with open(tu) as f:
    lines = sum(1 for _ in f)
flags = ["-std=c++20", "-w", "-I" + include]


def measure(argv):
    """(seconds, peak MiB) of one run; exits if the tool fails."""
    start = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    seconds = time.monotonic() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)} exited {p.returncode}: {p.stderr.read().decode()[:500]}")
    return seconds, usage.ru_maxrss / 1024


tools = [("clang-19 -fsyntax-only", ["clang-19", "-fsyntax-only", *flags, tu]),
         ("weft-vet, every check", [vet, "--quiet", "--checks=weft-*", tu, "--", *flags])]
results = {}
for name, argv in tools:
    samples = [measure(argv) for _ in range(runs)]
    results[name] = (statistics.median(s for s, _ in samples), max(m for _, m in samples))
print(f"weft-vet beside clang-19 -fsyntax-only: one TU of {lines} lines (<thread> <future> "
      f"<mutex> and weft's headers, {functions} generated functions), median of {runs} runs")
print(f"{'tool':<26} {'seconds':>8} {'peak MiB':>9}")
for name, (s, m) in results.items():
    print(f"{name:<26} {s:>8.2f} {m:>9.0f}")
(cs, cm), (vs, vm) = results.values()
print(f"{'ratio (weft-vet / clang)':<26} {vs / cs:>7.2f}x {vm / cm:>8.2f}x")
