"""Finding, loading and declaring the C library (gridtypes/ffi.h) with ctypes.

Order: $GRIDTYPES_LIBRARY when set (a path, for development and tests), then the
libgridtypes.so bundled in this package, then the system's libgridtypes.so.0 (the dynamic
loader's search, then ctypes.util.find_library). When none loads, ImportError says what
was tried and why each attempt failed.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
from ctypes import (POINTER, Structure, c_char, c_char_p, c_int32, c_int64, c_size_t, c_uint8, c_uint32,
                    c_uint64, c_void_p)
from typing import List, Optional, Tuple

from ._errors import Error, error_class

ABI_VERSION = 1  # GT_FFI_ABI_VERSION this package was written for
ERROR_SIZE = 784

BUNDLED_NAME = "libgridtypes.so"
SYSTEM_NAME = "libgridtypes.so.0"


class FfiError(Structure):
    """gt_ffi_error: the same layout on every target (784 bytes)."""

    _fields_ = [
        ("code", c_int32),
        ("reserved", c_int32),
        ("offset", c_int64),
        ("path", c_char * 256),
        ("message", c_char * 512),
    ]


def _candidates() -> List[Tuple[str, str]]:
    """(what to load, how it was found) in the order they are tried."""
    found: List[Tuple[str, str]] = []
    explicit = os.environ.get("GRIDTYPES_LIBRARY")
    if explicit:
        found.append((explicit, "$GRIDTYPES_LIBRARY"))
    found.append((os.path.join(os.path.dirname(os.path.abspath(__file__)), BUNDLED_NAME), "bundled in the package"))
    found.append((SYSTEM_NAME, "the system's dynamic loader"))
    return found


def _load() -> ctypes.CDLL:
    tried: List[str] = []
    for target, how in _candidates():
        if os.sep in target and not os.path.exists(target):
            tried.append(f"{target} ({how}): no such file")
            continue
        try:
            return ctypes.CDLL(target)
        except OSError as exc:
            tried.append(f"{target} ({how}): {exc}")
    name = ctypes.util.find_library("gridtypes")
    if name:
        try:
            return ctypes.CDLL(name)
        except OSError as exc:
            tried.append(f"{name} (ctypes.util.find_library): {exc}")
    else:
        tried.append("ctypes.util.find_library('gridtypes'): nothing found")
    raise ImportError(
        "gridtypes: cannot load the C library libgridtypes. Tried, in order:\n  - "
        + "\n  - ".join(tried)
        + "\nInstall the wheel that bundles it (`make python` builds one), install the library "
        "(`cmake --install build`), or point GRIDTYPES_LIBRARY at a libgridtypes.so.")


lib = _load()
path: Optional[str] = getattr(lib, "_name", None)

_u8p = POINTER(c_uint8)
_errp = POINTER(FfiError)


def _declare(name: str, restype: object, *argtypes: object) -> None:
    fn = getattr(lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)


for _name, _res, _args in [
    ("gt_ffi_abi_version", c_uint32, ()),
    ("gt_ffi_error_size", c_uint32, ()),
    ("gt_ffi_version", c_char_p, ()),
    ("gt_ffi_reference_rules", c_char_p, ()),
    ("gt_ffi_status_name", c_char_p, (c_int32,)),
    ("gt_ffi_alloc", c_void_p, (c_size_t,)),
    ("gt_ffi_free", None, (c_void_p,)),
    ("gt_ffi_parse", c_int32, (c_char_p, c_size_t, c_uint64, POINTER(c_void_p), _errp)),
    ("gt_ffi_parse_ex", c_int32, (c_char_p, c_size_t, c_uint64, c_uint64, POINTER(c_void_p), _errp)),
    ("gt_ffi_deployment_free", None, (c_void_p,)),
    ("gt_ffi_hash", c_int32, (c_void_p, c_char_p, _errp)),
    ("gt_ffi_hash_hex", c_int32, (c_void_p, c_char_p, _errp)),
    ("gt_ffi_hash_json", c_int32, (c_char_p, c_size_t, c_uint64, c_char_p, _errp)),
    ("gt_ffi_challenge", c_int32, (c_void_p, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_annotate", c_int32, (c_void_p, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_valid", c_int32, (c_void_p, _errp)),
    ("gt_ffi_encode", c_int32, (c_void_p, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_workload_count", c_uint32, (c_void_p,)),
    ("gt_ffi_workload_name", c_int32, (c_void_p, c_uint32, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_workload_type", c_int32, (c_void_p, c_uint32, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_workload_data", c_int32, (c_void_p, c_uint32, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_workload_version", c_uint32, (c_void_p, c_uint32)),
    ("gt_ffi_deployment_fields", c_int32, (c_void_p, POINTER(c_uint64), _errp)),
    ("gt_ffi_capacity", c_int32, (c_void_p, c_uint32, POINTER(c_uint64), _errp)),
    ("gt_ffi_capacity_total", c_int32, (c_void_p, POINTER(c_uint64), _errp)),
    ("gt_ffi_keys_new", c_void_p, ()),
    ("gt_ffi_keys_free", None, (c_void_p,)),
    ("gt_ffi_keys_add", c_int32, (c_void_p, c_uint32, c_char_p, c_size_t, _errp)),
    ("gt_ffi_keys_add_raw", c_int32, (c_void_p, c_uint32, c_char_p, c_size_t, _errp)),
    ("gt_ffi_keys_count", c_uint32, (c_void_p,)),
    ("gt_ffi_verify", c_int32, (c_void_p, c_void_p, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_sign", c_int32, (c_void_p, c_void_p, c_size_t, c_int32, c_uint32, c_char_p, _errp)),
    ("gt_ffi_key", c_int32, (c_void_p, c_size_t, c_int32, c_char_p, c_char_p, _errp)),
    ("gt_ffi_upgrade", c_int32, (c_void_p, c_void_p, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_workload_id", c_int32, (c_uint32, c_uint64, c_char_p, c_size_t, c_char_p, _errp)),
    ("gt_ffi_workload_unique", c_int32, (c_char_p, c_size_t, c_char_p, c_size_t, c_char_p, _errp)),
    ("gt_ffi_network_id", c_int32, (c_uint32, c_char_p, c_size_t, c_char_p, _errp)),
    ("gt_ffi_compare", c_int32, (c_void_p, c_char_p, c_size_t, c_uint32, POINTER(c_void_p), POINTER(c_size_t), _errp)),
    ("gt_ffi_locator_new", c_int32, (c_char_p, c_size_t, POINTER(c_void_p), _errp)),
    ("gt_ffi_locator_free", None, (c_void_p,)),
    ("gt_ffi_locator_path", c_int32, (c_void_p, c_char_p, c_size_t, POINTER(c_uint64), _errp)),
    ("gt_ffi_locator_position", c_int32, (c_void_p, c_uint64, POINTER(c_uint64), _errp)),
]:
    _declare(_name, _res, *_args)

if lib.gt_ffi_abi_version() != ABI_VERSION or lib.gt_ffi_error_size() != ERROR_SIZE:
    raise ImportError(
        f"gridtypes: {path} speaks FFI ABI {lib.gt_ffi_abi_version()} with {lib.gt_ffi_error_size()}-byte "
        f"errors; this package needs ABI {ABI_VERSION} with {ERROR_SIZE}-byte errors")


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")


def make_error(code: int, err: FfiError) -> Error:
    """The exception for a failed call whose error record is err."""
    cls = error_class(code)
    status = _text(lib.gt_ffi_status_name(code) or b"unknown")
    message = _text(err.message) if err.code == code else f"gridtypes call failed ({status})"
    path = _text(err.path) or None
    offset = err.offset if err.offset >= 0 else None
    return cls(message, code=code, status=status, path=path, offset=offset)


def take(ptr: c_void_p, length: c_size_t) -> bytes:
    """The bytes of a library-allocated output buffer, which is then freed."""
    if not ptr.value:
        return b""
    try:
        return ctypes.string_at(ptr.value, length.value)
    finally:
        lib.gt_ffi_free(ptr)
