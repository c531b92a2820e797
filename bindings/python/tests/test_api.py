"""The package's API: each call's answer, its Python types, its errors and the life cycle."""
from __future__ import annotations

import gc
import json
import os
import unittest

import gridtypes

from .common import TREE, read

EXAMPLE = os.path.join(TREE, "examples", "deployment.json")
ALICE_SR = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
ALICE_SR_SS58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
ALICE_ED = "88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee"


def small(twin: int = 42, style: str = "", weight_required: int = 1) -> bytes:
    return json.dumps({
        "twin_id": twin,
        "signature_requirement": {"requests": [{"twin_id": twin, "weight": 1}], "weight_required": weight_required,
                                  "signature_style": style},
        "workloads": [{"name": "d", "type": "zmount", "data": {"size": 1}}],
    }).encode()


class Library(unittest.TestCase):
    def test_versions(self) -> None:
        self.assertEqual(gridtypes.version(), gridtypes.__version__)
        self.assertIn("063d8956", gridtypes.reference_rules())


class Parsing(unittest.TestCase):
    def test_str_bytes_and_bytearray_agree(self) -> None:
        raw = read(EXAMPLE)
        hashes = {gridtypes.parse(x).hash() for x in (raw, raw.decode(), bytearray(raw), memoryview(raw))}
        self.assertEqual(hashes, {"61a836cbdb1daab13d31fc84e23d31d1"})
        self.assertEqual(gridtypes.Deployment(raw).hash(), "61a836cbdb1daab13d31fc84e23d31d1")
        self.assertEqual(gridtypes.hash(raw), "61a836cbdb1daab13d31fc84e23d31d1")
        self.assertEqual(gridtypes.hash(raw.decode()), "61a836cbdb1daab13d31fc84e23d31d1")
        with self.assertRaises(gridtypes.JSONSyntaxError):
            gridtypes.hash(b"{,")
        with self.assertRaises(gridtypes.PanicError):
            gridtypes.hash(b'{"workloads":[{"name":"a","type":"zmount","data":null}]}')
        with self.assertRaises(gridtypes.LimitError):
            gridtypes.hash(raw, max_input=100)

    def test_fields(self) -> None:
        with gridtypes.parse(read(EXAMPLE)) as d:
            self.assertEqual((d.version, d.twin_id, d.contract_id, d.expiration, d.weight_required),
                             (0, 7301, 480215, 0, 1))
            self.assertEqual(len(d), 5)
            self.assertEqual([w.type for w in d], ["network", "zmount", "ip", "zmachine", "gateway-name-proxy"])
            self.assertEqual(d.workloads[1].name, "data")
            self.assertTrue(d.workloads[1].data.startswith(b"{"))
            self.assertIn("twin 7301", repr(d))
        d = gridtypes.parse(b'{"contract_id": 18446744073709551615, "expiration": -3}')
        self.assertEqual(d.contract_id, 2**64 - 1)
        self.assertEqual(d.expiration, -3)
        with self.assertRaises(gridtypes.NotFoundError):
            d.workload(0)

    def test_decode_errors_carry_offset_and_path(self) -> None:
        with self.assertRaises(gridtypes.JSONSyntaxError) as cm:
            gridtypes.parse(b'{"version": 1,, }')
        self.assertEqual(cm.exception.offset, 14)
        self.assertIsNone(cm.exception.path)
        self.assertEqual(cm.exception.status, "syntax")
        self.assertIsInstance(cm.exception, gridtypes.DecodeError)
        self.assertIsInstance(cm.exception, ValueError)
        with self.assertRaises(gridtypes.JSONTypeError) as cm2:
            gridtypes.parse(b'{"twin_id": "seven"}')
        self.assertEqual(cm2.exception.path, "twin_id")
        self.assertIn("twin_id", str(cm2.exception))
        with self.assertRaises(gridtypes.LimitError):
            gridtypes.parse(b'{"version": 1}', max_input=4)
        with self.assertRaises(gridtypes.ArgumentError):
            gridtypes.parse(b"{}", max_input=-1)
        # the memory budget: 5,000 workloads written {} need far more than 16 bytes per
        # input byte; with the budget raised they decode
        many = b'{"workloads":[' + b",".join([b"{}"] * 5000) + b"]}"
        with self.assertRaises(gridtypes.LimitError) as cm3:
            gridtypes.parse(many, max_memory=len(many) * 2)
        self.assertIn("budget", str(cm3.exception))
        with gridtypes.parse(many, max_memory=1 << 30) as d:
            self.assertEqual(len(d.workloads), 5000)
        with self.assertRaises(TypeError):
            gridtypes.parse(42)  # type: ignore[arg-type]


class Challenge(unittest.TestCase):
    def setUp(self) -> None:
        self.d = gridtypes.parse(read(EXAMPLE))

    def tearDown(self) -> None:
        self.d.close()

    def test_hash_digest_challenge_annotate_agree(self) -> None:
        import hashlib
        text = self.d.challenge()
        self.assertIsInstance(text, bytes)
        self.assertEqual(hashlib.md5(text).hexdigest(), self.d.hash())
        self.assertEqual(self.d.digest(), hashlib.md5(text).digest())
        frags = self.d.annotate()
        self.assertEqual(b"".join(f.data for f in frags), text)
        self.assertEqual(frags[1], gridtypes.Fragment("twin_id", 1, "7301", b"7301"))
        self.assertTrue(any(f.path == "workloads[0].name" and f.text == "mynet" for f in frags))

    def test_valid_capacity_encode(self) -> None:
        self.assertIsNone(self.d.valid())
        cap = self.d.capacity()
        self.assertEqual(cap.total, gridtypes.Units(cru=2, sru=23622320128, hru=0, mru=4294967296, ipv4u=1))
        self.assertEqual([w.name for w in cap.workloads], ["mynet", "data", "publicip", "web", "webgw"])
        self.assertEqual(self.d.workload_capacity(2), gridtypes.Units(0, 0, 0, 0, 1))
        with self.assertRaises(gridtypes.NotFoundError):
            self.d.workload_capacity(5)
        with self.assertRaises(gridtypes.NotFoundError):
            self.d.workload_capacity(-1)
        enc = self.d.encode()
        self.assertEqual(gridtypes.parse(enc).hash(), self.d.hash())
        self.assertEqual(json.loads(enc)["twin_id"], 7301)

    def test_problems(self) -> None:
        dup = b'{"workloads":[{"name":"a","type":"zmount","data":{"size":1}},' \
              b'{"name":"a","type":"zmount","data":{"size":1}}]}'
        p = gridtypes.parse(dup).valid()
        assert p is not None
        self.assertEqual(p.status, "invalid")
        self.assertFalse(p.panicked)
        null = gridtypes.parse(b'{"workloads":[{"name":"a","type":"zmount","data":null}]}')
        p = null.valid()
        assert p is not None
        self.assertTrue(p.panicked)
        with self.assertRaises(gridtypes.PanicError):
            null.hash()
        with self.assertRaises(gridtypes.PanicError):
            null.capacity()
        with self.assertRaises(gridtypes.DataError) as cm:
            gridtypes.parse(b'{"workloads":[{"name":"a","type":"nope","data":{}}]}').challenge()
        self.assertIn("nope", cm.exception.message)

    def test_total_wraps_like_go(self) -> None:
        d = gridtypes.parse(b'{"workloads":[{"name":"a","type":"zmount","data":{"size":18446744073709551615}},'
                            b'{"name":"b","type":"zmount","data":{"size":3}}]}')
        self.assertEqual(d.capacity().total.sru, 2)


class LifeCycle(unittest.TestCase):
    def test_close_and_context(self) -> None:
        d = gridtypes.parse(read(EXAMPLE))
        with d as same:
            self.assertIs(same, d)
        self.assertTrue(d.closed)
        d.close()  # twice is fine
        for call in (d.hash, d.challenge, d.valid, d.encode, d.annotate, d.capacity, len):
            with self.assertRaises(ValueError):
                call() if call is not len else len(d)
        self.assertIn("closed", repr(d))

    def test_garbage_collected(self) -> None:
        for _ in range(2000):
            gridtypes.parse(read(EXAMPLE))
        gc.collect()


class Signing(unittest.TestCase):
    def round_trip(self, key_type: str, style: str) -> None:
        d = gridtypes.parse(small())
        keys = {42: ALICE_SR_SS58 if key_type == gridtypes.SR25519 else ALICE_ED}
        before = d.verify(keys)
        self.assertFalse(before)
        self.assertEqual((before.reason, before.twin), ("missing_required", 42))
        d.sign("//Alice", 42, key_type, style)
        report = d.verify(keys)
        self.assertTrue(report, report)
        self.assertEqual((report.reason, report.key_type, report.status), ("ok", key_type, "ok"))
        sig = json.loads(d.encode())["signature_requirement"]
        self.assertEqual(sig["signature_style"], style)
        self.assertEqual(sig["signatures"][0]["signature_type"], key_type)
        # it survives encoding and decoding
        self.assertTrue(gridtypes.parse(d.encode()).verify(keys))
        missing = d.verify({})
        self.assertEqual(missing.reason, "key_not_found")
        self.assertIn("key not found", missing.message)

    def test_both_key_types_and_styles(self) -> None:
        for key_type in (gridtypes.ED25519, gridtypes.SR25519):
            for style in ("", gridtypes.POLKA_WALLET):
                with self.subTest(key_type=key_type, style=style):
                    self.round_trip(key_type, style)

    def test_key_forms(self) -> None:
        d = gridtypes.parse(small())
        d.sign(b"//Alice", 42, "sr25519")
        for key in (ALICE_SR, ALICE_SR.upper(), "0x" + ALICE_SR, ALICE_SR_SS58, bytes.fromhex(ALICE_SR)):
            self.assertTrue(d.verify({42: key}), key)
        table = gridtypes.Keys({42: ALICE_SR_SS58})
        self.assertEqual(len(table), 1)
        self.assertTrue(d.verify(table))
        with self.assertRaises(gridtypes.BadKeyError) as cm:
            gridtypes.Keys({42: "0xzz"})
        self.assertEqual(cm.exception.offset, 2)
        with self.assertRaises(gridtypes.BadKeyError):
            d.verify({42: ALICE_SR_SS58[:-1] + "x"})
        with self.assertRaises(gridtypes.ArgumentError):
            d.verify({-1: ALICE_SR})

    def test_refusals(self) -> None:
        d = gridtypes.parse(small(weight_required=2**64 - 1))
        d.sign("//Alice", 42, "sr25519")
        r = d.verify({42: ALICE_SR})
        self.assertEqual((r.reason, r.weight_reached, r.weight_required), ("weight", 1, 2**64 - 1))
        bob = gridtypes.key("//Bob", "sr25519")
        r = d.verify({42: bob.key})
        self.assertEqual(r.reason, "bad_signature")
        r = gridtypes.parse(small()).verify({42: "00"})
        self.assertEqual(r.reason, "missing_required")
        d2 = gridtypes.parse(small())
        d2.sign("//Alice", 42, "ed25519")
        r = d2.verify({42: "0011"})
        self.assertEqual((r.reason, r.status), ("key_panic", "panic"))
        with self.assertRaises(gridtypes.BadKeyError):
            d.sign("not a phrase at all", 42)
        with self.assertRaises(gridtypes.ArgumentError):
            d.sign("//Alice", 42, "rsa")
        with self.assertRaises(gridtypes.ArgumentError):
            d.sign("//Alice", 2**32)
        null = gridtypes.parse(b'{"twin_id":1,"workloads":[{"name":"a","type":"zmount","data":null}]}')
        with self.assertRaises(gridtypes.PanicError):
            null.sign("//Alice", 1, style="polka-wallet")
        self.assertEqual(json.loads(null.encode())["signature_requirement"]["signature_style"], "")
        self.assertEqual(null.verify({1: ALICE_SR}).reason, "hash")

    def test_secret_bytearray_is_wiped(self) -> None:
        secret = bytearray(b"//Alice")
        gridtypes.parse(small()).sign(secret, 42)
        self.assertEqual(secret, bytearray(7))

    def test_key(self) -> None:
        k = gridtypes.key("//Alice")
        self.assertEqual((k.hex, k.ss58), (ALICE_SR, ALICE_SR_SS58))
        self.assertEqual(gridtypes.key("//Alice", "ed25519").hex, ALICE_ED)
        with self.assertRaises(gridtypes.BadKeyError) as cm:
            gridtypes.key("correct horse battery staple")
        self.assertNotIn("horse", cm.exception.message)  # the secret is never quoted


class Upgrades(unittest.TestCase):
    def test_upgrade(self) -> None:
        old = read(os.path.join(TREE, "tests", "cli", "data", "upgrade-old.json"))
        new = read(os.path.join(TREE, "tests", "cli", "data", "upgrade-new.json"))
        u = gridtypes.upgrade(old, new)
        self.assertTrue(u.operations)
        for op in u.operations:
            self.assertIn(op.op, ("add", "update", "remove"))
        with gridtypes.parse(old) as a, gridtypes.parse(new) as b:
            self.assertEqual(gridtypes.upgrade(a, b), u)
        with self.assertRaises(gridtypes.UpgradeError) as cm:
            gridtypes.upgrade(old, old)
        self.assertIn("version", cm.exception.message)

    def test_ignored_changes(self) -> None:
        base = {"version": 0, "twin_id": 1, "contract_id": 2,
                "workloads": [{"version": 0, "name": "d", "type": "zmount", "data": {"size": 1}}]}
        bumped = json.loads(json.dumps(base))
        bumped["version"] = 1
        bumped["workloads"][0]["data"]["size"] = 2
        u = gridtypes.upgrade(json.dumps(base), json.dumps(bumped))
        self.assertEqual(u.operations, [])
        self.assertEqual(len(u.warnings), 1)
        w = u.warnings[0]
        self.assertEqual((w.name, w.data_changed, w.metadata_changed, w.deployment_version), ("d", True, False, 1))


class Ids(unittest.TestCase):
    def test_ids(self) -> None:
        self.assertEqual(gridtypes.workload_id(7, 2**64 - 1, "vm_1"), "7-18446744073709551615-vm_1")
        with self.assertRaises(gridtypes.InvalidError):
            gridtypes.workload_id(7, 1, "a-b")
        with self.assertRaises(gridtypes.ArgumentError):
            gridtypes.workload_id(2**32, 1, "a")
        self.assertEqual(len(gridtypes.unique("7-1-vm", "x")), 13)
        self.assertEqual(gridtypes.unique("7-1-vm", b"x"), gridtypes.unique(b"7-1-vm", "x"))
        self.assertEqual(len(gridtypes.network_id(7, "mynet")), 13)


class Diagnosis(unittest.TestCase):
    def test_compare(self) -> None:
        raw = read(EXAMPLE)
        with gridtypes.parse(raw) as d:
            ours = d.challenge()
            same = gridtypes.compare(ours, d)
            self.assertTrue(same)
            self.assertEqual((same.ours_length, same.theirs_length, same.differences), (698, 698, []))
            self.assertTrue(gridtypes.compare("0x" + ours.hex().upper(), d, hex=True))
            theirs = ours.replace(b"10.20.2.5", b"::ffff:10.20.2.5")
            c = gridtypes.compare(theirs, d)
            self.assertFalse(c)
            self.assertEqual(c.theirs_length, 705)
            first = c.differences[0]
            self.assertEqual((first.ours_offset, first.path, first.fragment),
                             (426, "workloads[3].data.network.interfaces[0].ip", "10.20.2.5"))
            self.assertIn("ip-unnormalised", [x.code for x in first.causes])
            with self.assertRaises(gridtypes.JSONValueError) as cm:
                gridtypes.compare("0x12zz", d, hex=True)
            self.assertEqual(cm.exception.offset, 4)
        # a deployment given as JSON is parsed for the call
        self.assertTrue(gridtypes.compare(ours, raw))
        with self.assertRaises(gridtypes.PanicError):
            gridtypes.compare(b"", b'{"workloads":[{"name":"a","type":"zmount","data":null}]}')

    def test_locator(self) -> None:
        raw = read(EXAMPLE)
        with gridtypes.Locator(raw) as loc:
            p = loc.path("workloads[3].data.network.interfaces[0].ip")
            self.assertTrue(p.found)
            self.assertEqual(raw[p.offset:p.offset + 11], b'"10.20.2.5"')
            line_start = raw.rfind(b"\n", 0, p.offset) + 1
            self.assertEqual((p.line, p.column), (raw[:p.offset].count(b"\n") + 1, p.offset - line_start + 1))
            partial = loc.path("workloads[3].nope")
            self.assertFalse(partial.found)
            self.assertEqual(partial.matched, len("workloads[3]"))
            self.assertEqual(loc.position(0), gridtypes.Position(0, 1, 1, True, 0))
            with self.assertRaises(gridtypes.ArgumentError):
                loc.position(len(raw) + 1)
        with self.assertRaises(ValueError):
            loc.path("version")
        # an error's path, pointed at in the document
        bad = b'{\n  "twin_id": 1,\n  "workloads": [{"name": "a", "version": "x"}]\n}'
        with self.assertRaises(gridtypes.JSONTypeError) as cm:
            gridtypes.parse(bad)
        assert cm.exception.path is not None
        at = gridtypes.Locator(bad).path(cm.exception.path)
        self.assertEqual((at.line, bad[at.offset:at.offset + 3]), (3, b'"x"'))


class Loading(unittest.TestCase):
    def test_says_what_it_tried(self) -> None:
        from unittest import mock
        from gridtypes import _lib
        fake = [("/nonexistent/libgridtypes.so", "bundled in the package"),
                ("libgridtypes-missing.so.0", "the system's dynamic loader")]
        with mock.patch.object(_lib, "_candidates", return_value=fake), \
                mock.patch("ctypes.util.find_library", return_value=None):
            with self.assertRaises(ImportError) as cm:
                _lib._load()
        msg = str(cm.exception)
        self.assertIn("/nonexistent/libgridtypes.so (bundled in the package): no such file", msg)
        self.assertIn("libgridtypes-missing.so.0 (the system's dynamic loader)", msg)
        self.assertIn("find_library('gridtypes'): nothing found", msg)
        self.assertIn("make python", msg)

    def test_order(self) -> None:
        from gridtypes import _lib
        names = [how for _, how in _lib._candidates()]
        self.assertEqual(names[-2:], ["bundled in the package", "the system's dynamic loader"])


if __name__ == "__main__":
    unittest.main()
