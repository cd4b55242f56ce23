#!/usr/bin/env python3
"""Runs weft-vet with one check on that check's testdata/bad.cc and testdata/ok.cc, and
compares exactly: every line marked `// expect-warning: weft-<check>` must warn, and nothing
else may. Usage: testdata_test.py <weft-vet> <check folder> <include dir>"""
import json
import os
import re
import subprocess
import sys

vet, folder, include = sys.argv[1:4]
check = "weft-" + os.path.basename(os.path.normpath(folder))
failures = []
for name in ("bad.cc", "ok.cc"):
    path = os.path.join(folder, "testdata", name)
    expected = set()
    with open(path) as f:
        for n, line in enumerate(f, 1):
            for m in re.finditer(r"expect-warning:\s*(weft-[a-z0-9-]+)", line):
                expected.add((n, m.group(1)))
    if name == "bad.cc" and not expected:
        failures.append(f"{path}: no expect-warning lines")
    if name == "ok.cc" and expected:
        failures.append(f"{path}: ok.cc must not expect warnings")
    p = subprocess.run([vet, f"--checks=-*,{check}", "--format=json", "--quiet", path, "--",
                        "-std=c++20", "-I" + include], capture_output=True, text=True, timeout=300)
    if p.returncode not in (0, 1):
        failures.append(f"{path}: weft-vet exit {p.returncode}\n{p.stderr}")
        continue
    got = {(f["line"], f["check"]) for f in json.loads(p.stdout)["findings"]}
    for line, c in sorted(expected - got):
        failures.append(f"{path}:{line}: expected {c}, got nothing")
    for line, c in sorted(got - expected):
        failures.append(f"{path}:{line}: unexpected {c}")
    if (p.returncode == 1) != bool(got):
        failures.append(f"{path}: exit {p.returncode} does not match {len(got)} findings")
for f in failures:
    print("FAIL:", f)
print(f"{check}: {'ok' if not failures else str(len(failures)) + ' failure(s)'}")
sys.exit(1 if failures else 0)
