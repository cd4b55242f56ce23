#!/usr/bin/env python3
"""weft-vet beside clang-19 -fsyntax-only on the same generated TUs (bench/vet/large_tu.py: many
functions, deeply nested thread lambdas, one huge function): median wall time and peak memory of
RUNS runs each, and their ratios (the target is at most 1.3x).
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
here = os.path.dirname(os.path.abspath(__file__))
flags = ["-std=c++20", "-w", "-I" + include]
# (shape, size): many ordinary functions; thread lambdas nested inside each other; one function
# starting hundreds of threads. The last two once cost weft-vet 38x and 16x clang's time.
SHAPES = [("functions", functions), ("nested", 40), ("huge", 300)]


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


print(f"weft-vet (every check) beside clang-19 -fsyntax-only on generated TUs (<thread> <future> "
      f"<mutex> and weft's headers), median of {runs} runs")
print(f"{'TU':<28} {'lines':>6} {'clang s':>8} {'vet s':>7} {'clang MiB':>10} {'vet MiB':>8} "
      f"{'time x':>7} {'mem x':>6}")
for shape, size in SHAPES:
    tu = os.path.join(work, f"large_tu_{shape}.cc")
    subprocess.run([sys.executable, os.path.join(here, "large_tu.py"), tu, str(size), shape],
                   check=True)
    with open(tu) as f:
        lines = sum(1 for _ in f)
    # Interleaved (clang, weft-vet, clang, ...): this machine's speed drifts by tens of percent
    # over a minute, and drift must hit both tools alike.
    tools = (["clang-19", "-fsyntax-only", *flags, tu],
             [vet, "--quiet", "--checks=weft-*", tu, "--", *flags])
    samples = [[], []]
    for _ in range(runs):
        for i, argv in enumerate(tools):
            samples[i].append(measure(argv))
    (cs, cm), (vs, vm) = [(statistics.median(s for s, _ in x), max(m for _, m in x))
                          for x in samples]
    label = {"functions": f"{size} functions", "nested": f"{size} nested thread lambdas",
             "huge": f"one function, {size} threads"}[shape]
    print(f"{label:<28} {lines:>6} {cs:>8.2f} {vs:>7.2f} {cm:>10.0f} {vm:>8.0f} "
          f"{vs / cs:>6.2f}x {vm / cm:>5.2f}x")
