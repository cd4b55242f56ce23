#!/usr/bin/env python3
"""weft-vet's driver: exit statuses, NOLINT forms, baseline round trip, SARIF structure (parsed
as JSON), a TU that does not compile. Usage: driver_test.py <weft-vet> <include dir>"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests"))
from expectations import done, expect, fail  # noqa: E402

vet, include = sys.argv[1:3]


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

    code, out, _ = run("--version")
    expect(code == 0 and "weft-vet (weft 0." in out and "LLVM 19" in out, f"--version: {out!r}")
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

    # SARIF 2.1.0: the structure the schema requires; run from the file's folder, its URIs are
    # relative to %SRCROOT%, which the log maps to that folder.
    code, out, _ = run("--format=sarif", bad, *FLAGS, cwd=tmp)
    try:
        log = json.loads(out)
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in log["runs"][0]["results"]]
        expect(uris and all(u == {"uri": "bad.cc", "uriBaseId": "%SRCROOT%"} for u in uris),
               f"sarif: repository-relative URIs (got {uris[:1]})")
        expect(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + os.path.realpath(tmp) + "/"
               or log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file://" + tmp + "/",
               "sarif: %SRCROOT% is the working folder")
    except (ValueError, KeyError, IndexError, TypeError) as e:
        fail(f"sarif with relative URIs: {e}")
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
            expect((loc["artifactLocation"]["uri"].startswith("file://") or loc["artifactLocation"].get("uriBaseId") == "%SRCROOT%") and loc["region"]["startLine"] >= 1, "sarif: physical location")
            expect(driver["rules"][r["ruleIndex"]]["id"] == r["ruleId"], "sarif: ruleIndex points at the rule")
            expect(isinstance(r["partialFingerprints"], dict) and r["partialFingerprints"], "sarif: partialFingerprints")
            expect(isinstance(r["relatedLocations"], list), "sarif: relatedLocations")
    except (ValueError, KeyError, IndexError, TypeError) as e:
        fail(f"sarif does not have the required structure: {e}")

    # --help-uri: each rule links to its own page; a template naming no check is an error.
    code, out, _ = run("--format=sarif", "--help-uri=https://docs.example/{folder}/{check}.html", bad, *FLAGS)
    try:
        rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
        by_id = {r["id"]: r.get("helpUri") for r in rules}
        expect(by_id.get("weft-thread-not-joined") ==
               "https://docs.example/thread-not-joined/weft-thread-not-joined.html",
               f"sarif: helpUri from the template (got {by_id.get('weft-thread-not-joined')})")
        expect(len(set(by_id.values())) == len(rules), "sarif: one helpUri per rule")
    except (ValueError, KeyError, IndexError, TypeError) as e:
        fail(f"sarif with --help-uri: {e}")
    code, _, err = run("--format=sarif", "--help-uri=https://docs.example/", bad, *FLAGS)
    expect(code == 2 and "names no {check}" in err, f"--help-uri without a placeholder: exit 2 (got {code})")
    code, _, err = run("--help-uri=https://docs.example/{check}", bad, *FLAGS)
    expect(code == 2 and "--format=sarif" in err, f"--help-uri without sarif: exit 2 (got {code})")

    code, out, _ = run("--format=json", bad, *FLAGS)
    try:
        doc = json.loads(out)
        expect(all({"file", "line", "column", "check", "message", "notes"} <= set(f) for f in doc["findings"]), "json findings")
    except ValueError as e:
        fail(f"--format=json does not parse: {e}")

    # A config file above the file chooses the checks.
    with open(os.path.join(tmp, ".weft-vet.yaml"), "w") as f:
        f.write("Checks: '-*'\n")
    code, _, _ = run(bad, *FLAGS)
    expect(code == 0, ".weft-vet.yaml's Checks: applies")
    code, _, _ = run("--checks=weft-thread-*", bad, *FLAGS)
    expect(code == 1, "--checks comes after the config file")

# Robustness: bad input is an error that says what is wrong, and the rest is still analysed.
with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "bad.cc")
    with open(bad, "w") as f:
        f.write(BAD)
    other = os.path.join(tmp, "other.cc")
    with open(other, "w") as f:
        f.write(BAD)
    code, out, err = run("--header-fliter=.*", bad, *FLAGS)
    expect(code == 2 and "unknown option '--header-fliter'" in err and "--header-filter" in err,
           f"a mistyped option is an error with a did-you-mean, not the help (got {code}: {err[:200]})")
    code, out, err = run("--hello", bad, *FLAGS)
    expect(code == 2 and out == "", f"an unknown option starting with h is no request for help (got {code})")
    code, _, err = run("--checks=-*,weft-thread-nt-joined", bad, *FLAGS)
    expect(code == 2 and "did you mean 'weft-thread-not-joined'" in err,
           f"a mistyped check name is an error (got {code}: {err})")
    code, _, err = run("--warnings-as-errors=weft-nope", bad, *FLAGS)
    expect(code == 2, f"--warnings-as-errors checks its names (got {code})")
    code, out, _ = run("-j1", "--warnings-as-errors=weft-thread-*", bad, *FLAGS)
    expect(code == 1 and ": error:" in out and ": warning:" not in out,
           f"-j1 glued; --warnings-as-errors shows findings as errors (got {code}: {out[:200]})")
    code, _, err = run("--baseline=" + tmp, bad, *FLAGS)
    expect(code == 2 and "folder" in err, f"a folder as --baseline is an error (got {code}: {err})")
    # Header filters: a finding in a header is kept or dropped by its path.
    inc = os.path.join(tmp, "third_party")
    os.makedirs(inc)
    with open(os.path.join(inc, "lib.h"), "w") as f:
        f.write("#include <thread>\ninline void lib_work() {}\ninline void lib() { std::thread t(lib_work); }\n")
    user = os.path.join(tmp, "user.cc")
    with open(user, "w") as f:
        f.write('#include "third_party/lib.h"\nvoid mine() { std::thread t(lib_work); }\n')
    code, out, _ = run(user, *FLAGS)
    expect(out.count(": warning:") == 2, f"findings in the header and the file (got {out[:300]})")
    code, out, _ = run("--exclude-header-filter=third_party/", user, *FLAGS)
    expect(out.count(": warning:") == 1 and "lib.h" not in out, f"--exclude-header-filter drops the header's finding (got {out[:300]})")
    code, out, _ = run("--header-filter=nomatch", user, *FLAGS)
    expect(out.count(": warning:") == 1 and "user.cc" in out, f"--header-filter keeps only matching headers (got {out[:300]})")
    # --export-fixes: clang-apply-replacements' YAML.
    fixes = os.path.join(tmp, "fixes.yaml")
    code, _, _ = run("--export-fixes=" + fixes, bad, *FLAGS)
    text = open(fixes).read() if os.path.exists(fixes) else ""
    expect(text.startswith("---\n") and text.count("DiagnosticName: \"weft-thread-not-joined\"") == 3
           and "FileOffset:" in text and text.rstrip().endswith("..."),
           f"--export-fixes writes one diagnostic per finding (got {text[:300]})")
    # Configuration files: .clang-tidy's forms, and errors for what they cannot mean.
    cfg = os.path.join(tmp, "cfg.yaml")
    def config(text):
        with open(cfg, "w") as f:
            f.write(text)
        return run("--config-file=" + cfg, bad, *FLAGS)
    code, _, _ = config("---\nChecks: >\n  -*,\n  weft-thread-not-joined\nFormatStyle: none\n...\n")
    expect(code == 1, f"a folded Checks: block works (got {code})")
    code, _, _ = config("Checks: >\n  -*,\n  weft-double-lock\n")
    expect(code == 0, f"a folded Checks: block turns checks off too (got {code})")
    code, _, err = config("Chekcs: weft-*\n")
    expect(code == 2 and "did you mean 'Checks'" in err, f"an unknown key is an error (got {code}: {err})")
    code, _, err = config("garbage\n")
    expect(code == 2 and "cfg.yaml:1" in err, f"a line that is not Key: value is an error (got {code}: {err})")
    code, _, err = config("Checks: '-*,weft-thread-nt-joined'\n")
    expect(code == 2 and "weft-thread-not-joined" in err, f"a config's mistyped check is an error (got {code}: {err})")
    config("Checks: '-*,weft-thread-*'\nWarningsAsErrors: 'weft-*'\n")
    code, out, _ = run("--config-file=" + cfg, "--dump-config", bad)
    expect(code == 0 and "Checks: '-*,weft-thread-*'" in out and "WarningsAsErrors: 'weft-*'" in out,
           f"--dump-config prints the settings (got {code}: {out})")
    # Compile databases: a bad entry costs that file, not the run; a malformed file is an error.
    def database(text, folder):
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "compile_commands.json"), "w") as f:
            f.write(text)
        return run("-p", folder)
    entries = [{"directory": "/no/such/folder", "file": bad, "arguments": ["c++", "-std=c++20", "-c", bad]},
               {"directory": tmp, "file": other, "arguments": ["c++", "-std=c++20", "-I" + include, "-c", other]}]
    code, out, err = database(json.dumps(entries), os.path.join(tmp, "db1"))
    expect(code == 2 and "/no/such/folder" in err and out.count(": warning:") == 3,
           f"a missing directory: that file reported, the other analysed, exit 2 (got {code}: {err[-300:]})")
    code, out, err = database(json.dumps(entries[1:])[:-20], os.path.join(tmp, "db2"))
    expect(code == 2 and "not valid JSON" in err, f"a truncated database is an error (got {code}: {err})")
    code, out, err = database(json.dumps(entries[1:]) + " trailing", os.path.join(tmp, "db3"))
    expect(code == 2 and "not valid JSON" in err, f"trailing garbage is an error (got {code}: {err})")
    code, out, err = database(json.dumps([{"directory": tmp, "file": other}]), os.path.join(tmp, "db4"))
    expect(code == 2 and "entry 1" in err, f"an entry with no command is an error (got {code}: {err})")
    # Relative -I paths, each TU in its own folder, analysed in parallel: no TU sees another's cwd.
    entries = []
    for i in range(6):
        d = os.path.join(tmp, f"proj{i}")
        os.makedirs(os.path.join(d, "inc"))
        with open(os.path.join(d, "inc", f"h{i}.h"), "w") as f:
            f.write("#include <thread>\ninline void w() {}\n")
        src = os.path.join(d, "s.cc")
        with open(src, "w") as f:
            f.write(f'#include "h{i}.h"\nvoid a() {{ std::thread t(w); t.join(); }}\n')
        entries.append({"directory": d, "file": src, "arguments": ["c++", "-std=c++20", "-Iinc", "-c", "s.cc"]})
    code, out, err = database(json.dumps(entries), os.path.join(tmp, "db5"))
    expect(code == 0, f"relative include paths in parallel TUs (got {code}: {err[-400:]})")

# --summaries DIR: a run over one changed file still sees a lock-order cycle with a file analysed
# in an earlier run; a fixed file replaces its stale summary; a corrupt store is an error.
with tempfile.TemporaryDirectory() as tmp:
    def write(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path
    write("locks.h", "#include <mutex>\nextern std::mutex accounts;\nextern std::mutex audit;\n")
    def locker(name, first, second):
        return write(name, f'#include "locks.h"\nvoid {name[0]}() {{\n'
                           f'  std::lock_guard<std::mutex> x({first});\n'
                           f'  std::lock_guard<std::mutex> y({second});\n}}\n')
    a = locker("a.cc", "accounts", "audit")
    b = locker("b.cc", "audit", "accounts")
    store = os.path.join(tmp, "store")
    ORDER = "[weft-lock-order-inversion]"
    code, out, err = run("--summaries", store, a, b, *FLAGS)
    expect(code == 1 and out.count(ORDER) == 1, f"--summaries: the cycle over both files (got {code}: {out[-300:]}{err[-300:]})")
    code, out, err = run("--summaries", store, a, *FLAGS)
    expect(code == 1 and out.count(ORDER) == 1 and "b.cc" in out,
           f"--summaries: one file analysed, the cycle with the stored one found (got {code}: {out[-300:]}{err[-300:]})")
    code, out, _ = run(a, *FLAGS)
    expect(code == 0 and ORDER not in out, f"without --summaries one file has no cycle (got {code})")
    b = locker("b.cc", "accounts", "audit")
    code, out, err = run("--summaries", store, b, *FLAGS)
    expect(code == 0, f"--summaries: the fixed file replaces its stored summary (got {code}: {out[-300:]})")
    code, out, err = run("--summaries", store, a, *FLAGS)
    expect(code == 0, f"--summaries: no cycle once fixed (got {code}: {out[-300:]})")
    # b.cc locks in the other order again, then stops locking at all: its old summary goes.
    b = locker("b.cc", "audit", "accounts")
    code, out, _ = run("--summaries", store, b, *FLAGS)
    expect(code == 1, f"--summaries: the cycle is back (got {code})")
    write("b.cc", '#include "locks.h"\nvoid b() {}\n')
    code, out, err = run("--summaries", store, b, *FLAGS)
    code, out, err = run("--summaries", store, a, *FLAGS)
    expect(code == 0, f"--summaries: a file that locks nothing any more forgets its summary (got {code}: {out[-300:]})")
    with open(os.path.join(store, "weft-lock-order-inversion", "0.json"), "w") as f:
        f.write("{ not json")
    code, out, err = run("--summaries", store, a, *FLAGS)
    expect(code == 2 and "0.json" in err, f"--summaries: a corrupt file is an error naming it (got {code}: {err[-300:]})")
    code, out, err = run("--summaries", a, a, *FLAGS)
    expect(code == 2 and "not a folder" in err, f"--summaries naming a file: exit 2 (got {code}: {err[-300:]})")

done()
