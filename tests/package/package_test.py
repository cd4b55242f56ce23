#!/usr/bin/env python3
"""weft as a dependency, as a new user's project takes it (tests/package/consumer/):
  1. installed: `cmake --install` of this build into a fresh prefix, then the consumer built
     with find_package(weft) — its gtest explores interleavings, its weft-explore command runs;
     pkg-config's flags build a program too;
  2. add_subdirectory: the consumer built with weft's sources in it (as FetchContent does), with
     weft's examples on: no target clash, and none of weft's tests in the consumer's ctest.
Usage: package_test.py <weft source dir> <weft build dir> <work dir>"""
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from expectations import done, expect, fail  # noqa: E402

source, build, work = (os.path.abspath(a) for a in sys.argv[1:4])
consumer = os.path.join(source, "tests", "package", "consumer")


def run(*argv, env=None, cwd=None):
    p = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=cwd, timeout=1200)
    return p.returncode, p.stdout + p.stderr


def build_and_test(label, folder, *configure):
    code, out = run("cmake", "-S", consumer, "-B", folder, "-G", "Ninja",
                    "-DCMAKE_BUILD_TYPE=RelWithDebInfo", *configure)
    if code != 0:
        fail(f"{label}: the consumer does not configure:\n{out[-2000:]}")
        return None
    code, out = run("cmake", "--build", folder, "-j", "2")
    if code != 0:
        fail(f"{label}: the consumer does not build:\n{out[-2000:]}")
        return None
    code, listed = run("ctest", "--test-dir", folder, "-N")
    code, out = run("ctest", "--test-dir", folder, "--output-on-failure")
    expect(code == 0, f"{label}: the consumer's tests fail:\n{out[-2000:]}")
    return listed


if os.path.exists(work):
    shutil.rmtree(work)
os.makedirs(work)

# 1. Installed.
prefix = os.path.join(work, "prefix")
code, out = run("cmake", "--install", build, "--prefix", prefix)
expect(code == 0, f"cmake --install fails:\n{out[-2000:]}")
for f in ["lib/cmake/weft/weftConfig.cmake", "lib/cmake/weft/weftConfigVersion.cmake",
          "lib/cmake/weft/weftExplore.cmake", "lib/pkgconfig/weft.pc", "include/weft/weft.h",
          "include/weft/version.h", "include/weft/harness/gtest.h", "lib/libweft.a"]:
    expect(os.path.exists(os.path.join(prefix, f)), f"installed: {f} is missing")
listed = build_and_test("installed", os.path.join(work, "installed"), "-DCMAKE_PREFIX_PATH=" + prefix)
if listed is not None:
    expect("Total Tests: 3" in listed, f"installed: the consumer's 3 tests only:\n{listed}")

env = dict(os.environ, PKG_CONFIG_PATH=os.path.join(prefix, "lib", "pkgconfig"))
code, flags = run("pkg-config", "--cflags", "--libs", "weft", env=env)
expect(code == 0 and "-lweft" in flags, f"pkg-config weft: {flags}")
if code == 0:
    program = os.path.join(work, "pc_pipeline")
    code, out = run("g++", os.path.join(consumer, "pipeline.cc"), "-o", program, *flags.split())
    expect(code == 0, f"a program built with pkg-config's flags:\n{out[-2000:]}")
    if code == 0:
        code, out = run(program)
        expect(code == 0 and "sum of squares" in out, f"the pkg-config program runs: {out}")

# 2. add_subdirectory, weft's examples on (a target of theirs shares the consumer's name).
listed = build_and_test("add_subdirectory", os.path.join(work, "subdirectory"),
                        "-DWEFT_SOURCE=" + source, "-DWEFT_BUILD_HARNESS=ON",
                        "-DWEFT_BUILD_EXAMPLES=ON")
if listed is not None:
    expect("Total Tests: 3" in listed and "weft_" not in listed,
           f"add_subdirectory: none of weft's tests in the consumer's ctest:\n{listed}")

done()
