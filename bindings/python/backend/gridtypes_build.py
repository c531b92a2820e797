"""The package's PEP 517 build backend: standard library only, so that
`pip install ./bindings/python` works offline with any pip >= 21.3 and any interpreter
(pip installs nothing for a backend that requires nothing; setuptools would have to come
from the index inside pip's isolated build environment).

The wheel holds the pure-Python package and the self-contained libgridtypes.so
(bindings/python/CMakeLists.txt), and is tagged py3-none-linux_<machine>. The library is:
  1. the file named by config setting `lib` (pip --config-settings lib=PATH) or by
     $GRIDTYPES_BUNDLE_LIB, when given;
  2. otherwise built from this source tree with CMake in <tree>/build-python (Release);
  3. with $GRIDTYPES_NO_BUNDLE=1, left out: a py3-none-any wheel that loads the system's
     libgridtypes.so.0.
The sdist holds the Python sources only; a wheel built from it needs 1 or 3.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import platform
import re
import shutil
import subprocess
import tarfile
import zipfile
from typing import Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # bindings/python
TREE = os.path.dirname(os.path.dirname(HERE))  # the repository, when building from it
NAME = "gridtypes"
LIB = "libgridtypes.so"
SUMMARY = "The ThreeFold zos node's own deployment rules (hash, validation, signatures) over libgridtypes"


def _version() -> str:
    with open(os.path.join(HERE, NAME, "__init__.py"), encoding="utf-8") as f:
        m = re.search(r'^__version__ = "([^"]+)"', f.read(), re.M)
    if not m:
        raise RuntimeError("gridtypes/__init__.py has no __version__")
    return m.group(1)


def _dist_info() -> str:
    return f"{NAME}-{_version()}.dist-info"


def _metadata() -> str:
    readme_path = os.path.join(HERE, "README.md")
    readme = open(readme_path, encoding="utf-8").read() if os.path.exists(readme_path) else ""
    return (f"Metadata-Version: 2.1\nName: {NAME}\nVersion: {_version()}\nSummary: {SUMMARY}\n"
            "Requires-Python: >=3.8\nDescription-Content-Type: text/markdown\n\n" + readme)


def _package_files() -> List[Tuple[str, str]]:
    """(path in the archive, path on disk) of the Python package's files."""
    out = []
    pkg = os.path.join(HERE, NAME)
    for name in sorted(os.listdir(pkg)):
        if name.endswith(".py") or name == "py.typed":
            out.append((f"{NAME}/{name}", os.path.join(pkg, name)))
    return out


def _build_library() -> str:
    """Builds the self-contained library from the source tree; returns its path."""
    if not os.path.exists(os.path.join(TREE, "CMakeLists.txt")) or not os.path.isdir(os.path.join(TREE, "src")):
        raise RuntimeError(
            "gridtypes: no library to bundle. Build from the gridtypes-c source tree (pip >= 21.3 builds in "
            "place), or give the library with GRIDTYPES_BUNDLE_LIB=/path/libgridtypes.so, or set "
            "GRIDTYPES_NO_BUNDLE=1 for a wheel that uses the system's libgridtypes.so.0")
    cmake = shutil.which("cmake")
    if not cmake:
        raise RuntimeError("gridtypes: building the bundled library needs cmake (`make deps` installs it)")
    build = os.path.join(TREE, "build-python")
    subprocess.run([cmake, "-S", TREE, "-B", build, "-DCMAKE_BUILD_TYPE=Release", "-DGRIDTYPES_TESTS=OFF"],
                   check=True, stdout=subprocess.DEVNULL)
    jobs = str(os.cpu_count() or 1)
    subprocess.run([cmake, "--build", build, "--target", "gridtypes_python", "-j", jobs], check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(build, "bindings", "python", "lib", LIB)


def _library(config_settings: Optional[Dict[str, str]]) -> Optional[str]:
    given = (config_settings or {}).get("lib") or os.environ.get("GRIDTYPES_BUNDLE_LIB")
    if given:
        if not os.path.isfile(given):
            raise RuntimeError(f"gridtypes: the library to bundle, {given}, does not exist")
        return given
    if os.environ.get("GRIDTYPES_NO_BUNDLE") == "1":
        return None
    return _build_library()


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _add(zf: zipfile.ZipFile, arcname: str, data: bytes, mode: int, record: List[str]) -> None:
    info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))  # reproducible archives
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)
    record.append(_record_line(arcname, data))


def _tag(bundled: bool) -> str:
    if not bundled:
        return "py3-none-any"
    machine = platform.machine().lower().replace("-", "_") or "x86_64"
    return f"py3-none-linux_{machine}"


# ---- PEP 517 hooks ----

def get_requires_for_build_wheel(config_settings: Optional[Dict[str, str]] = None) -> List[str]:
    return []


def get_requires_for_build_sdist(config_settings: Optional[Dict[str, str]] = None) -> List[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str,
                                     config_settings: Optional[Dict[str, str]] = None) -> str:
    target = os.path.join(metadata_directory, _dist_info())
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata())
    return _dist_info()


def build_wheel(wheel_directory: str, config_settings: Optional[Dict[str, str]] = None,
                metadata_directory: Optional[str] = None) -> str:
    lib = _library(config_settings)
    tag = _tag(lib is not None)
    filename = f"{NAME}-{_version()}-{tag}.whl"
    os.makedirs(wheel_directory, exist_ok=True)
    record: List[str] = []
    dist = _dist_info()
    path = os.path.join(wheel_directory, filename)
    with zipfile.ZipFile(path, "w") as zf:
        for arcname, disk in _package_files():
            with open(disk, "rb") as f:
                _add(zf, arcname, f.read(), 0o644, record)
        if lib:
            with open(lib, "rb") as f:
                _add(zf, f"{NAME}/{LIB}", f.read(), 0o755, record)
        _add(zf, f"{dist}/METADATA", _metadata().encode(), 0o644, record)
        wheel = (f"Wheel-Version: 1.0\nGenerator: gridtypes_build {_version()}\n"
                 f"Root-Is-Purelib: {'false' if lib else 'true'}\nTag: {tag}\n")
        _add(zf, f"{dist}/WHEEL", wheel.encode(), 0o644, record)
        record.append(f"{dist}/RECORD,,")
        _add_record(zf, f"{dist}/RECORD", ("\n".join(record) + "\n").encode())
    return filename


def _add_record(zf: zipfile.ZipFile, arcname: str, data: bytes) -> None:
    info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = (0o100644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def build_sdist(sdist_directory: str, config_settings: Optional[Dict[str, str]] = None) -> str:
    base = f"{NAME}-{_version()}"
    filename = f"{base}.tar.gz"
    os.makedirs(sdist_directory, exist_ok=True)
    files = _package_files() + [(f"backend/{os.path.basename(__file__)}", os.path.abspath(__file__))]
    for extra in ("pyproject.toml", "README.md"):
        if os.path.exists(os.path.join(HERE, extra)):
            files.append((extra, os.path.join(HERE, extra)))
    with tarfile.open(os.path.join(sdist_directory, filename), "w:gz", format=tarfile.PAX_FORMAT) as tf:
        for arcname, disk in files:
            tf.add(disk, arcname=f"{base}/{arcname}")
        pkg_info = _metadata().encode()
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        info.size = len(pkg_info)
        tf.addfile(info, io.BytesIO(pkg_info))
    return filename
