#!/usr/bin/env python3
"""weft-explore's command line: every exit status, --list, --json, --replay."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from expectations import done, expect, fail  # noqa: E402

tool = sys.argv[1]


def run(*args):
    p = subprocess.run([tool, *args], capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr



code, out, _ = run("--list")
expect(code == 0 and "abba_deadlock" in out and "ping_pong_ok" in out, "--list names the programs")

code, out, _ = run("ping_pong_ok")
expect(code == 0 and "verdict: ok" in out and "exhaustive" in out, "a clean program exits 0")

code, out, _ = run("abba_deadlock")
expect(code == 1 and "verdict: deadlock" in out, "a finding exits 1")
token = next((l.split("--replay ")[1] for l in out.splitlines() if "--replay " in l), None)
expect(token is not None, "the report prints the replay command")

if token:
    code, out2, _ = run("abba_deadlock", "--replay", token)
    expect(code == 1 and "replayed" in out2, "--replay reruns the finding")

code, out, _ = run("abba_deadlock", "--strategy", "random", "--seed", "9", "--json")
try:
    doc = json.loads(out.strip().splitlines()[0])
    expect(doc["program"] == "abba_deadlock" and doc["report"]["verdict"] == "deadlock",
           "--json gives the verdict")
    expect(doc["report"]["strategy"] == "random", "--json names the strategy")
except (ValueError, KeyError, IndexError) as e:
    fail(f"--json output does not parse: {e}: {out!r}")
expect(code == 1, "--json keeps the exit status")

code, out, _ = run("--all", "--json")
expect(code == 1 and len(out.strip().splitlines()) == 2, "--all runs every program")

for args, what in [((), "no program"), (("no_such_program",), "unknown program"),
                   (("--bogus",), "unknown option"), (("abba_deadlock", "--max-executions", "x"), "bad number"),
                   (("abba_deadlock", "--strategy", "bfs"), "bad strategy"),
                   (("abba_deadlock", "--replay", "1..2"), "bad token"),
                   (("abba_deadlock", "--seed"), "missing value"),
                   (("abba_deadlock", "--max-time", "0"), "no time"),
                   (("abba_deadlock", "--max-time", "-1"), "negative time"),
                   (("abba_deadlock", "--max-time", "soon"), "bad time")]:
    code, _, err = run(*args)
    expect(code == 2 and "weft-explore:" in err, f"usage error ({what}) exits 2 with a message")

code, out, _ = run("ping_pong_ok", "--max-executions=1", "--require-exhaustive")
expect(code == 1 and "not proved" in out, "--require-exhaustive fails a search a budget stopped")
code, out, _ = run("ping_pong_ok", "--require-exhaustive")
expect(code == 0 and "exhaustive" in out, "--require-exhaustive passes a complete search")
code, _, err = run("abba_deadlock", "--replay=0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0")
expect(code == 2 and "does not fit" in err, "a replay token that does not fit is an error")
code, _, err = run("abba_deadlock", "--json=yes")
expect(code == 2 and "takes no value" in err, "a flag given a value is a usage error")

def executions(*args):
    """Executions run to their end (those cut short by sleep sets left out)."""
    code, out, _ = run("ping_pong_ok", "--json", *args)
    report = json.loads(out.strip().splitlines()[0])["report"]
    return code, report["executions"] - report["pruned"]
_, whole = executions()
parts = [executions("--shard", f"{i}/3") for i in range(3)]
expect(all(c == 0 for c, _ in parts) and sum(n for _, n in parts) == whole,
       "--shard I/N: the shards' complete executions add up to the whole search's")
code, _, err = run("ping_pong_ok", "--shard", "3/3")
expect(code == 2 and "--shard" in err, "--shard with I >= N is a usage error")
code, n = executions("--jobs", "2")
expect(code == 0 and n == whole, "--jobs 2 runs as many executions as one job")

code, out, _ = run("ping_pong_ok", "--max-time", "0.5")
expect(code == 0, "--max-time takes fractions of a second")

code, out, _ = run("--help")
expect(code == 0 and "usage:" in out, "--help")
code, out, _ = run("--version")
expect(code == 0 and re.match(r"weft-explore \(weft \d+\.\d+\.\d+\)", out), f"--version: {out!r}")

done()
