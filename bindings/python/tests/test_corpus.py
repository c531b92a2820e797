"""The whole bundled conformance corpus through the Python package: decode decision,
challenge, hash, validity, workloads and capacity, re-encoding, upgrades, signatures, ids."""
from __future__ import annotations

import json
import os
import unittest
from typing import Any, Optional

import gridtypes

from .common import case_dirs, corpus_dir, deployment_cases, go_text, read, read_json


def _outcome(fn: Any) -> "tuple[Any, Optional[gridtypes.Error]]":
    try:
        return fn(), None
    except gridtypes.Error as e:
        return None, e


class Corpus(unittest.TestCase):
    def check_stage(self, what: str, err: Optional[gridtypes.Error], expected_error: Any, panicked: bool) -> None:
        if expected_error is None:
            self.assertIsNone(err, f"{what}: expected success, got {err!r}")
        else:
            self.assertIsNotNone(err, f"{what}: expected {expected_error!r}, got success")
            assert err is not None
            self.assertEqual(isinstance(err, gridtypes.PanicError), panicked, f"{what}: panic expected={panicked}")

    def test_deployments(self) -> None:
        count = 0
        for name, data, e in deployment_cases():
            count += 1
            with self.subTest(case=name):
                d, err = _outcome(lambda: gridtypes.parse(data))
                self.check_stage("decode", err, e["decode_error"], False)
                if d is None:
                    self.assertIsInstance(err, gridtypes.DecodeError if "too large" not in str(err)
                                          else gridtypes.LimitError)
                    with self.assertRaises(type(err)):
                        gridtypes.hash(data)
                    continue
                with d:
                    self.check_deployment(d, e)
                    digest, err = _outcome(d.hash)
                # parse and hash in one call: the same answer or the same error
                once, once_err = _outcome(lambda: gridtypes.hash(data))
                self.assertEqual(once, digest)
                self.assertEqual(type(once_err), type(err))
        self.assertGreaterEqual(count, 600, f"only {count} deployment cases in {corpus_dir()}")

    def check_deployment(self, d: gridtypes.Deployment, e: Any) -> None:
        text, err = _outcome(d.challenge)
        self.check_stage("challenge", err, e.get("challenge_error"), e.get("challenge_panicked", False))
        if text is not None:
            self.assertEqual(text.hex(), e["challenge_hex"])
            frags = d.annotate()
            self.assertEqual(b"".join(f.data for f in frags), text)
            self.assertEqual([f.offset for f in frags],
                             [sum(len(g.data) for g in frags[:i]) for i in range(len(frags))])
        digest, err = _outcome(d.hash)
        self.check_stage("hash", err, e.get("hash_error"), e.get("hash_panicked", False))
        if digest is not None:
            self.assertEqual(digest, e["hash_hex"])
            self.assertEqual(d.digest().hex(), digest)
        problem = d.valid()
        if e["valid"] is None:
            self.assertIsNone(problem)
        else:
            self.assertIsNotNone(problem, f"expected {e['valid']!r}")
            assert problem is not None
            self.assertEqual(problem.panicked, e.get("valid_panicked", False))
        workloads = d.workloads
        self.assertEqual(len(workloads), len(e["workloads"]))
        for w, ew in zip(workloads, e["workloads"]):
            self.assertEqual(w.name, ew["name"])
            self.assertEqual(w.type, ew["type"])
            units, err = _outcome(lambda: d.workload_capacity(w.index))
            self.check_stage(f"capacity of {w.name}", err, ew.get("capacity_error"),
                             ew.get("capacity_panicked", False))
            if units is not None:
                self.assertEqual(units, gridtypes.Units(**ew["capacity"]))
        if e.get("reencoded") is not None:
            self.assertEqual(go_text(d.encode()), e["reencoded"])

    def test_upgrades(self) -> None:
        count = 0
        for name, path in case_dirs("upgrades"):
            count += 1
            with self.subTest(case=name):
                e = read_json(os.path.join(path, "expect.json"))
                old, err_old = _outcome(lambda: gridtypes.parse(read(os.path.join(path, "old.json"))))
                new, err_new = _outcome(lambda: gridtypes.parse(read(os.path.join(path, "new.json"))))
                self.check_stage("old decode", err_old, e.get("old_decode_error"), False)
                self.check_stage("new decode", err_new, e.get("new_decode_error"), False)
                if old is None or new is None:
                    continue
                with old, new:
                    result, err = _outcome(lambda: gridtypes.upgrade(old, new))
                    self.check_stage("upgrade", err, e.get("error"), e.get("panicked", False))
                    if result is None:
                        continue
                    self.assertEqual([(o.name, o.op, o.id) for o in result.operations],
                                     [(o["name"], o["op"], o["id"]) for o in e["ops"]])
                    if e.get("new_after") is not None:
                        self.assertEqual(go_text(new.encode()), e["new_after"])
        self.assertGreater(count, 20)

    def test_signatures(self) -> None:
        count = 0
        for name, path in case_dirs("signatures"):
            count += 1
            with self.subTest(case=name):
                e = read_json(os.path.join(path, "expect.json"))
                keys = {int(twin): key for twin, key in read_json(os.path.join(path, "keys.json")).items()}
                d, err = _outcome(lambda: gridtypes.parse(read(os.path.join(path, "deployment.json"))))
                self.check_stage("decode", err, e.get("decode_error"), False)
                if d is None:
                    continue
                with d:
                    report = d.verify(keys)
                if e["error"] is None:
                    self.assertTrue(report.ok, report.message)
                    self.assertEqual(report.reason, "ok")
                else:
                    self.assertFalse(report.ok)
                    self.assertNotEqual(report.reason, "ok")
                    self.assertEqual(report.status == "panic", e.get("panicked", False), report)
        self.assertGreater(count, 50)

    def test_ids(self) -> None:
        lines = read(os.path.join(corpus_dir(), "ids.jsonl")).splitlines()
        count = 0
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            count += 1
            with self.subTest(line=n):
                case = json.loads(line)
                twin, contract, name, *_ = case["args"]
                twin, contract = int(twin), int(contract)
                raw = bytes.fromhex(name[4:]) if name.startswith("hex:") else name.encode()
                e = case["expect"]
                wid, err = _outcome(lambda: gridtypes.workload_id(twin, contract, raw))
                if e.get("workload_id") is not None:
                    self.assertEqual(wid, e["workload_id"])
                else:
                    self.assertIsInstance(err, gridtypes.InvalidError)
                    assert err is not None
                    self.assertEqual(err.message, e["workload_id_error"])
                text = f"{twin}-{contract}-".encode() + raw  # Unique reads the id text, valid or not
                if e.get("unique_x") is not None:
                    self.assertEqual(gridtypes.unique(text, "x"), e["unique_x"])
                for u in e.get("unique", []):
                    self.assertEqual(gridtypes.unique(text, u["input"]), u["output"])
                if e.get("network_id") is not None:
                    self.assertEqual(gridtypes.network_id(twin, raw), e["network_id"])
        self.assertGreater(count, 10)


if __name__ == "__main__":
    unittest.main()
