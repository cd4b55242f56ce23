#!/usr/bin/env python3
"""weft-explore --html: a finding as an HTML page with one lane per task, checked as markup and
in headless Chromium (Debian's chromium: the page renders, its lanes are in the DOM, and a
screenshot of it is not blank).
Usage: html_trace_test.py <a weft-explore binary with abba_deadlock and ping_pong_ok> <work dir>"""
import html.parser
import os
import shutil
import struct
import subprocess
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from expectations import done, expect, fail  # noqa: E402

explore, work = sys.argv[1:3]


def run(*args):
    p = subprocess.run([explore, "--quiet", *args], capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


class Cells(html.parser.HTMLParser):
    """The lanes' titles and the steps' cells (their classes and text)."""
    def __init__(self):
        super().__init__()
        self.lanes, self.steps, self.codes = [], [], []
        self._in = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class", "") or ""
        if "lane-title" in cls:
            self._in = ("lane", None)
            self.lanes.append("")
        elif cls.split()[:1] == ["step"]:
            self._in = ("step", cls)
            self.steps.append([cls, ""])
        elif tag == "code":
            self._in = ("code", None)
            self.codes.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in is None:
            return
        kind = self._in[0]
        if kind == "lane":
            self.lanes[-1] += data
        elif kind == "step":
            self.steps[-1][1] += data
        else:
            self.codes[-1] += data


if os.path.exists(work):
    shutil.rmtree(work)
os.makedirs(work)
page = os.path.join(work, "abba.html")
code, out, err = run("abba_deadlock", "--html", page)
expect(code == 1 and os.path.exists(page) and page in err,
       f"a finding is written as HTML and the path said (exit {code}: {err})")
trace_lines = [l for l in out.splitlines() if l.strip()[:1].isdigit() and ". " in l]
if os.path.exists(page):
    cells = Cells()
    with open(page) as f:
        cells.feed(f.read())
    expect(cells.lanes == ["task 0 (main)", "task 1"], f"one lane per task, in order: {cells.lanes}")
    expect(len(cells.steps) == len(trace_lines) and len(trace_lines) > 0,
           f"a cell per step of the text trace ({len(cells.steps)} vs {len(trace_lines)})")
    expect(any("blocked" in c for c, _ in cells.steps), "blocked steps are marked")
    expect(cells.steps and "failing" in cells.steps[-1][0], "the last step is marked")
    expect(all(t.strip() in l for (_, t), l in zip(cells.steps, trace_lines)),
           "each cell says what the text trace says")
    expect(any(c.startswith("WEFT_REPLAY=abba_deadlock:") for c in cells.codes) and
           any("--replay" in c for c in cells.codes), f"the page says how to replay: {cells.codes}")

code, _, err = run("ping_pong_ok", "--html", os.path.join(work, "ok.html"))
expect(code == 0 and not os.path.exists(os.path.join(work, "ok.html")), "no finding, no page")
code, _, err = run("abba_deadlock", "--html", os.path.join(work, "no", "such", "dir.html"))
expect(code == 2 and "cannot write" in err, f"an unwritable path is an error (exit {code})")
code, _, err = run("abba_deadlock", "ping_pong_ok", "--html", os.path.join(work, "t.html"))
expect(os.path.exists(os.path.join(work, "t.abba_deadlock.html")),
       "with several programs each page is named after its program")


def png_not_blank(path):
    """Whether a PNG's pixel data has more than a handful of distinct byte values."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return False
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return len(set(zlib.decompress(idat))) > 16


chromium = shutil.which("chromium") or shutil.which("chromium-browser")
expect(chromium is not None, "Debian's chromium is installed (scripts/setup installs it)")
if chromium and os.path.exists(page):
    flags = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--user-data-dir=" + os.path.join(work, "profile"), "--window-size=1100,700"]
    shot = os.path.join(work, "abba.png")
    p = subprocess.run([*flags, "--screenshot=" + shot, "file://" + page],
                       capture_output=True, text=True, timeout=120)
    expect(os.path.exists(shot) and os.path.getsize(shot) > 2000 and png_not_blank(shot),
           f"a screenshot of the page is taken and is not blank: {p.stderr[-500:]}")
    p = subprocess.run([*flags, "--dump-dom", "file://" + page], capture_output=True, text=True,
                       timeout=120)
    dom = Cells()
    dom.feed(p.stdout)
    expect(dom.lanes == ["task 0 (main)", "task 1"], f"the rendered page has the lanes: {dom.lanes}")

done()
