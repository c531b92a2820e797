// Signing through the package, then verifying: both key types, both signature styles, keys
// given as hex, 0x hex, SS58 and bytes; where sr25519's randomness comes from; and the
// module of keys, the only one a secret enters.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { gridtypes, packageDir, root } from './helpers.js';

const gt = await gridtypes();
const example = readFileSync(join(root, 'examples', 'deployment.json'), 'utf8');
// substrate's public development key and a BIP39 phrase: both public test secrets
const SECRETS = ['//Alice', 'bottom drive obey lake curtain smoke basket hold race lonely fit walk'];

// Deployments made by a test are freed when it ends, through Symbol.dispose (Node 20 has
// the symbol but not yet `using`).
const made = [];
const owned = (d) => {
  made.push(d);
  return d;
};
afterEach(() => {
  for (const d of made.splice(0)) d[Symbol.dispose]();
});

/** The signature the deployment holds for twin, as the encoded JSON shows it. */
function signatureOf(d, twin) {
  const s = JSON.parse(d.encode()).signature_requirement.signatures.find((x) => x.twin_id === twin);
  assert.ok(s, `no signature for twin ${twin}`);
  return s;
}

/** Whether a call rejects with a GridtypesError of this code. */
async function rejects(promise, code) {
  await assert.rejects(promise, (e) => e instanceof gt.GridtypesError && e.code === code);
}

for (const keyType of ['ed25519', 'sr25519']) {
  for (const style of [undefined, '', 'polka-wallet']) {
    for (const secret of SECRETS) {
      test(`sign then verify: ${keyType}, style ${JSON.stringify(style)}, ${secret.startsWith('//') ? secret : 'mnemonic'}`, async () => {
        const d = owned(gt.parse(example));
        const twin = d.twinId;
        const key = await gt.key(secret, keyType);
        assert.match(key.publicKey, /^[0-9a-f]{64}$/);
        assert.ok(key.ss58.startsWith('5'), key.ss58);
        assert.equal(await d.sign({ secret, keyType, style }), d);

        const sig = signatureOf(d, twin);
        assert.equal(sig.signature_type, keyType);
        assert.match(sig.signature, /^[0-9a-f]{128}$/);
        assert.equal(JSON.parse(d.encode()).signature_requirement.signature_style, style ?? '');

        for (const k of [key.publicKey, `0x${key.publicKey}`, key.ss58, key.publicKeyBytes]) {
          const r = d.verify({ [twin]: k });
          assert.equal(r.ok, true, `${r.reason}: ${r.message}`);
          assert.equal(r.reason, 'ok');
          assert.equal(r.code, 'ok');
          assert.equal(r.keyType, keyType);
        }
        // the same through a Map, and after a round trip through the JSON the node receives
        assert.equal(d.verify(new Map([[twin, key.publicKey]])).ok, true);
        const again = owned(gt.parse(d.encode()));
        assert.equal(again.verify({ [twin]: key.ss58 }).ok, true);
        assert.equal(again.hash(), d.hash());

        // another key, no key: refused, with the twin and the reason
        const other = await gt.key(secret === SECRETS[0] ? SECRETS[1] : SECRETS[0], keyType);
        const bad = d.verify({ [twin]: other.publicKey });
        assert.equal(bad.ok, false);
        assert.equal(bad.reason, 'bad_signature');
        assert.equal(bad.twin, twin);
        assert.equal(bad.code, 'verify');
        assert.notEqual(bad.message, '');
        const missing = d.verify({});
        assert.equal(missing.ok, false);
        assert.equal(missing.reason, 'key_not_found');
        assert.equal(missing.twin, twin);
      });
    }
  }
}

test('signing again replaces the twin\'s signature; another twin\'s is added', async () => {
  const d = owned(gt.parse(example));
  await d.sign({ secret: '//Alice', keyType: 'ed25519' });
  await d.sign({ secret: '//Alice', keyType: 'ed25519' });
  assert.equal(JSON.parse(d.encode()).signature_requirement.signatures.length, 1);
  await d.sign({ secret: '//Bob', keyType: 'sr25519', twin: 42 });
  const sigs = JSON.parse(d.encode()).signature_requirement.signatures;
  assert.deepEqual(sigs.map((s) => s.twin_id), [d.twinId, 42]);
});

test('weights short of the requirement: reason "weight" with both weights', async () => {
  // The node checks every request's signature, then the sum of their weights.
  const doc = JSON.parse(example);
  doc.signature_requirement.requests.push({ twin_id: 42, required: false, weight: 2 });
  doc.signature_requirement.weight_required = 4;
  const d = owned(gt.parse(JSON.stringify(doc)));
  await d.sign({ secret: '//Alice', keyType: 'sr25519' });
  await d.sign({ secret: '//Bob', keyType: 'ed25519', twin: 42 });
  const keys = { [d.twinId]: (await gt.key('//Alice', 'sr25519')).ss58, 42: (await gt.key('//Bob', 'ed25519')).publicKey };
  const r = d.verify(keys);
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'weight');
  assert.equal(r.weightReached, 3n);
  assert.equal(r.weightRequired, 4n);
  doc.signature_requirement.weight_required = 3;
  const enough = owned(gt.parse(JSON.stringify(doc)));
  await enough.sign({ secret: '//Alice', keyType: 'sr25519' });
  await enough.sign({ secret: '//Bob', keyType: 'ed25519', twin: 42 });
  const ok = enough.verify(keys);
  assert.equal(ok.ok, true, ok.message);
});

test('ed25519 signatures are deterministic, sr25519 ones are not', async () => {
  const sign = async (keyType) => {
    const d = owned(gt.parse(example));
    await d.sign({ secret: '//Alice', keyType });
    return signatureOf(d, d.twinId).signature;
  };
  assert.equal(await sign('ed25519'), await sign('ed25519'));
  assert.notEqual(await sign('sr25519'), await sign('sr25519'));
});

test('sr25519 signing takes its randomness from crypto.getRandomValues', async (t) => {
  // the object the Node entry reads (Node 18 has no global crypto: node:crypto's webcrypto)
  const source = globalThis.crypto ?? (await import('node:crypto')).webcrypto;
  const real = source.getRandomValues;
  let calls = 0;
  let fixed = false;
  source.getRandomValues = function spy(array) {
    calls++;
    return fixed ? array.fill(7) : real.call(source, array);
  };
  t.after(() => {
    delete source.getRandomValues;
    assert.equal(source.getRandomValues, real);
  });
  const sign = async () => {
    const d = owned(gt.parse(example));
    await d.sign({ secret: '//Alice', keyType: 'sr25519' });
    return signatureOf(d, d.twinId).signature;
  };

  await sign(); // the module of keys is loaded by now
  const before = calls;
  const a = await sign();
  assert.ok(calls - before >= 32, `crypto.getRandomValues called ${calls - before} times for one signature`);
  // A source that always gives the same bytes makes the signatures repeat: they depend on
  // that source and on nothing else that changes.
  fixed = true;
  const b = await sign();
  const c = await sign();
  assert.equal(b, c);
  assert.notEqual(a, b);
  fixed = false;
  assert.notEqual(await sign(), b);
  // ed25519 needs no randomness
  const n = calls;
  const d = owned(gt.parse(example));
  await d.sign({ secret: '//Alice', keyType: 'ed25519' });
  assert.equal(calls, n);
});

test('bad secrets and options are refused with GridtypesError, and change nothing', async () => {
  const d = owned(gt.parse(example));
  await rejects(d.sign({ secret: 'not a mnemonic at all', keyType: 'sr25519' }), 'key');
  await rejects(d.sign({ secret: '//Alice', keyType: 'rsa' }), 'argument');
  await rejects(d.sign({ keyType: 'ed25519' }), 'argument');
  await rejects(gt.key('//Alice', 'ecdsa'), 'argument');
  await rejects(gt.key('//Alice//x/y', 'ed25519'), 'key'); // ed25519 has hard junctions only
  assert.throws(() => d.verify({ 7301: 'zz-not-a-key' }), (e) => e instanceof gt.GridtypesError && e.code === 'key' && e.path === 'keys.7301');
  assert.throws(() => d.verify({ twin: 'aa' }), (e) => e instanceof gt.GridtypesError && e.code === 'argument');
  const freed = gt.parse(example);
  freed.free();
  await rejects(freed.sign({ secret: '//Alice', keyType: 'ed25519' }), 'argument');
  // nothing was signed or changed by the failures
  const doc = JSON.parse(d.encode()).signature_requirement;
  assert.deepEqual(doc.signatures, []);
  assert.equal(doc.signature_style, '');
});

test('key(): the substrate development keys', async () => {
  // //Alice's sr25519 key is public knowledge: 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY
  const alice = await gt.key('//Alice', 'sr25519');
  assert.equal(alice.publicKey, 'd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d');
  assert.equal(alice.ss58, '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY');
  assert.equal(alice.keyType, 'sr25519');
  assert.deepEqual(await gt.key(new TextEncoder().encode('//Alice'), 'sr25519'), alice);
});

test('secrets stay out of the deployments\' module: it has no function that takes one', async () => {
  const exportsOf = async (file) => WebAssembly.Module.exports(await WebAssembly.compile(readFileSync(join(packageDir, 'dist', file))));
  const core = await exportsOf('gridtypes.wasm');
  const keys = await exportsOf('gridtypes-keys.wasm');
  // The export names are minified; the number of functions tells the modules apart: the
  // module of keys has the few it needs, the other has everything else.
  const functions = (list) => list.filter((e) => e.kind === 'function').length;
  assert.ok(functions(keys) < 15, `${functions(keys)} functions in the module of keys`);
  assert.ok(functions(core) > 40, `${functions(core)} functions in the deployments' module`);
  const text = readFileSync(join(packageDir, 'dist', 'gridtypes.wasm')).toString('latin1');
  // The BIP39 word list (mnemonics) is in the module of keys only.
  assert.equal(text.includes('abandon'), false);
  assert.equal(readFileSync(join(packageDir, 'dist', 'gridtypes-keys.wasm')).toString('latin1').includes('abandon'), true);
});
