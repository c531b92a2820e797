"""gridtypes: the ThreeFold zos node's own rules for deployments, from Python.

Every answer comes from the C library libgridtypes (through its flat FFI, gridtypes/ffi.h),
which gives the answers of the Go reference (zosbase pkg/gridtypes) on every input:

    import gridtypes

    with gridtypes.parse(open("deployment.json", "rb").read()) as d:
        print(d.hash())                      # the hash the contract must carry
        problem = d.valid()                  # None, or why the node refuses it
        d.sign("//Alice", twin=d.twin_id, key_type="sr25519")
        report = d.verify({d.twin_id: "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"})

Errors are exceptions derived from gridtypes.Error, with .path and .offset. A Deployment
may be shared between threads (calls on one deployment are serialised by its lock);
distinct deployments run in parallel, as the library releases the GIL.
"""
from __future__ import annotations

import ctypes
import json
import threading
from ctypes import byref, c_size_t, c_uint64, c_void_p, create_string_buffer
from typing import Any, Dict, Iterator, List, Mapping, Optional, Union

from . import _lib
from ._errors import (ArgumentError, BadKeyError, DataError, DecodeError, Error, InvalidError, JSONSyntaxError,
                      JSONTypeError, JSONValueError, LimitError, NotFoundError, OutOfMemoryError, PanicError,
                      UpgradeError, VerifyError)
from ._types import (Capacity, Cause, Comparison, Difference, Fragment, IgnoredChange, Operation, Position,
                     Problem, PublicKey, Units, Upgrade, VerifyReport, Workload, WorkloadCapacity)

__version__ = "0.1.0"

__all__ = [
    "parse", "hash", "upgrade", "compare", "Locator", "key", "workload_id", "unique", "network_id", "version", "reference_rules",
    "Deployment", "Keys", "Fragment", "Problem", "Units", "WorkloadCapacity", "Capacity", "Workload",
    "VerifyReport", "Operation", "IgnoredChange", "Upgrade", "PublicKey", "Comparison", "Difference", "Cause",
    "Position",
    "Error", "ArgumentError", "OutOfMemoryError", "DecodeError", "JSONSyntaxError", "JSONTypeError",
    "JSONValueError", "DataError", "InvalidError", "NotFoundError", "UpgradeError", "PanicError", "LimitError",
    "VerifyError", "BadKeyError", "ED25519", "SR25519", "POLKA_WALLET",
]

ED25519 = "ed25519"
SR25519 = "sr25519"
POLKA_WALLET = "polka-wallet"
_KEY_TYPES = {ED25519: 0, SR25519: 1}

_c = _lib.lib
_parse = _c.gt_ffi_parse
_parse_ex = _c.gt_ffi_parse_ex
_hash_hex = _c.gt_ffi_hash_hex
_hash_json = _c.gt_ffi_hash_json
_free_deployment = _c.gt_ffi_deployment_free

Bytes = Union[bytes, bytearray, memoryview]
Text = Union[str, bytes, bytearray, memoryview]


class _Scratch(threading.local):
    """Per-thread buffers the hot calls reuse instead of allocating on every call."""

    def __init__(self) -> None:
        self.err = _lib.FfiError()
        self.handle = c_void_p()
        self.handle_ref = byref(self.handle)
        self.hex = create_string_buffer(33)
        self.ptr = c_void_p()
        self.size = c_size_t()


_scratch = _Scratch()


def _as_bytes(data: Text, what: str) -> bytes:
    if isinstance(data, bytes):
        return data
    if isinstance(data, str):
        # lone surrogates reach the library as the bytes they would be, which it replaces
        # with U+FFFD as the node does with any invalid UTF-8
        return data.encode("utf-8", "surrogatepass")
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    raise TypeError(f"{what} must be str or bytes, not {type(data).__name__}")


def _check(rc: int, err: _lib.FfiError) -> None:
    if rc:
        raise _lib.make_error(rc, err)


def _take(rc: int, s: _Scratch) -> bytes:
    """The output buffer of a call that filled s.ptr / s.size (freed here)."""
    _check(rc, s.err)
    return _lib.take(s.ptr, s.size)


def version() -> str:
    """The C library's version ("0.1.0")."""
    return _c.gt_ffi_version().decode()


def reference_rules() -> str:
    """The reference rules implemented: "zosbase pkg/gridtypes at commit 063d8956 (2026-03-30)"."""
    return _c.gt_ffi_reference_rules().decode()


def parse(data: Text, *, max_input: int = 0, max_memory: int = 0) -> "Deployment":
    """Decodes a deployment's JSON exactly as a node does (Go's encoding/json rules).

    data: the JSON as bytes (exactly what is hashed) or str (encoded as UTF-8).
    max_input: the largest input accepted in bytes (0: 64 MiB; at most 1 GiB).
    max_memory: the most memory the parse may take in bytes (0: 16 bytes per input byte,
    at least 1 MiB; 2**64 - 1: no budget).
    Raises DecodeError (JSONSyntaxError with .offset, JSONTypeError / JSONValueError with
    .path), LimitError when the input is too large or needs more memory than the budget."""
    raw = data if type(data) is bytes else _as_bytes(data, "data")
    if max_input:
        _u64(max_input, "max_input")
    s = _scratch
    if max_memory:
        _u64(max_memory, "max_memory")
        rc = _parse_ex(raw, len(raw), max_input, max_memory, s.handle_ref, s.err)
    else:
        rc = _parse(raw, len(raw), max_input, s.handle_ref, s.err)
    if rc:
        raise _lib.make_error(rc, s.err)
    d = _new_deployment(Deployment)
    d._h = s.handle.value
    d._lock = _Lock()
    return d


def hash(data: Text, *, max_input: int = 0) -> str:
    """The hash a contract must carry for this deployment JSON: parse(data).hash() in one
    call into the library. Raises what parse and Deployment.hash raise."""
    raw = data if type(data) is bytes else _as_bytes(data, "data")
    if max_input:
        _u64(max_input, "max_input")
    s = _scratch
    rc = _hash_json(raw, len(raw), max_input, s.hex, s.err)
    if rc:
        raise _lib.make_error(rc, s.err)
    return s.hex.value.decode("ascii")


_new_deployment = object.__new__
_Lock = threading.Lock


class Deployment:
    """A decoded deployment (gridtypes.Deployment), owning the library's memory for it.

    Use it as a context manager or call close(); it is also freed when garbage collected.
    Every method raises ValueError once it is closed."""

    __slots__ = ("_h", "_lock", "__weakref__")
    _h: Optional[int]
    _lock: threading.Lock

    def __init__(self, data: Text, *, max_input: int = 0, max_memory: int = 0) -> None:
        other = parse(data, max_input=max_input, max_memory=max_memory)
        self._h, other._h = other._h, None
        self._lock = threading.Lock()

    # ---- life cycle ----

    def close(self) -> None:
        """Frees the library's memory. Calling it again does nothing."""
        with self._lock:
            h = self._h
            if h:
                self._h = None
                _free_deployment(h)

    def __del__(self) -> None:
        h = getattr(self, "_h", None)
        if h:
            self._h = None
            _free_deployment(h)

    def __enter__(self) -> "Deployment":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        return not self._h

    def _handle(self) -> int:
        h = self._h
        if not h:
            raise ValueError("the deployment is closed")
        return h

    # ---- the challenge ----

    def hash(self) -> str:
        """ChallengeHash as 32 lower-case hex digits: what the contract must carry.
        Raises DataError (a workload's data cannot be loaded) or PanicError as the node."""
        s = _scratch
        with self._lock:
            h = self._h
            if not h:
                raise ValueError("the deployment is closed")
            rc = _hash_hex(h, s.hex, s.err)
        if rc:
            raise _lib.make_error(rc, s.err)
        return s.hex.value.decode("ascii")

    def digest(self) -> bytes:
        """ChallengeHash as its 16 bytes (the message ed25519 / sr25519 signatures sign)."""
        s = _scratch
        out = create_string_buffer(16)
        with self._lock:
            rc = _c.gt_ffi_hash(self._handle(), out, s.err)
        _check(rc, s.err)
        return out.raw

    def challenge(self) -> bytes:
        """The challenge: the exact bytes that are hashed."""
        s = _scratch
        with self._lock:
            rc = _c.gt_ffi_challenge(self._handle(), byref(s.ptr), byref(s.size), s.err)
        return _take(rc, s)

    def annotate(self) -> List[Fragment]:
        """The challenge fragment by fragment, with the JSON path of the field of each."""
        s = _scratch
        with self._lock:
            rc = _c.gt_ffi_annotate(self._handle(), byref(s.ptr), byref(s.size), s.err)
        items = json.loads(_take(rc, s))
        return [Fragment(f["path"], f["offset"], f["text"], bytes.fromhex(f["hex"])) for f in items]

    # ---- validation, capacity, encoding ----

    def valid(self) -> Optional[Problem]:
        """None when the node accepts the deployment (Deployment.Valid), else the Problem."""
        s = _scratch
        with self._lock:
            rc = _c.gt_ffi_valid(self._handle(), s.err)
        if rc == 0:
            return None
        e = _lib.make_error(rc, s.err)
        if isinstance(e, (ArgumentError, OutOfMemoryError)):
            raise e
        return Problem(e.message, e.path, e.offset, e.status)

    def workload_capacity(self, index: int) -> Units:
        """Workload.Capacity of workload `index`. Raises NotFoundError, DataError, PanicError."""
        s = _scratch
        out = (c_uint64 * 5)()
        with self._lock:
            rc = _c.gt_ffi_capacity(self._handle(), _index(index), out, s.err)
        _check(rc, s.err)
        return Units(*out)

    def capacity(self) -> Capacity:
        """Every workload's capacity and their total (wrapping uint64 sums, as the reference).
        Raises the first workload's error when one cannot say its capacity."""
        per = [WorkloadCapacity(w.index, w.name, w.type, self.workload_capacity(w.index)) for w in self.workloads]
        s = _scratch
        out = (c_uint64 * 5)()
        with self._lock:
            rc = _c.gt_ffi_capacity_total(self._handle(), out, s.err)
        _check(rc, s.err)
        return Capacity(per, Units(*out))

    def encode(self) -> bytes:
        """json.Marshal of the deployment: the exact bytes the reference would send."""
        s = _scratch
        with self._lock:
            rc = _c.gt_ffi_encode(self._handle(), byref(s.ptr), byref(s.size), s.err)
        return _take(rc, s)

    # ---- fields and workloads ----

    def _fields(self) -> List[int]:
        s = _scratch
        out = (c_uint64 * 5)()
        with self._lock:
            rc = _c.gt_ffi_deployment_fields(self._handle(), out, s.err)
        _check(rc, s.err)
        return list(out)

    @property
    def version(self) -> int:
        return self._fields()[0]

    @property
    def twin_id(self) -> int:
        return self._fields()[1]

    @property
    def contract_id(self) -> int:
        return self._fields()[2]

    @property
    def expiration(self) -> int:
        v = self._fields()[3]
        return v - (1 << 64) if v >= 1 << 63 else v

    @property
    def weight_required(self) -> int:
        return self._fields()[4]

    def _borrow(self, fn: Any, index: int) -> bytes:
        s = _scratch
        ptr, size = c_void_p(), c_size_t()
        with self._lock:
            rc = fn(self._handle(), _index(index), byref(ptr), byref(size), s.err)
            _check(rc, s.err)
            return ctypes.string_at(ptr.value, size.value) if size.value else b""

    def workload(self, index: int) -> Workload:
        """Workload `index` (NotFoundError beyond the last)."""
        name = self._borrow(_c.gt_ffi_workload_name, index)
        wtype = self._borrow(_c.gt_ffi_workload_type, index)
        data = self._borrow(_c.gt_ffi_workload_data, index)
        with self._lock:
            wversion = _c.gt_ffi_workload_version(self._handle(), index)
        return Workload(index, name.decode("utf-8", "replace"), wtype.decode("utf-8", "replace"), wversion, data)

    def __len__(self) -> int:
        """The number of workloads."""
        with self._lock:
            return int(_c.gt_ffi_workload_count(self._handle()))

    @property
    def workloads(self) -> List[Workload]:
        return [self.workload(i) for i in range(len(self))]

    def __iter__(self) -> Iterator[Workload]:
        return iter(self.workloads)

    # ---- signatures ----

    def verify(self, keys: Union["Keys", Mapping[int, Union[str, Bytes]]]) -> VerifyReport:
        """Deployment.Verify with the twins' public keys: {twin: key}, each key as hex, 0x hex,
        an SS58 address (str) or raw bytes. A twin missing from keys fails as the node's
        lookup does ("key not found"). Refusals are reported, not raised; BadKeyError when a
        key text cannot be read."""
        table = keys if isinstance(keys, Keys) else Keys(keys)
        s = _scratch
        with self._lock, table._lock:
            rc = _c.gt_ffi_verify(self._handle(), table._handle(), byref(s.ptr), byref(s.size), s.err)
        if rc and not s.ptr.value:
            raise _lib.make_error(rc, s.err)
        r = json.loads(_lib.take(s.ptr, s.size))
        status = _c.gt_ffi_status_name(rc).decode()
        return VerifyReport(r["ok"], r["reason"], r["twin"], r["key_type"], int(r["weight_reached"]),
                            int(r["weight_required"]), r["message"], status)

    def sign(self, secret: Text, twin: int, key_type: str = SR25519, style: Optional[str] = None) -> None:
        """Signs for `twin` with the key of a substrate secret URI (a BIP39 mnemonic, a 0x hex
        seed, "//Alice", with derivation path and password). style: set signature_style first
        ("" or "polka-wallet"), None keeps it. Replaces the twin's signature or appends one.
        The library wipes its copies of the secret; a str or bytes given here stays in
        Python's memory until collected (pass a bytearray to have it wiped too).
        Raises BadKeyError, ArgumentError (key type), DataError / PanicError (no hash)."""
        kt = _key_type(key_type)
        buf = _secret_buffer(secret)
        try:
            s = _scratch
            st = None if style is None else style.encode("utf-8")
            with self._lock:
                rc = _c.gt_ffi_sign(self._handle(), buf, len(buf), kt, _u32(twin, "twin"), st, s.err)
            _check(rc, s.err)
        finally:
            ctypes.memset(buf, 0, len(buf))
            if isinstance(secret, bytearray):
                secret[:] = bytes(len(secret))

    def __repr__(self) -> str:
        if self.closed:
            return "<gridtypes.Deployment closed>"
        return f"<gridtypes.Deployment twin {self.twin_id} contract {self.contract_id}, {len(self)} workloads>"


class Keys:
    """A table of twins' public keys for Deployment.verify, reusable across calls.
    Keys: hex (any case), 0x hex or SS58 addresses as str, raw keys as bytes."""

    __slots__ = ("_h", "_lock", "__weakref__")

    def __init__(self, keys: Optional[Mapping[int, Union[str, Bytes]]] = None) -> None:
        self._lock = threading.Lock()
        self._h = _c.gt_ffi_keys_new()
        if not self._h:
            raise OutOfMemoryError("out of memory", code=-2, status="memory")
        for twin, value in (keys or {}).items():
            self.add(twin, value)

    def add(self, twin: int, key: Union[str, Bytes]) -> None:
        """Sets twin's key (BadKeyError when a text is not hex, 0x hex or SS58)."""
        s = _scratch
        with self._lock:
            if isinstance(key, str):
                raw = key.encode("utf-8", "surrogatepass")
                rc = _c.gt_ffi_keys_add(self._handle(), _u32(twin, "twin"), raw, len(raw), s.err)
            else:
                raw = bytes(key)
                rc = _c.gt_ffi_keys_add_raw(self._handle(), _u32(twin, "twin"), raw, len(raw), s.err)
        _check(rc, s.err)

    def __len__(self) -> int:
        with self._lock:
            return int(_c.gt_ffi_keys_count(self._handle()))

    def _handle(self) -> int:
        if not self._h:
            raise ValueError("the key table is closed")
        return self._h

    def close(self) -> None:
        with self._lock:
            h, self._h = self._h, None
            if h:
                _c.gt_ffi_keys_free(h)

    def __del__(self) -> None:
        h = getattr(self, "_h", None)
        if h:
            self._h = None
            _c.gt_ffi_keys_free(h)

    def __enter__(self) -> "Keys":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _u32(v: int, what: str) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 0xFFFFFFFF:
        raise ArgumentError(f"{what} must be an integer from 0 to 4294967295, not {v!r}", code=-1,
                            status="argument")
    return v


def _u64(v: int, what: str) -> int:
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 0xFFFFFFFFFFFFFFFF:
        raise ArgumentError(f"{what} must be an integer from 0 to 2**64-1, not {v!r}", code=-1, status="argument")
    return v


def _index(i: int) -> int:
    if not isinstance(i, int) or isinstance(i, bool):
        raise TypeError(f"a workload index must be an int, not {type(i).__name__}")
    if not 0 <= i <= 0xFFFFFFFF:
        raise NotFoundError(f"no workload {i}", code=-8, status="not-found")
    return i


def _key_type(key_type: str) -> int:
    try:
        return _KEY_TYPES[key_type]
    except (KeyError, TypeError):
        raise ArgumentError(f"key type must be 'ed25519' or 'sr25519', not {key_type!r}", code=-1,
                            status="argument") from None


def _secret_buffer(secret: Text) -> Any:
    """A ctypes copy of the secret, for the caller to wipe after the call."""
    raw = secret.encode("utf-8") if isinstance(secret, str) else secret
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise TypeError(f"a secret must be str or bytes, not {type(secret).__name__}")
    return (ctypes.c_char * len(raw)).from_buffer_copy(raw)


def key(secret: Text, key_type: str = SR25519) -> PublicKey:
    """The public key and SS58 address of a substrate secret URI ("//Alice", a mnemonic, a
    0x hex seed, with derivation path and password). Raises BadKeyError, ArgumentError."""
    kt = _key_type(key_type)
    buf = _secret_buffer(secret)
    try:
        s = _scratch
        pub = create_string_buffer(32)
        ss58 = create_string_buffer(64)
        rc = _c.gt_ffi_key(buf, len(buf), kt, pub, ss58, s.err)
        _check(rc, s.err)
        return PublicKey(pub.raw, ss58.value.decode("ascii"))
    finally:
        ctypes.memset(buf, 0, len(buf))


def upgrade(old: Union[Deployment, Text], new: Union[Deployment, Text]) -> Upgrade:
    """Deployment.Upgrade(old -> new): the operations a node runs and the changes it would
    silently ignore. Like the reference, it copies the results of kept workloads from old
    into new (a Deployment given as new is changed). Raises UpgradeError (versions, ids,
    types) or the validation error of new (InvalidError, DataError, PanicError)."""
    a = old if isinstance(old, Deployment) else parse(old)
    b = new if isinstance(new, Deployment) else parse(new)
    try:
        s = _scratch
        with a._lock:
            if a is b:
                rc = _c.gt_ffi_upgrade(a._handle(), a._handle(), byref(s.ptr), byref(s.size), s.err)
            else:
                with b._lock:
                    rc = _c.gt_ffi_upgrade(a._handle(), b._handle(), byref(s.ptr), byref(s.size), s.err)
        r: Dict[str, Any] = json.loads(_take(rc, s))
    finally:
        if a is not old:
            a.close()
        if b is not new:
            b.close()
    ops = [Operation(o["op"], o["name"], o["id"], o["index"]) for o in r["ops"]]
    warnings = [IgnoredChange(w["index"], w["name"], w["old_version"], w["new_version"], w["deployment_version"],
                              w["data_changed"], w["metadata_changed"], w["description_changed"])
                for w in r["warnings"]]
    return Upgrade(ops, warnings)


def workload_id(twin: int, contract: int, name: Text) -> str:
    """NewWorkloadID: "<twin>-<contract>-<name>". InvalidError when the name is not valid."""
    raw = _as_bytes(name, "name")
    out = create_string_buffer(96)
    s = _scratch
    rc = _c.gt_ffi_workload_id(_u32(twin, "twin"), _u64(contract, "contract"), raw, len(raw), out, s.err)
    _check(rc, s.err)
    return out.value.decode("utf-8", "replace")


def unique(workload_id: Text, input: Text) -> str:
    """WorkloadID.Unique(input): 13 base58 characters of MD5("<id>:<input>")."""
    wid = _as_bytes(workload_id, "workload_id")
    raw = _as_bytes(input, "input")
    out = create_string_buffer(14)
    s = _scratch
    rc = _c.gt_ffi_workload_unique(wid, len(wid), raw, len(raw), out, s.err)
    _check(rc, s.err)
    return out.value.decode("ascii")


def network_id(twin: int, name: Text) -> str:
    """zos.NetworkID(twin, name): 13 base58 characters."""
    raw = _as_bytes(name, "name")
    out = create_string_buffer(14)
    s = _scratch
    rc = _c.gt_ffi_network_id(_u32(twin, "twin"), raw, len(raw), out, s.err)
    _check(rc, s.err)
    return out.value.decode("ascii")


def compare(theirs: Text, deployment: Union[Deployment, Text], *, hex: bool = False) -> Comparison:
    """Compares another client's challenge for a deployment with the node's, and explains the
    first difference: the offsets, our field there and the causes recognised (an IP written
    unnormalised, an empty IP net, upper-case hex, a number above 2**53, a field left out,
    ...). theirs: the challenge's bytes, or with hex=True its hex text (an optional 0x,
    whitespace ignored). Raises JSONValueError for bad hex (offset in theirs), or the
    challenge's own DataError / PanicError."""
    raw = _as_bytes(theirs, "theirs")
    d = deployment if isinstance(deployment, Deployment) else parse(deployment)
    try:
        s = _scratch
        with d._lock:
            rc = _c.gt_ffi_compare(d._handle(), raw, len(raw), 1 if hex else 0, byref(s.ptr), byref(s.size), s.err)
        r = json.loads(_take(rc, s))
    finally:
        if d is not deployment:
            d.close()
    diffs = [Difference(x["ours_offset"], x["theirs_offset"], x.get("path"), x.get("fragment_offset"),
                        x.get("fragment"), [Cause(c["code"], c["text"]) for c in x.get("causes", [])])
             for x in r["differences"]]
    return Comparison(r["equal"], r["ours_length"], r["theirs_length"], diffs)


class Locator:
    """JSON paths (as errors name them) and byte offsets of one document turned into lines
    and columns, for pointing at the field an error names. Keeps its own copy of the
    document; any number of questions cost one pass over it in total."""

    __slots__ = ("_h", "_lock", "__weakref__")

    def __init__(self, document: Text) -> None:
        raw = _as_bytes(document, "document")
        self._lock = threading.Lock()
        self._h: Optional[int] = None
        s = _scratch
        h = c_void_p()
        rc = _c.gt_ffi_locator_new(raw, len(raw), byref(h), s.err)
        _check(rc, s.err)
        self._h = h.value

    def path(self, path: str) -> Position:
        """Where the value at `path` ("workloads[1].data.size") starts. When only a prefix of
        the path exists, found is False and the position is that prefix's value's."""
        raw = path.encode("utf-8", "surrogatepass")
        out = (c_uint64 * 4)()
        s = _scratch
        with self._lock:
            rc = _c.gt_ffi_locator_path(self._handle(), raw, len(raw), out, s.err)
        if rc and rc != -8:  # GT_ENOTFOUND still says how far the path reached
            _check(rc, s.err)
        return Position(out[0], out[1], out[2], rc == 0, out[3])

    def position(self, offset: int) -> Position:
        """The line and column of byte `offset` (0 to the document's length)."""
        out = (c_uint64 * 4)()
        s = _scratch
        with self._lock:
            rc = _c.gt_ffi_locator_position(self._handle(), _u64(offset, "offset"), out, s.err)
        _check(rc, s.err)
        return Position(out[0], out[1], out[2], True, 0)

    def _handle(self) -> int:
        if not self._h:
            raise ValueError("the locator is closed")
        return self._h

    def close(self) -> None:
        with self._lock:
            h, self._h = self._h, None
            if h:
                _c.gt_ffi_locator_free(h)

    def __del__(self) -> None:
        h = getattr(self, "_h", None)
        if h:
            self._h = None
            _c.gt_ffi_locator_free(h)

    def __enter__(self) -> "Locator":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
