// Bad input through the package: a GridtypesError saying what and where, never a crash, and
// the library keeps working afterwards.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gridtypes, root } from './helpers.js';

const gt = await gridtypes();
const example = readFileSync(join(root, 'examples', 'deployment.json'), 'utf8');
const exampleHash = (() => {
  const d = gt.parse(example);
  try {
    return d.hash();
  } finally {
    d.free();
  }
})();

/** parse(input) throws a GridtypesError of this code; returns it. */
function refused(input, code, options) {
  let error = null;
  try {
    gt.parse(input, options).free();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof gt.GridtypesError, `expected a GridtypesError, got ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'GridtypesError');
  assert.equal(error.code, code, error.message);
  assert.ok(error.status < 0);
  assert.notEqual(error.message, '');
  return error;
}

/** The library still answers as before. */
function stillWorks() {
  const d = gt.parse(example);
  try {
    assert.equal(d.hash(), exampleHash);
  } finally {
    d.free();
  }
}

test('not JSON: a syntax error with its byte offset', () => {
  const e = refused('hello, node', 'syntax');
  assert.equal(e.offset, 0);
  refused('', 'syntax');
  const t = refused(example.slice(0, 300), 'syntax');
  assert.equal(t.offset, 300);
  const trailing = refused(`${example}x`, 'syntax');
  assert.equal(trailing.offset, Buffer.byteLength(example));
  stillWorks();
});

test('binary junk and invalid UTF-8 outside strings: syntax errors', () => {
  const junk = new Uint8Array(512).map((_, i) => (i * 37 + 11) % 256);
  refused(junk, 'syntax');
  refused(new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]), 'syntax');
  stillWorks();
});

test('a wrong type: the JSON path and the offset of the value', () => {
  const text = '{"version": 0, "twin_id": "seven"}';
  const e = refused(text, 'type');
  assert.equal(e.path, 'twin_id');
  assert.equal(e.offset, text.indexOf('"seven"'));
  const w = refused('{"workloads":[{"name":"a"},{"version":-1}]}', 'type');
  assert.equal(w.path, 'workloads[1].version');
  stillWorks();
});

test('50 MB: refused by the default limit, accepted below a higher one', () => {
  const big = `{"description":"${'a'.repeat(50 * 1024 * 1024)}"}`;
  const e = refused(big, 'limit');
  assert.match(e.message, /exceeds the limit of 16777216 bytes/);
  refused(new TextEncoder().encode(big), 'limit');
  // The library's own check, for bytes within JavaScript's bound but over the limit.
  const u = refused('é'.repeat(600), 'limit', { maxInput: 1000 });
  assert.match(u.message, /input of 1200 bytes exceeds the limit of 1000 bytes/);
  // Allowed, the 50 MB document is a valid (empty) deployment with a huge description.
  const d = gt.parse(big, { maxInput: 64 * 1024 * 1024 });
  try {
    assert.match(d.hash(), /^[0-9a-f]{32}$/);
  } finally {
    d.free();
  }
  // 50 MB that are not JSON
  refused(`{"description":"${'a'.repeat(50 * 1024 * 1024)}`, 'syntax', { maxInput: 64 * 1024 * 1024 });
  stillWorks();
});

test('the memory budget: refused past it, decoded with a larger one', () => {
  // 5,000 workloads written {} take far more memory than their few bytes of input
  const many = `{"workloads":[${Array(5000).fill('{}').join(',')}]}`;
  const e = refused(many, 'limit', { maxMemory: many.length * 2 });
  assert.match(e.message, /budget/);
  assert.ok(e.offset > 0 && e.offset < many.length);
  const d = gt.parse(many, { maxMemory: 1n << 30n });
  try {
    assert.equal(d.workloads.length, 5000);
  } finally {
    d.free();
  }
  for (const maxMemory of [-1, 1.5, '10']) {
    assert.throws(() => gt.parse('{}', { maxMemory }), (x) => x instanceof gt.GridtypesError && x.code === 'argument');
  }
  stillWorks();
});

test('nesting 100,000 deep: refused with the limit, no stack overflow', () => {
  const arrays = `{"workloads":${'['.repeat(100000)}${']'.repeat(100000)}}`;
  const a = refused(arrays, 'syntax');
  assert.ok(a.offset > 0 && a.offset < arrays.length, `offset ${a.offset}`);
  const objects = `${'{"a":'.repeat(100000)}1${'}'.repeat(100000)}`;
  refused(objects, 'syntax');
  // inside a workload's data, which is decoded later
  const data = `{"workloads":[{"type":"zmount","name":"d","data":${'['.repeat(100000)}${']'.repeat(100000)}}]}`;
  refused(data, 'syntax');
  stillWorks();
});

test('arguments that are not JSON text or bytes', () => {
  for (const x of [null, undefined, 42, {}, []]) {
    assert.throws(() => gt.parse(x), (e) => e instanceof gt.GridtypesError && e.code === 'argument');
  }
  for (const maxInput of [Infinity, -1, 1.5, '10']) {
    assert.throws(() => gt.parse('{}', { maxInput }), (e) => e instanceof gt.GridtypesError && e.code === 'argument');
  }
  stillWorks();
});

test('thousands of refusals in a row leak nothing the library can see', () => {
  for (let i = 0; i < 5000; i++) {
    try {
      gt.parse('{"twin_id": "x"}');
    } catch (e) {
      if (!(e instanceof gt.GridtypesError)) throw e;
    }
  }
  stillWorks();
});
