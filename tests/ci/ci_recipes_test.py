#!/usr/bin/env python3
"""docs/ci/: the GitHub Actions workflows parse and have the shape Actions requires, use only
weft paths and options that exist, and the Dockerfile builds and runs weft-vet over the corpus
where a Docker daemon answers (WEFT_TEST_DOCKER=1 makes that part required).
Usage: ci_recipes_test.py <weft source dir> <weft-vet>"""
import os
import re
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from expectations import done, expect, fail  # noqa: E402

source, vet = sys.argv[1:3]
ci = os.path.join(source, "docs", "ci")


def workflow(name):
    with open(os.path.join(ci, name)) as f:
        text = f.read()
    try:
        w = yaml.safe_load(text)
    except yaml.YAMLError as e:
        fail(f"{name}: not YAML: {e}")
        return None, text
    # PyYAML reads the key `on` as True (YAML 1.1); Actions reads it as "on".
    expect(isinstance(w, dict) and ("on" in w or True in w), f"{name}: no trigger ('on')")
    jobs = w.get("jobs") if isinstance(w, dict) else None
    expect(isinstance(jobs, dict) and jobs, f"{name}: no jobs")
    for job_name, job in (jobs or {}).items():
        expect(isinstance(job, dict) and "runs-on" in job, f"{name}: job {job_name} has no runs-on")
        steps = job.get("steps", []) if isinstance(job, dict) else []
        expect(isinstance(steps, list) and steps, f"{name}: job {job_name} has no steps")
        for i, step in enumerate(steps):
            expect(isinstance(step, dict) and (("run" in step) != ("uses" in step)),
                   f"{name}: job {job_name} step {i + 1} must either run or use an action")
    return w, text


def options_exist(name, text):
    # Every -DWEFT_* option is one weft's CMake defines; every weft script named exists.
    cmake = ""
    for root, _, files in os.walk(source):
        if "/build" in root or "/.git" in root:
            continue
        for f in files:
            if f == "CMakeLists.txt" or f.endswith(".cmake"):
                with open(os.path.join(root, f)) as fh:
                    cmake += fh.read()
    for option in set(re.findall(r"-D(WEFT_[A-Z_]+)=", text)):
        expect(re.search(rf"(option|set)\({option}\b", cmake) is not None,
               f"{name}: -D{option} is no option of weft's CMake")
    for script in set(re.findall(r"scripts/(\w+)", text)):
        expect(os.path.exists(os.path.join(source, "scripts", script)),
               f"{name}: scripts/{script} does not exist")


lint, text = workflow("weft-vet.yml")
options_exist("weft-vet.yml", text)
if lint:
    uses = [s.get("uses", "") for j in lint["jobs"].values() for s in j["steps"]]
    expect(any(u.startswith("github/codeql-action/upload-sarif") for u in uses),
           "weft-vet.yml: does not upload SARIF")
    expect(lint.get("permissions", {}).get("security-events") == "write",
           "weft-vet.yml: upload-sarif needs permissions: security-events: write")
    help_text = subprocess.run([vet, "--help"], capture_output=True, text=True).stdout
    for flag in set(re.findall(r"weft-vet (?:[^\n]*?)(--[a-z-]+)", text)) | {"--format", "--help-uri"}:
        expect(flag in help_text, f"weft-vet.yml: weft-vet has no {flag}")
explore, text = workflow("explore.yml")
options_exist("explore.yml", text)

with open(os.path.join(ci, "Dockerfile")) as f:
    docker = f.read()
options_exist("Dockerfile", docker)
expect(docker.startswith("#") and "FROM debian:bookworm" in docker, "Dockerfile: FROM debian:bookworm")
expect('ENTRYPOINT ["/usr/local/bin/weft-vet"]' in docker, "Dockerfile: weft-vet is the entry point")

daemon = subprocess.run(["docker", "info"], capture_output=True).returncode == 0 \
    if subprocess.run(["sh", "-c", "command -v docker"], capture_output=True).returncode == 0 else False
if daemon:
    build = subprocess.run(["docker", "build", "-f", os.path.join(ci, "Dockerfile"), "-t",
                            "weft-vet-test", source], capture_output=True, text=True)
    expect(build.returncode == 0, f"Dockerfile does not build:\n{build.stderr[-2000:]}")
    if build.returncode == 0:
        corpus = os.path.join(source, "corpus")
        run = subprocess.run(["docker", "run", "--rm", "-v", f"{source}:/w", "-w", "/w",
                              "weft-vet-test", "corpus/kernels", "--", "-std=c++20",
                              "-Ilib/include", "-Iharness/include"],
                             capture_output=True, text=True)
        expect(run.returncode == 1 and "[weft-" in run.stdout,
               f"the image's weft-vet over the corpus: exit {run.returncode}")
elif os.environ.get("WEFT_TEST_DOCKER") == "1":
    fail("WEFT_TEST_DOCKER=1 but no Docker daemon answers")
else:
    print("skipped: building the Dockerfile (no Docker daemon answers here)")

done()
