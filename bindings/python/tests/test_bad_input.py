"""Bad input: every kind gives a gridtypes.Error (or the Python TypeError for a wrong
argument type), never a crash of the interpreter, and costs about what honest input does."""
from __future__ import annotations

import os
import random
import time
import unittest

import gridtypes

from .common import TREE, read

EXAMPLE = read(os.path.join(TREE, "examples", "deployment.json"))


class BadInput(unittest.TestCase):
    def refused(self, data: object) -> gridtypes.Error:
        with self.assertRaises(gridtypes.Error) as cm:
            gridtypes.parse(data)  # type: ignore[arg-type]
        return cm.exception

    def test_not_json(self) -> None:
        for junk in (b"", b"   ", b"nul", b"{", b"[1,2", b"\x00\x01\x02", b"\xff\xfe{}", "héllo", b"{}}",
                     b'{"workloads": [1, 2]}', b'{"version": -1}', b'{"version": 1.5}', b'{"twin_id": 1e3}'):
            with self.subTest(junk=junk):
                e = self.refused(junk)
                self.assertIsInstance(e, (gridtypes.DecodeError, gridtypes.LimitError))
                self.assertTrue(e.message)

    def test_every_prefix_of_a_deployment(self) -> None:
        for n in range(len(EXAMPLE) - 1):
            e = self.refused(EXAMPLE[:n])
            self.assertIsInstance(e, gridtypes.JSONSyntaxError)
            self.assertIsNotNone(e.offset)

    def test_random_junk_and_mutations(self) -> None:
        rng = random.Random(20261127)
        for _ in range(3000):
            if rng.random() < 0.5:
                data = bytes(rng.randrange(256) for _ in range(rng.randrange(64)))
            else:
                b = bytearray(EXAMPLE)
                for _ in range(rng.randrange(1, 8)):
                    b[rng.randrange(len(b))] = rng.randrange(256)
                data = bytes(b)
            try:
                d = gridtypes.parse(data)
            except gridtypes.Error:
                continue
            with d:  # whatever decodes must answer every question without crashing
                for call in (d.hash, d.challenge, d.annotate, d.capacity, d.encode):
                    try:
                        call()
                    except gridtypes.Error:
                        pass
                d.valid()
                d.verify({1: "00"})

    def test_depth_100k(self) -> None:
        e = self.refused(b"[" * 100_000 + b"]" * 100_000)
        self.assertIsInstance(e, gridtypes.DecodeError)
        e = self.refused(b'{"workloads":' + b"[" * 100_000)
        self.assertIsInstance(e, gridtypes.DecodeError)

    def test_50_mb(self) -> None:
        big = b'{"description": "' + b"a" * (50 << 20) + b'", "version": x}'
        start = time.perf_counter()
        e = self.refused(big)
        self.assertIsInstance(e, gridtypes.JSONSyntaxError)
        self.assertEqual(e.offset, len(big) - 2)
        with self.assertRaises(gridtypes.LimitError):
            gridtypes.parse(big, max_input=1 << 20)
        honest = b'{"description": "' + b"a" * (50 << 20) + b'", "version": 1}'
        with gridtypes.parse(honest) as d:
            self.assertEqual(d.version, 1)
        self.assertLess(time.perf_counter() - start, 60)  # generous: linear, not quadratic

    def test_wrong_argument_types(self) -> None:
        for bad in (None, 3, 1.5, ["{}"], {"a": 1}):
            with self.assertRaises(TypeError):
                gridtypes.parse(bad)  # type: ignore[arg-type]
        d = gridtypes.parse(EXAMPLE)
        with self.assertRaises(TypeError):
            d.workload("0")  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            d.sign(None, 1)  # type: ignore[arg-type]
        with self.assertRaises(gridtypes.ArgumentError):
            d.verify({"x": "00"})  # type: ignore[dict-item]
        with self.assertRaises(gridtypes.BadKeyError):
            d.verify({1: "not a key"})
        with self.assertRaises(gridtypes.LimitError):
            d.verify({1: b"\x00" * 257})


if __name__ == "__main__":
    unittest.main()
