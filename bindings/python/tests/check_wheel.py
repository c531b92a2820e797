"""check_wheel.py --lib LIB --work DIR --corpus DIR

The package as users install it, offline: in a fresh venv, `pip install ./bindings/python`
(pip runs the package's own build backend, no index), then the wheel built the same way
(`pip wheel`, tagged py3-none-linux_<machine>) installed into a second fresh venv, where
the whole test suite runs against the installed package, away from the source tree.
LIB is the self-contained library to bundle (GRIDTYPES_BUNDLE_LIB), so nothing is rebuilt."""
from __future__ import annotations

import argparse
import glob
import os
import platform
import shutil
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)
TREE = os.path.dirname(os.path.dirname(PACKAGE))


def run(cmd: list, env: dict, cwd: str) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, env=env, cwd=cwd, check=True)


def fresh_venv(path: str, env: dict) -> str:
    shutil.rmtree(path, ignore_errors=True)
    run([sys.executable, "-m", "venv", path], env, os.path.dirname(path))
    return os.path.join(path, "bin", "python")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lib", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--corpus", required=True)
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GRIDTYPES_LIBRARY", "VIRTUAL_ENV")}
    env.update(GRIDTYPES_BUNDLE_LIB=os.path.abspath(args.lib), PIP_NO_INDEX="1", PIP_NO_CACHE_DIR="1",
               PIP_DISABLE_PIP_VERSION_CHECK="1", PYTHONDONTWRITEBYTECODE="1")

    # 1. the one-command install from the source directory
    py = fresh_venv(os.path.join(work, "venv-source"), env)
    run([py, "-m", "pip", "install", "--no-index", PACKAGE], env, work)
    run([py, "-c", "import gridtypes, sys; d = gridtypes.parse(b'{}'); print(gridtypes.__file__, d.hash())"],
        env, work)

    # 2. the wheel, then a second fresh venv with only the wheel
    dist = os.path.join(work, "dist")
    shutil.rmtree(dist, ignore_errors=True)
    run([py, "-m", "pip", "wheel", "--no-index", "--no-deps", "-w", dist, PACKAGE], env, work)
    wheels = glob.glob(os.path.join(dist, "gridtypes-*.whl"))
    machine = platform.machine().lower()
    want = f"-py3-none-linux_{machine}.whl"
    if len(wheels) != 1 or not wheels[0].endswith(want):
        print(f"FAIL: expected one wheel ending {want}, found {wheels}")
        return 1
    with zipfile.ZipFile(wheels[0]) as zf:
        names = zf.namelist()
    for needed in ("gridtypes/libgridtypes.so", "gridtypes/py.typed", "gridtypes/__init__.py"):
        if needed not in names:
            print(f"FAIL: {needed} is not in {wheels[0]}")
            return 1
    py = fresh_venv(os.path.join(work, "venv-wheel"), env)
    run([py, "-m", "pip", "install", "--no-index", wheels[0]], env, work)

    # the tests, copied away from the source tree so that only the installed package is found
    tests = os.path.join(work, "suite", "tests")
    shutil.rmtree(os.path.dirname(tests), ignore_errors=True)
    shutil.copytree(HERE, tests, ignore=shutil.ignore_patterns("__pycache__", "check_*"))
    env_tests = dict(env, GRIDTYPES_CORPUS=os.path.abspath(args.corpus), GRIDTYPES_SOURCE_TREE=TREE)
    run([py, "-c", "import gridtypes, gridtypes._lib as l, sys; "
         "assert l.path.startswith(sys.prefix), l.path; print('loaded', l.path)"], env_tests, work)
    run([py, "-m", "unittest", "discover", "-s", tests, "-t", os.path.dirname(tests)], env_tests, work)
    print("ok: the wheel installs offline in a fresh venv and passes the suite")
    return 0


if __name__ == "__main__":
    sys.exit(main())
