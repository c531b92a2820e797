"""Exceptions: one base, gridtypes.Error, and a class per kind of failure of the library."""
from __future__ import annotations

from typing import Dict, Optional, Type


class Error(Exception):
    """A refusal or failure reported by the library.

    code    -- the library's status code (negative int, see gridtypes/error.h)
    status  -- its short name ("syntax", "invalid", "panic", ...)
    message -- what went wrong, in words
    path    -- JSON path of the field at fault ("workloads[1].data.size"), or None
    offset  -- byte offset in the input that was read, or None
    """

    code: int
    status: str
    message: str
    path: Optional[str]
    offset: Optional[int]

    def __init__(self, message: str, *, code: int = 0, status: str = "", path: Optional[str] = None,
                 offset: Optional[int] = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
        self.path = path
        self.offset = offset

    def __str__(self) -> str:
        where = []
        if self.path:
            where.append(self.path)
        if self.offset is not None:
            where.append(f"byte {self.offset}")
        return f"{self.message} ({', '.join(where)})" if where else self.message


class ArgumentError(Error, ValueError):
    """The call was given something unusable (the library's GT_EARG)."""


class OutOfMemoryError(Error, MemoryError):
    """The library could not allocate memory."""


class DecodeError(Error, ValueError):
    """The JSON could not be decoded into a deployment, as the node's json.Unmarshal refuses it."""


class JSONSyntaxError(DecodeError):
    """The bytes are not JSON; offset says where."""


class JSONTypeError(DecodeError):
    """A JSON value of the wrong type for its field, or out of its range; path says which."""


class JSONValueError(DecodeError):
    """A field's own decoder refused the value (IP, hex, timestamp); path says which."""


class DataError(Error):
    """A workload's data could not be loaded into its type, or its type is unknown."""


class InvalidError(Error):
    """Validation refused the deployment or a workload."""


class NotFoundError(Error, LookupError):
    """No such workload, key or entry."""


class UpgradeError(Error):
    """The node would refuse this update."""


class PanicError(Error):
    """The reference panics on this input; the library reports it instead."""


class LimitError(Error):
    """A documented limit was exceeded (input size, nesting depth)."""


class VerifyError(Error):
    """Signature verification refused the deployment."""


class BadKeyError(Error, ValueError):
    """A key, seed, mnemonic, derivation path or public key text is unusable."""


_BY_CODE: Dict[int, Type[Error]] = {
    -1: ArgumentError,
    -2: OutOfMemoryError,
    -3: JSONSyntaxError,
    -4: JSONTypeError,
    -5: JSONValueError,
    -6: DataError,
    -7: InvalidError,
    -8: NotFoundError,
    -9: UpgradeError,
    -10: PanicError,
    -11: LimitError,
    -12: VerifyError,
    -13: BadKeyError,
}


def error_class(code: int) -> Type[Error]:
    """The exception class of a status code (Error for codes without their own class)."""
    return _BY_CODE.get(code, Error)
