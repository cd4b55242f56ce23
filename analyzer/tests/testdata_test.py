#!/usr/bin/env python3
"""Runs weft-vet with one check on that check's testdata/bad.cc and testdata/ok.cc, and
compares exactly: every line marked `// expect-warning: weft-<check>` must warn, and nothing
else may. A check that looks across translation units also has testdata/multi/: its .cc files
are analysed together through a compile_commands.json (-p), with the same comparison, and each
alone, where they must be silent (the finding needs them all). Usage:
testdata_test.py <weft-vet> <check folder> <include dir>"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

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


def expected_lines(path):
    with open(path) as f:
        return {(path, n, m.group(1)) for n, line in enumerate(f, 1)
                for m in re.finditer(r"expect-warning:\s*(weft-[a-z0-9-]+)", line)}


multi = sorted(glob.glob(os.path.join(folder, "testdata", "multi", "*.cc")))
if multi:
    expected = set().union(*(expected_lines(os.path.abspath(p)) for p in multi))
    if not expected:
        failures.append(f"{folder}/testdata/multi: no expect-warning lines")
    with tempfile.TemporaryDirectory() as build:
        with open(os.path.join(build, "compile_commands.json"), "w") as f:
            json.dump([{"directory": build, "file": os.path.abspath(p),
                        "arguments": ["c++", "-std=c++20", "-I" + os.path.abspath(include), "-c", os.path.abspath(p)]}
                       for p in multi], f)
        p = subprocess.run([vet, "-p", build, f"--checks=-*,{check}", "--format=sarif", "--quiet",
                            "-j", "2"], capture_output=True, text=True, timeout=300)
        if p.returncode != 1:
            failures.append(f"multi: weft-vet exit {p.returncode}, expected 1\n{p.stderr}")
        else:
            run = json.loads(p.stdout)["runs"][0]
            results = run["results"]
            bases = {k: v["uri"].removeprefix("file://") for k, v in run.get("originalUriBaseIds", {}).items()}
            got = set()
            for r in results:
                loc = r["locations"][0]["physicalLocation"]
                art = loc["artifactLocation"]
                got.add((os.path.join(bases[art["uriBaseId"]], art["uri"]) if "uriBaseId" in art
                         else art["uri"].removeprefix("file://"),
                         loc["region"]["startLine"], r["ruleId"]))
                flows = r.get("codeFlows", [{}])[0].get("threadFlows", [])
                files = {os.path.basename(s["location"]["physicalLocation"]["artifactLocation"]["uri"])
                         for t in flows for s in t["locations"]}
                if len(flows) < 2 or len(files) < 2:
                    failures.append(f"multi: a finding without a thread flow per order across "
                                    f"files: {len(flows)} flows over {sorted(files)}")
            for path, line, c in sorted(expected - got):
                failures.append(f"{path}:{line}: expected {c} (multi), got nothing")
            for path, line, c in sorted(got - expected):
                failures.append(f"{path}:{line}: unexpected {c} (multi)")
        for one in multi:
            p = subprocess.run([vet, "-p", build, f"--checks=-*,{check}", "--format=json", "--quiet",
                                os.path.abspath(one)], capture_output=True, text=True, timeout=300)
            if p.returncode != 0:
                failures.append(f"{one} alone: exit {p.returncode}, expected 0 (no cycle in one file)"
                                f"\n{p.stdout}{p.stderr}")

for f in failures:
    print("FAIL:", f)
print(f"{check}: {'ok' if not failures else str(len(failures)) + ' failure(s)'}")
sys.exit(1 if failures else 0)
