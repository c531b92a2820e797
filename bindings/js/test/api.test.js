// The package's API: inputs, fields, fragments, errors, ownership, upgrades, comparison
// with another client's challenge, and the locator.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { gridtypes, packageModule, root } from './helpers.js';

const gt = await gridtypes();
const example = readFileSync(join(root, 'examples', 'deployment.json'), 'utf8');
const made = [];
const owned = (x) => {
  made.push(x);
  return x;
};
afterEach(() => {
  for (const x of made.splice(0)) x[Symbol.dispose]();
});

test('load() gives one instance; version and rules come from the library', async () => {
  const { load, GridtypesError } = await packageModule();
  assert.equal(await load(), gt);
  assert.equal(GridtypesError, gt.GridtypesError);
  assert.match(gt.version, /^\d+\.\d+\.\d+$/);
  assert.match(gt.referenceRules, /^zosbase pkg\/gridtypes at commit [0-9a-f]{8}/);
});

test('a string, its UTF-8 bytes, an ArrayBuffer and a Buffer decode alike', () => {
  const doc = JSON.parse(example);
  doc.description = 'déploiement — 部署 🚀';
  const text = JSON.stringify(doc, null, 2);
  const bytes = new TextEncoder().encode(text);
  const hashes = [text, bytes, bytes.buffer, Buffer.from(text)].map((x) => owned(gt.parse(x)).hash());
  assert.equal(new Set(hashes).size, 1);
  assert.match(owned(gt.parse(text)).challenge(), /déploiement — 部署 🚀/);
});

test('fields, workloads and capacity', () => {
  const d = owned(gt.parse(example));
  assert.equal(d.version, 0);
  assert.equal(d.twinId, 7301);
  assert.equal(d.contractId, 480215n);
  assert.equal(d.expiration, 0n);
  assert.equal(d.weightRequired, 1);
  const names = d.workloads.map((w) => `${w.type}:${w.name}`);
  assert.ok(names.includes('network:mynet'), names.join(' '));
  const total = d.capacity();
  const sum = { cru: 0n, sru: 0n, hru: 0n, mru: 0n, ipv4u: 0n };
  d.workloads.forEach((w) => {
    const c = d.capacity(w.index);
    for (const k of Object.keys(sum)) sum[k] += c[k];
  });
  assert.deepEqual(total, sum);
  assert.equal(typeof total.mru, 'bigint');
  assert.throws(() => d.capacity(999), (e) => e.code === 'not-found');
  const big = JSON.parse(example);
  big.contract_id = '__BIG__';
  const d2 = owned(gt.parse(JSON.stringify(big).replace('"__BIG__"', '18446744073709551615')));
  assert.equal(d2.contractId, 18446744073709551615n);
});

test('the challenge, its fragments and the hash agree', () => {
  const d = owned(gt.parse(example));
  const fragments = d.annotate();
  assert.equal(fragments.map((f) => f.text).join(''), d.challenge());
  assert.equal(fragments[0].offset, 0);
  assert.ok(fragments.some((f) => f.path === 'twin_id' && f.text === '7301'));
  assert.equal(Buffer.from(d.challengeBytes()).toString(), d.challenge());
  const md5 = (b) => Buffer.from(b).toString('hex');
  assert.equal(d.hash(), md5(d.hashBytes()));
  // the node's hash is MD5 of the challenge
  assert.equal(createHash('md5').update(d.challengeBytes()).digest('hex'), d.hash());
});

test('valid(): null, or the problem with its path', () => {
  assert.equal(owned(gt.parse(example)).valid(), null);
  const doc = JSON.parse(example);
  doc.workloads[1].name = 'not a valid name!';
  const p = owned(gt.parse(JSON.stringify(doc))).valid();
  assert.equal(p.code, 'invalid');
  assert.notEqual(p.message, '');
  assert.match(p.path, /^workloads\[1\]/);
});

test('encode() gives what the node would send, and it round-trips', () => {
  const d = owned(gt.parse(example));
  const again = owned(gt.parse(d.encode()));
  assert.equal(again.hash(), d.hash());
  assert.equal(again.encode(), d.encode());
  assert.deepEqual(JSON.parse(d.encode()).workloads.length, JSON.parse(example).workloads.length);
});

test('free(), Symbol.dispose and use after free', () => {
  const d = gt.parse(example);
  assert.equal(d.freed, false);
  d.free();
  assert.equal(d.freed, true);
  d.free();
  assert.throws(() => d.hash(), (e) => e instanceof gt.GridtypesError && e.code === 'argument');
  const e = gt.parse(example);
  e[Symbol.dispose]();
  assert.equal(e.freed, true);
});

test('upgrade(): operations and ignored changes, from JSON or Deployments', () => {
  const next = JSON.parse(example);
  next.version = 1;
  const vm = next.workloads.findIndex((w) => w.type === 'zmachine');
  next.workloads[vm].version = 1;
  next.workloads[vm].data.compute_capacity.memory *= 2;
  const disk = next.workloads.findIndex((w) => w.type === 'zmount');
  next.workloads[disk].data.size *= 2; // version not bumped: the node ignores the change
  next.workloads.push({ ...next.workloads[disk], name: 'extra', version: 1 });
  const r = gt.upgrade(example, JSON.stringify(next));
  const ops = r.ops.map((o) => `${o.op} ${o.name}`);
  assert.ok(ops.includes(`update ${next.workloads[vm].name}`), ops.join(', '));
  assert.ok(ops.includes('add extra'), ops.join(', '));
  assert.ok(r.ops.every((o) => typeof o.index === 'number' && typeof o.id === 'string'));
  assert.equal(r.warnings.length, 1);
  assert.equal(r.warnings[0].name, next.workloads[disk].name);
  assert.equal(r.warnings[0].dataChanged, true);
  // the same with Deployments: `next` is kept and can be encoded afterwards
  const cur = owned(gt.parse(example));
  const nxt = owned(gt.parse(JSON.stringify(next)));
  assert.deepEqual(gt.upgrade(cur, nxt), r);
  assert.equal(nxt.freed, false);
  // a version that does not grow is refused
  assert.throws(() => gt.upgrade(example, example), (e) => e instanceof gt.GridtypesError && e.code === 'upgrade');
});

test('ids', () => {
  assert.equal(gt.workloadId(7301, 480215n, 'vm'), '7301-480215-vm');
  assert.equal(gt.workloadId(1, 18446744073709551615n, 'x'), '1-18446744073709551615-x');
  assert.throws(() => gt.workloadId(1, 1, 'bad name'), (e) => e.code === 'invalid');
  assert.match(gt.workloadUnique('7301-480215-vm', 'x'), /^[1-9A-HJ-NP-Za-km-z]{13}$/);
  assert.match(gt.networkId(7301, 'mynet'), /^[1-9A-HJ-NP-Za-km-z]{13}$/);
});

test('compare(): another client\'s challenge in text or hex, its hash, its JSON', () => {
  const d = owned(gt.parse(example));
  const ours = d.challenge();
  assert.equal(gt.compare(ours, d).equal, true);
  const asHex = gt.compare(Buffer.from(ours).toString('hex'), d);
  assert.equal(asHex.kind, 'challenge');
  assert.equal(asHex.equal, true);

  const newline = gt.compare(`${ours}\n`, example);
  assert.equal(newline.equal, false);
  assert.equal(newline.oursLength + 1, newline.theirsLength);
  assert.ok(newline.differences[0].causes.some((c) => c.code === 'trailing-newline'), JSON.stringify(newline));

  // an IP written unnormalised by a hand-made client
  const at = ours.indexOf('10.20.2.5');
  assert.ok(at > 0);
  const theirs = `${ours.slice(0, at)}::ffff:10.20.2.5${ours.slice(at + '10.20.2.5'.length)}`;
  const r = gt.compare(theirs, d);
  assert.equal(r.equal, false);
  assert.equal(r.differences[0].oursOffset, at);
  assert.equal(r.differences[0].path, 'workloads[3].data.network.interfaces[0].ip');
  assert.equal(r.differences[0].fragment, '10.20.2.5');
  assert.equal(r.differences[0].theirsText, '::ffff:');
  assert.ok(r.differences[0].causes.some((c) => c.code === 'ip-unnormalised'), JSON.stringify(r.differences[0].causes));

  const h = d.hash();
  const same = gt.compare(h, d);
  assert.deepEqual([same.kind, same.equal, same.oursHash, same.theirsHash], ['hash', true, h, h]);
  assert.equal(gt.compare('0'.repeat(32), d).equal, false);
  assert.equal(gt.compare(example, d).kind, 'deployment');
  assert.throws(() => gt.compare('zz', d, { format: 'hex' }), (e) => e.code === 'value');
  assert.throws(() => gt.compare(ours, d, { format: 'hash' }), (e) => e.code === 'argument');
});

test('expect(): the known divergences that give another client\'s hash; lint(); encodeCanonical()', () => {
  const catalogue = gt.divergences();
  assert.ok(catalogue.some((x) => x.name === 'ip-as-written'));
  assert.ok(catalogue.every((x) => typeof x.name === 'string' && typeof x.perField === 'boolean'));
  // An IP written unnormalised: the node hashes Go's form, a client that copies the text
  // hashes what was written.
  const doc = JSON.parse(example);
  const ip = 'workloads[3].data.network.interfaces[0].ip';
  doc.workloads[3].data.network.interfaces[0].ip = '::ffff:10.20.2.5';
  const d = owned(gt.parse(JSON.stringify(doc, null, 2)));
  const theirs = d.annotate().map((f) => (f.path === ip ? '::ffff:10.20.2.5' : f.text)).join('');
  const theirHash = createHash('md5').update(theirs).digest('hex');
  const r = gt.expect(theirHash, d);
  assert.equal(r.equal, false);
  assert.equal(r.ours, d.hash());
  assert.ok(r.matches.some((m) => m.divergences.some((x) => x.name === 'ip-as-written')), JSON.stringify(r));
  assert.equal(gt.expect(d.hash(), d).equal, true);
  assert.throws(() => gt.expect('not a hash', d), (e) => e.code === 'value');

  const { findings, more } = d.lint();
  assert.equal(more, 0);
  const finding = findings.find((f) => f.path === ip);
  assert.equal(finding?.code, 'ip-not-canonical', JSON.stringify(findings));
  assert.equal(finding.fix, 'write "10.20.2.5"');
  const canonical = d.encodeCanonical();
  assert.ok(canonical.includes('"ip":"10.20.2.5"'));
  assert.equal(owned(gt.parse(canonical)).hash(), d.hash());
});

test('locator: JSON paths and byte offsets to lines and columns', () => {
  const l = owned(gt.locator(example));
  const p = l.path('workloads[0].data.subnet');
  assert.equal(p.found, true);
  const want = example.indexOf('"10.20.2.0/24"');
  assert.equal(p.offset, want);
  assert.equal(p.line, example.slice(0, want).split('\n').length);
  assert.deepEqual(l.position(p.offset), { offset: p.offset, line: p.line, column: p.column });
  const partial = l.path('workloads[0].data.nothing_here');
  assert.equal(partial.found, false);
  assert.ok(partial.matched > 0 && partial.matched < 'workloads[0].data.nothing_here'.length);
  // an error's path from parse() points into the same document
  const bad = example.replace('"twin_id": 7301', '"twin_id": "x"');
  let error;
  try {
    gt.parse(bad);
  } catch (e) {
    error = e;
  }
  const lb = owned(gt.locator(bad));
  assert.equal(lb.path(error.path).offset, error.offset);
});
