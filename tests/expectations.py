"""The test scripts' checks: expect(cond, what) counts a check and keeps `what` if it failed,
fail(what) records a failed one, done() prints the failures and "N passed, N failed" and exits 1
if any failed. A script imports it with its folder's path to tests/ put on sys.path."""
import sys

failures = []
checks = 0


def expect(cond, what):
    global checks
    checks += 1
    if not cond:
        failures.append(what)


def fail(what):
    expect(False, what)


def done():
    for f in failures:
        print("FAIL:", f)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
