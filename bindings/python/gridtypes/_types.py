"""The plain values the API hands out: frozen dataclasses, no behaviour of their own."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional


@dataclass(frozen=True)
class Fragment:
    """One piece of the challenge: the JSON path of the field that wrote it, its first byte's
    offset in the challenge, its text (invalid UTF-8 shown as U+FFFD) and its exact bytes."""

    path: str
    offset: int
    text: str
    data: bytes


@dataclass(frozen=True)
class Problem:
    """Why the node would refuse a deployment (Deployment.valid)."""

    message: str
    path: Optional[str]
    offset: Optional[int]
    status: str  # "invalid"; "data", "type", "value" (a workload's data cannot be loaded); "panic"

    @property
    def panicked(self) -> bool:
        """The reference panics on this deployment instead of returning an error."""
        return self.status == "panic"


@dataclass(frozen=True)
class Units:
    """gridtypes.Capacity: cores, bytes of SSD, HDD and memory, public IPv4 addresses."""

    cru: int
    sru: int
    hru: int
    mru: int
    ipv4u: int


@dataclass(frozen=True)
class WorkloadCapacity:
    index: int
    name: str
    type: str
    units: Units


@dataclass(frozen=True)
class Capacity:
    """Per workload, and the total with the reference's wrapping uint64 sums."""

    workloads: List[WorkloadCapacity]
    total: Units


@dataclass(frozen=True)
class Workload:
    index: int
    name: str
    type: str
    version: int
    data: bytes  # the raw JSON of its data, as decoded (b"" when absent)


@dataclass(frozen=True)
class VerifyReport:
    """What Deployment.Verify decided. True when the signatures are accepted.

    reason: "ok", "hash" (the challenge failed), "missing_required", "key_not_found",
    "bad_hex", "bad_signature", "key_panic" (an ed25519 key that is not 32 bytes: the
    reference panics), "no_originator" or "weight"."""

    ok: bool
    reason: str
    twin: int
    key_type: str
    weight_reached: int
    weight_required: int
    message: str
    status: str  # the library's status name: "ok", "verify", "panic", "data", ...

    def __bool__(self) -> bool:
        return self.ok


@dataclass(frozen=True)
class Operation:
    """One step a node runs for an update: op is "add", "update" or "remove"; index is the
    workload's index in the new deployment (add, update) or the old one (remove); id is ""
    when the name is not a valid workload name."""

    op: str
    name: str
    id: str
    index: int


@dataclass(frozen=True)
class IgnoredChange:
    """A kept workload whose change the node silently ignores: its version is not the new
    deployment's version, so data, metadata or description changes are not applied."""

    index: int
    name: str
    old_version: int
    new_version: int
    deployment_version: int
    data_changed: bool
    metadata_changed: bool
    description_changed: bool


@dataclass(frozen=True)
class Upgrade:
    operations: List[Operation]
    warnings: List[IgnoredChange]


@dataclass(frozen=True)
class PublicKey:
    """The public key of a secret: its 32 bytes and SS58 address (substrate prefix 42)."""

    key: bytes
    ss58: str

    @property
    def hex(self) -> str:
        return self.key.hex()


@dataclass(frozen=True)
class Cause:
    """A likely cause of a difference: a stable code ("ip-unnormalised", ...) and words."""

    code: str
    text: str


@dataclass(frozen=True)
class Difference:
    """Where another client's challenge departs from ours, and the field of ours there
    (path, fragment_offset and fragment are None when no fragment holds the offset)."""

    ours_offset: int
    theirs_offset: int
    path: Optional[str]
    fragment_offset: Optional[int]
    fragment: Optional[str]
    causes: List[Cause]


@dataclass(frozen=True)
class Comparison:
    """Another client's challenge against ours. True when they are equal."""

    equal: bool
    ours_length: int
    theirs_length: int
    differences: List[Difference]

    def __bool__(self) -> bool:
        return self.equal


@dataclass(frozen=True)
class Position:
    """A place in a JSON document: byte offset, line and column (from 1, columns in bytes).
    For a path, found tells whether all of it exists and matched how many bytes of the path
    were found (the position is then that prefix's value)."""

    offset: int
    line: int
    column: int
    found: bool = True
    matched: int = 0
