// The whole bundled conformance corpus (the Go reference's own answers) through the package:
// decode, challenge (and its fragments), hash, Valid, capacity, re-encoding, upgrades,
// signature verification and ids. Each test goes through every case of its kind and lists
// every case that fails.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  bytesOfHex, corpus, goTextDiffers, gridtypes, hexOf, list, readBytes, readExpect,
} from './helpers.js';

const gt = await gridtypes();

/** Runs check(name) for every case; fails with the list of cases whose check threw. */
function everyCase(t, names, check) {
  const failures = [];
  for (const name of names) {
    try {
      check(name);
    } catch (e) {
      failures.push(`${name}: ${e.message}`);
    }
  }
  t.diagnostic(`${names.length - failures.length} of ${names.length} cases pass`);
  assert.deepEqual(failures, [], `${failures.length} of ${names.length} cases fail`);
}

/** Calls f; returns [value, null] or [null, GridtypesError]. Any other error is rethrown. */
function attempt(f) {
  try {
    return [f(), null];
  } catch (e) {
    if (!(e instanceof gt.GridtypesError)) throw e;
    return [null, e];
  }
}

/** A stage's outcome against the reference's: error or not, and panic or not. */
function sameOutcome(stage, err, expectError, expectPanic) {
  const wantError = expectError !== null && expectError !== undefined;
  if (wantError !== (err !== null)) {
    throw new Error(`${stage}: expected ${wantError ? `error "${expectError}"` : 'success'}, got ${err ? `"${err.message}"` : 'success'}`);
  }
  if (wantError && Boolean(expectPanic) !== (err.code === 'panic')) {
    throw new Error(`${stage}: panic expected ${Boolean(expectPanic)}, got ${err.code} "${err.message}"`);
  }
}

test('deployments: decode, challenge, fragments, hash, Valid, capacity and re-encoding as the reference', (t) => {
  const inputs = list('deployments').filter((f) => f.endsWith('.json') && !f.endsWith('.expect.json'));
  assert.ok(inputs.length >= 600, `only ${inputs.length} deployment cases in ${corpus}`);
  everyCase(t, inputs, (file) => {
    const e = readExpect('deployments', file.replace(/\.json$/, '.expect.json'));
    const [d, decodeError] = attempt(() => gt.parse(readBytes('deployments', file)));
    sameOutcome('decode', decodeError, e.decode_error, false);
    if (!d) return;
    try {
      const [challenge, challengeError] = attempt(() => d.challengeBytes());
      sameOutcome('challenge', challengeError, e.challenge_error, e.challenge_panicked);
      if (challenge && hexOf(challenge) !== e.challenge_hex) throw new Error('challenge differs');
      if (challenge) {
        const fragments = d.annotate();
        let at = 0;
        for (const f of fragments) {
          if (f.offset !== at) throw new Error(`fragment ${f.path} at ${f.offset}, expected ${at}`);
          at += f.hex.length / 2;
        }
        if (fragments.map((f) => f.hex).join('') !== e.challenge_hex) throw new Error('fragments do not join into the challenge');
      }

      const [hash, hashError] = attempt(() => d.hash());
      sameOutcome('hash', hashError, e.hash_error, e.hash_panicked);
      if (hash !== null && hash !== e.hash_hex) throw new Error(`hash ${hash}, expected ${e.hash_hex}`);
      if (hash !== null && hexOf(d.hashBytes()) !== hash) throw new Error('hashBytes() is not hash()');
      const [oneCall, oneCallError] = attempt(() => gt.hash(readBytes('deployments', file)));
      if (oneCall !== hash || (oneCallError === null) !== (hashError === null)) throw new Error(`gt.hash() ${oneCall ?? oneCallError.message}, parse().hash() ${hash ?? hashError.message}`);

      const problem = d.valid();
      const validError = problem ? Object.assign(new gt.GridtypesError(problem.message), problem) : null;
      sameOutcome('valid', validError, e.valid, e.valid_panicked);

      const workloads = d.workloads;
      if (workloads.length !== e.workloads.length) throw new Error(`${workloads.length} workloads, expected ${e.workloads.length}`);
      e.workloads.forEach((w, i) => {
        const name = w.name_hex !== undefined ? new TextDecoder().decode(bytesOfHex(w.name_hex)) : w.name;
        if (workloads[i].name !== name) throw new Error(`workloads[${i}].name ${JSON.stringify(workloads[i].name)}`);
        if (w.type !== undefined && workloads[i].type !== w.type) throw new Error(`workloads[${i}].type ${workloads[i].type}`);
        const [cap, capError] = attempt(() => d.capacity(i));
        sameOutcome(`workloads[${i}].capacity`, capError, w.capacity_error, w.capacity_panicked);
        if (cap) {
          for (const k of ['cru', 'sru', 'hru', 'mru', 'ipv4u']) {
            if (cap[k] !== BigInt(w.capacity[k])) throw new Error(`workloads[${i}].capacity.${k} ${cap[k]}, expected ${w.capacity[k]}`);
          }
        }
      });

      if (e.reencoded !== undefined || e.reencoded_hex !== undefined) {
        const why = goTextDiffers(e, 'reencoded', d.encodeBytes());
        if (why) throw new Error(`reencoded ${why}`);
      }
    } finally {
      d.free();
    }
  });
});

test('upgrades: operations, errors and the new deployment afterwards as the reference', (t) => {
  const cases = list('upgrades');
  assert.ok(cases.length >= 25, `only ${cases.length} upgrade cases`);
  everyCase(t, cases, (name) => {
    const e = readExpect('upgrades', name, 'expect.json');
    const [cur, curError] = attempt(() => gt.parse(readBytes('upgrades', name, 'old.json')));
    const [next, nextError] = attempt(() => gt.parse(readBytes('upgrades', name, 'new.json')));
    try {
      sameOutcome('old decode', curError, e.old_decode_error, false);
      sameOutcome('new decode', nextError, e.new_decode_error, false);
      if (!cur || !next) return;
      const [r, err] = attempt(() => gt.upgrade(cur, next));
      sameOutcome('upgrade', err, e.error, e.panicked);
      if (r) {
        const ops = r.ops.map((o) => ({ name: o.name, op: o.op, id: o.id }));
        const want = (e.ops ?? []).map((o) => ({ name: o.name, op: o.op, id: o.id }));
        assert.deepEqual(ops, want);
      }
      if (e.new_after !== undefined || e.new_after_hex !== undefined) {
        const why = goTextDiffers(e, 'new_after', next.encodeBytes());
        if (why) throw new Error(`new_after ${why}`);
      }
    } finally {
      cur?.free();
      next?.free();
    }
  });
});

test('signatures: Deployment.Verify with the corpus keys as the reference', (t) => {
  const cases = list('signatures');
  assert.ok(cases.length >= 50, `only ${cases.length} signature cases`);
  everyCase(t, cases, (name) => {
    const e = readExpect('signatures', name, 'expect.json');
    const keys = JSON.parse(readFileSync(join(corpus, 'signatures', name, 'keys.json'), 'utf8'));
    const [d, decodeError] = attempt(() => gt.parse(readBytes('signatures', name, 'deployment.json')));
    sameOutcome('decode', decodeError, e.decode_error, false);
    if (!d) return;
    try {
      const report = d.verify(keys);
      const wantError = e.error !== null && e.error !== undefined;
      if (report.ok === wantError) throw new Error(`verify: expected ${wantError ? `"${e.error}"` : 'ok'}, got ${report.ok ? 'ok' : `"${report.message}"`}`);
      if (wantError && Boolean(e.panicked) !== (report.code === 'panic')) throw new Error(`verify: panic expected ${Boolean(e.panicked)}, got ${report.code}`);
      if (report.ok !== (report.reason === 'ok')) throw new Error(`report ok ${report.ok} with reason ${report.reason}`);
    } finally {
      d.free();
    }
  });
});

test('ids: workload ids, Unique and network ids as the reference', (t) => {
  const lines = readFileSync(join(corpus, 'ids.jsonl'), 'utf8').split('\n').filter(Boolean);
  assert.ok(lines.length >= 10, `only ${lines.length} id cases`);
  const bytesOf = (a) => (a.startsWith('hex:') ? bytesOfHex(a.slice(4)) : a);
  everyCase(t, lines.map((_, i) => `ids.jsonl:${i + 1}`), (where) => {
    const { args, expect } = JSON.parse(lines[Number(where.split(':')[1]) - 1]);
    const [twin, contract, name, ...inputs] = args;
    const [id, idError] = attempt(() => gt.workloadId(Number(twin), BigInt(contract), bytesOf(name)));
    sameOutcome('workload id', idError, expect.workload_id_error, false);
    if (id !== null && id !== expect.workload_id) throw new Error(`workload id ${id}, expected ${expect.workload_id}`);
    // Unique works on the id's text even when the name is invalid, as the reference does.
    const idBytes = new Uint8Array([...new TextEncoder().encode(`${twin}-${contract}-`), ...(typeof bytesOf(name) === 'string' ? new TextEncoder().encode(name) : bytesOf(name))]);
    if (expect.unique_x !== undefined && gt.workloadUnique(idBytes, 'x') !== expect.unique_x) throw new Error('unique("x") differs');
    (expect.unique ?? []).forEach((u, k) => {
      const got = gt.workloadUnique(idBytes, bytesOf(inputs[k]));
      if (got !== u.output) throw new Error(`unique(${JSON.stringify(u.input)}) ${got}, expected ${u.output}`);
    });
    if (expect.network_id !== undefined) {
      const got = gt.networkId(Number(twin), bytesOf(name));
      if (got !== expect.network_id) throw new Error(`network id ${got}, expected ${expect.network_id}`);
    }
  });
});
