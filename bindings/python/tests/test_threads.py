"""Threads: 8 threads working through every corpus deployment (each its own Deployment)
give exactly the single-thread answers; one Deployment shared by 8 threads stays sound."""
from __future__ import annotations

import hashlib
import threading
import unittest
from typing import Any, List, Tuple

import gridtypes

from .common import deployment_cases

THREADS = 8
ROUNDS = 3


def answers(data: bytes) -> Tuple[Any, ...]:
    """Everything the library says about one input, errors included."""
    def outcome(fn: Any) -> Any:
        try:
            return fn()
        except gridtypes.Error as e:
            return (type(e).__name__, e.message, e.path, e.offset)
    try:
        d = gridtypes.parse(data)
    except gridtypes.Error as e:
        return ("decode", type(e).__name__, e.message, e.path, e.offset)
    with d:
        return (outcome(d.hash), outcome(lambda: hashlib.sha256(d.challenge()).hexdigest()), d.valid(),
                outcome(lambda: [f.path for f in d.annotate()]), outcome(d.capacity),
                hashlib.sha256(d.encode()).hexdigest(), d.verify({d.twin_id: "00" * 32}).reason)


class Threads(unittest.TestCase):
    def test_many_threads_match_one(self) -> None:
        inputs: List[bytes] = [data for _, data, _ in deployment_cases()]
        self.assertGreater(len(inputs), 600)
        expected = [answers(x) for x in inputs]
        failures: List[str] = []
        done = [0] * THREADS

        def work(k: int) -> None:
            try:
                for r in range(ROUNDS):
                    # each thread and round walks the list from another place
                    start = (k * 97 + r * 31) % len(inputs)
                    for j in range(len(inputs)):
                        i = (start + j) % len(inputs)
                        if answers(inputs[i]) != expected[i]:
                            failures.append(f"thread {k}: input {i} differs")
                        done[k] += 1
            except BaseException as e:  # noqa: BLE001 - reported below
                failures.append(f"thread {k}: {e!r}")

        threads = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        self.assertEqual(done, [ROUNDS * len(inputs)] * THREADS)

    def test_one_deployment_shared(self) -> None:
        data = next(x for _, x, e in deployment_cases() if e["hash_hex"] and e["valid"] is None)
        d = gridtypes.parse(data)
        want = d.hash()
        seen: List[str] = []

        def work() -> None:
            for _ in range(300):
                seen.append(d.hash())
                d.sign("0x" + "11" * 32, 7, "ed25519")

        threads = [threading.Thread(target=work) for _ in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(set(seen), {want})
        self.assertEqual(len(seen), 300 * THREADS)
        d.close()


if __name__ == "__main__":
    unittest.main()
