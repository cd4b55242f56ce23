#!/usr/bin/env python3
"""weft-vet's driver: exit statuses, NOLINT forms, baseline round trip, SARIF structure (parsed
as JSON), a TU that does not compile. Usage: driver_test.py <weft-vet> <include dir>"""
import json
import os
import subprocess
import sys
import tempfile

vet, include = sys.argv[1:3]
failures = []
checks = 0


def expect(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


def run(*args, cwd=None):
    p = subprocess.run([vet, *args], capture_output=True, text=True, timeout=300, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


FLAGS = ["--", "-std=c++20", "-I" + include]
BAD = """#include <thread>
void work() {}
void a() { std::thread t(work); }
void b() { std::thread t(work); }  // NOLINT
void c() { std::thread t(work); }  // NOLINT(weft-thread-not-joined)
void d() { std::thread t(work); }  // NOLINT(weft-other-check)
// NOLINTNEXTLINE(weft-thread-*)
void e() { std::thread t(work); }
// NOLINTBEGIN(weft-thread-not-joined)
void f() { std::thread t(work); }
void g() { std::thread t(work); }
// NOLINTEND(weft-thread-not-joined)
void h() { std::thread t(work); }
"""

with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "bad.cc")
    ok = os.path.join(tmp, "ok.cc")
    broken = os.path.join(tmp, "broken.cc")
    with open(bad, "w") as f:
        f.write(BAD)
    with open(ok, "w") as f:
        f.write("#include <thread>\nvoid work() {}\nvoid a() { std::thread t(work); t.join(); }\n")
    with open(broken, "w") as f:
        f.write("void a() { int x = ; }\n")

    code, out, err = run(ok, *FLAGS)
    expect(code == 0 and out == "", f"clean file exits 0 with no output (got {code}: {out}{err})")

    code, out, err = run(bad, *FLAGS)
    lines = sorted(int(l.split(":")[1]) for l in out.splitlines() if ": warning:" in l)
    expect(code == 1, "findings exit 1")
    expect(lines == [3, 6, 13], f"NOLINT forms: warnings on lines 3, 6, 13 only, got {lines}")
    expect("[weft-thread-not-joined]" in out and "^" in out, "clang form with check name and caret")

    code, out, _ = run("--checks=-*", bad, *FLAGS)
    expect(code == 0, "--checks=-* disables every check")

    code, out, err = run(broken, *FLAGS)
    expect(code == 2 and "broken.cc" in err, f"a TU with a syntax error exits 2 naming it ({code}, {err[-200:]})")

    code, out, err = run(bad, broken, *FLAGS)
    expect(code == 2, "findings plus a broken TU still exit 2")

    code, _, err = run(os.path.join(tmp, "missing.cc"), *FLAGS)
    expect(code == 2 and "missing.cc" in err, "a missing file exits 2 naming it")

    code, _, err = run("--no-such-option", bad, *FLAGS)
    expect(code == 2, "a bad option exits 2")

    code, _, err = run("--format=xml", bad, *FLAGS)
    expect(code == 2 and "format" in err, "a bad --format exits 2")

    code, _, err = run("-p", tmp, bad)
    expect(code == 2, "-p without compile_commands.json exits 2")

    with open(os.path.join(tmp, "compile_commands.json"), "w") as f:
        json.dump([{"directory": tmp, "file": ok, "arguments": ["c++", "-std=c++20", "-c", ok]}], f)
    code, _, err = run("-p", tmp, bad)
    expect(code == 2 and "no compile command" in err, f"a file missing from the database exits 2 ({err})")
    code, _, err = run("-p", tmp)
    expect(code == 0, f"-p alone analyses the database's files ({code} {err})")
    code, _, err = run("-p", tmp, tmp)
    expect(code == 0 and "in 1 file" in err, f"a folder names the database's files under it ({err})")
    empty_dir = os.path.join(tmp, "nothing-here")
    os.mkdir(empty_dir)
    code, _, err = run("-p", tmp, empty_dir)
    expect(code == 2 and "no file under" in err, f"a folder with no listed file exits 2 ({err})")

    code, out, _ = run("--list-checks")
    expect(code == 0 and "weft-thread-not-joined" in out and "weft-async-discarded" in out, "--list-checks")
    expect("weft-bare-lock-unlock" not in out, "--list-checks leaves out the opt-in checks")
    code, out, _ = run("--list-checks", "--checks=weft-bare-lock-unlock")
    expect(code == 0 and "weft-bare-lock-unlock" in out, "--checks turns an opt-in check on")
    manual = os.path.join(tmp, "manual.cc")
    with open(manual, "w") as f:
        f.write("#include <mutex>\nstd::mutex mu;\nint n;\nvoid f() {\n  mu.lock();\n  ++n;\n  mu.unlock();\n}\n")
    code, out, err = run(manual, *FLAGS)
    expect(code == 0, f"an opt-in check is off by default ({code}: {out}{err})")
    code, out, err = run("--checks=weft-bare-lock-unlock", "--fix", manual, *FLAGS)
    fixed = open(manual).read()
    expect(code == 0 and "std::lock_guard hold_mu(mu);" in fixed and "unlock" not in fixed,
           f"bare-lock-unlock's fix replaces the pair with a guard ({code}: {fixed}{err})")
    code, out, _ = run("--explain", "weft-thread-not-joined")
    expect(code == 0 and "**Fix.**" in out, "--explain prints the README")
    code, _, _ = run("--explain", "weft-nothing")
    expect(code == 2, "--explain of an unknown check exits 2")
    code, out, _ = run("--help")
    expect(code == 0 and "weft-vet" in out, "--help")

    # --fix: the safe fixes are written, the result compiles and is clean; an unsafe one is not
    # offered (the task changes the variable), so that finding stays and the exit status is 1.
    fixable = os.path.join(tmp, "fixable.cc")
    with open(fixable, "w") as f:
        f.write("""#include <thread>
#include <vector>
void run(std::vector<int>& out) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    int square = i * i;
    threads.emplace_back([&i, &out] { out[static_cast<unsigned>(i)] = i; });
    threads.emplace_back([&] { out[0] += square; });
  }
  for (auto& t : threads) t.join();
}
void unsafe() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    int n = i;
    threads.emplace_back([&n] { ++n; });
  }
  for (auto& t : threads) t.join();
}
""")
    code, out, _ = run("--format=json", fixable, *FLAGS)
    fixes = [len(x["fix"]) for x in json.loads(out)["findings"]]
    expect(code == 1 and sorted(fixes) == [0, 1, 1], f"JSON lists the fixes ({fixes})")
    code, out, err = run("--fix", fixable, *FLAGS)
    text = open(fixable).read()
    expect(code == 1 and "fixed 2 findings in 1 file" in err, f"--fix reports what it fixed ({code} {err})")
    expect("[i, &out]" in text and "[&, square]" in text and "[&n]" in text,
           f"--fix rewrote the two safe captures and left the unsafe one:\n{text}")
    code, out, _ = run("--format=json", fixable, *FLAGS)
    left = [x["line"] for x in json.loads(out)["findings"]]
    expect(code == 1 and left == [16], f"the fixed file compiles and only the unsafe finding is left ({left})")

    # Baseline: write, then the same findings are hidden; an edit elsewhere keeps them hidden.
    base = os.path.join(tmp, "baseline.txt")
    code, _, _ = run("--write-baseline", base, bad, *FLAGS)
    code, out, err = run("--baseline", base, bad, *FLAGS)
    expect(code == 0 and out == "" and "hidden by the baseline" in err, "baseline hides known findings")
    with open(bad, "w") as f:
        f.write("// a new comment shifts every line\n" + BAD + "void z() { std::thread t(work); }\n")
    code, out, _ = run("--baseline", base, bad, *FLAGS)
    new_lines = [l for l in out.splitlines() if ": warning:" in l]
    expect(code == 1 and len(new_lines) == 1 and ":15:" in new_lines[0],
           f"after an edit only the new finding shows ({new_lines})")
    with open(os.path.join(tmp, "bad-baseline.txt"), "w") as f:
        f.write("garbage\n")
    code, _, err = run("--baseline", os.path.join(tmp, "bad-baseline.txt"), bad, *FLAGS)
    expect(code == 2, "a malformed baseline exits 2")

    # SARIF 2.1.0: the structure the schema requires.
    code, out, _ = run("--format=sarif", bad, *FLAGS)
    try:
        log = json.loads(out)
        expect(log["version"] == "2.1.0" and isinstance(log["runs"], list) and len(log["runs"]) == 1, "sarif: version and runs")
        run0 = log["runs"][0]
        driver = run0["tool"]["driver"]
        expect(driver["name"] == "weft-vet" and all("id" in r and "shortDescription" in r and "help" in r for r in driver["rules"]), "sarif: tool and rule metadata")
        results = run0["results"]
        expect(len(results) >= 3, "sarif: results")
        for r in results:
            expect(isinstance(r["message"]["text"], str) and r["ruleId"].startswith("weft-"), "sarif: result message and ruleId")
            loc = r["locations"][0]["physicalLocation"]
            expect(loc["artifactLocation"]["uri"].startswith("file://") and loc["region"]["startLine"] >= 1, "sarif: physical location")
            expect(driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"], "sarif: ruleIndex points at the rule")
            expect(isinstance(r["partialFingerprints"], dict) and r["partialFingerprints"], "sarif: partialFingerprints")
            expect(isinstance(r["relatedLocations"], list), "sarif: relatedLocations")
    except (ValueError, KeyError, IndexError, TypeError) as e:
        failures.append(f"sarif does not have the required structure: {e}")

    code, out, _ = run("--format=json", bad, *FLAGS)
    try:
        doc = json.loads(out)
        expect(all({"file", "line", "column", "check", "message", "notes"} <= set(f) for f in doc["findings"]), "json findings")
    except ValueError as e:
        failures.append(f"--format=json does not parse: {e}")

    # A config file above the file chooses the checks.
    with open(os.path.join(tmp, ".weft-vet.yaml"), "w") as f:
        f.write("Checks: '-*'\n")
    code, _, _ = run(bad, *FLAGS)
    expect(code == 0, ".weft-vet.yaml's Checks: applies")
    code, _, _ = run("--checks=weft-thread-*", bad, *FLAGS)
    expect(code == 1, "--checks comes after the config file")

for f in failures:
    print("FAIL:", f)
print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
