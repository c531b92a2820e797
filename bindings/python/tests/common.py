"""What the tests share: where the conformance corpus is, and Go's way of showing bytes."""
from __future__ import annotations

import codecs
import json
import os
from typing import Any, Iterator, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
# the source tree (for examples/ and test data): beside these tests, unless they were copied
# elsewhere to test an installed package
TREE = os.environ.get("GRIDTYPES_SOURCE_TREE") or os.path.normpath(os.path.join(HERE, "..", "..", ".."))


def corpus_dir() -> str:
    """$GRIDTYPES_CORPUS, else the corpus bundled with the source tree."""
    return os.environ.get("GRIDTYPES_CORPUS") or os.path.join(TREE, "tests", "conformance")


def read(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def read_json(path: str) -> Any:
    return json.loads(read(path))


def deployment_cases() -> Iterator[Tuple[str, bytes, Any]]:
    """(name, input bytes, expectations) of every deployments/ case, in name order."""
    d = os.path.join(corpus_dir(), "deployments")
    for name in sorted(os.listdir(d)):
        if name.endswith(".json") and not name.endswith(".expect.json"):
            base = name[:-5]
            yield base, read(os.path.join(d, name)), read_json(os.path.join(d, base + ".expect.json"))


def case_dirs(kind: str) -> Iterator[Tuple[str, str]]:
    d = os.path.join(corpus_dir(), kind)
    for name in sorted(os.listdir(d)):
        yield name, os.path.join(d, name)


def _one_byte_at_a_time(exc: UnicodeDecodeError) -> Tuple[str, int]:
    return "\ufffd", exc.start + 1


codecs.register_error("gridtypes-tests-go", _one_byte_at_a_time)


def go_text(raw: bytes) -> str:
    """bytes as a Go string shows them once written as JSON: each byte that is not part of
    valid UTF-8 becomes U+FFFD (the corpus's expected texts went through Go's encoder)."""
    return raw.decode("utf-8", "gridtypes-tests-go")
