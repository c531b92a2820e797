// Parse + hash of bench/data/typical.json and large.json, in one run, by:
//   - the gridtypes package in Node (the library compiled to WebAssembly), from a string and
//     from bytes, and gt.hash() (parse, hash and free in one call);
//   - the native library (build/bench/bench, its "(a)"/"(b)" cases), started between rounds;
//   - @threefold/grid_client 2.9.2 (a dev dependency of this benchmark only: npm install
//     here first): challenge_hash() of a Deployment built beforehand, and what a client does,
//     DeploymentFactory.fromObj(JSON.parse(text)) then challenge_hash().
// Rounds are interleaved so that a busy machine slows every contender alike; the table shows
// the median round and the best. It also says whether grid_client's hashes are the node's.
//
//   node bindings/js/bench/bench.mjs [--rounds N] [--ms T] [--native PATH] [--json]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const rounds = Number(option('--rounds', 9));
const ms = Number(option('--ms', 150));
const native = option('--native', join(root, 'build', 'bench', 'bench'));
const asJson = args.includes('--json');
const data = join(root, 'bench', 'data');

const { load } = await import(join(root, 'bindings', 'js', 'dist', 'node.js'));
const gt = await load();
const inputs = ['typical', 'large'].map((name) => {
  const text = readFileSync(join(data, `${name}.json`), 'utf8');
  return { name, text, bytes: new TextEncoder().encode(text) };
});

let gridClient = null;
try {
  const require = createRequire(join(here, 'package.json'));
  gridClient = require('@threefold/grid_client');
} catch (e) {
  console.error(`@threefold/grid_client is not installed (cd ${here} && npm install): its columns are skipped (${e.code ?? e.message})`);
}

/** ns per call of f, timed over ~ms milliseconds after a warm-up. */
function time(f) {
  for (let i = 0; i < 50; i++) f();
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    const ns = Number(process.hrtime.bigint() - t0);
    if (ns >= ms * 1e6 || n >= 1 << 24) return ns / n;
    n *= ns < ms * 1e5 ? 10 : 2;
  }
}

/** The same for an async f (each call awaited). */
async function timeAsync(f) {
  for (let i = 0; i < 20; i++) await f();
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await f();
    const ns = Number(process.hrtime.bigint() - t0);
    if (ns >= ms * 1e6 || n >= 1 << 20) return ns / n;
    n *= ns < ms * 1e5 ? 10 : 2;
  }
}

const results = {}; // key -> [ns per round]
const add = (key, ns) => (results[key] ??= []).push(ns);

const factory = gridClient ? new gridClient.DeploymentFactory({}) : null;
const built = {};
const agree = {};
for (const { name, text } of inputs) {
  const d = gt.parse(text);
  const ours = d.hash();
  d.free();
  if (factory) {
    built[name] = await factory.fromObj(JSON.parse(text));
    agree[name] = built[name].challenge_hash() === ours;
  }
}

for (let r = 0; r < rounds; r++) {
  for (const { name, text, bytes } of inputs) {
    add(`wasm string ${name}`, time(() => {
      const d = gt.parse(text);
      d.hash();
      d.free();
    }));
    add(`wasm hash ${name}`, time(() => gt.hash(text)));
    add(`wasm bytes ${name}`, time(() => {
      const d = gt.parse(bytes);
      d.hash();
      d.free();
    }));
    if (factory) {
      const d = built[name];
      add(`grid_client challenge_hash ${name}`, time(() => d.challenge_hash()));
      add(`grid_client fromObj+challenge_hash ${name}`, await timeAsync(async () => {
        const x = await factory.fromObj(JSON.parse(text));
        x.challenge_hash();
      }));
    }
  }
  if (existsSync(native)) {
    const out = JSON.parse(execFileSync(native, ['--json', '--runs', '5', '--ms', String(Math.max(20, ms / 3)), '--data', data, '--filter', 'parse + hash'], { encoding: 'utf8' }));
    add('native typical', out.parse_hash_typical);
    add('native large', out.parse_hash_large);
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const best = (xs) => Math.min(...xs);
const sizeOf = (name) => {
  const file = join(root, 'bindings', 'js', 'dist', name);
  return { bytes: statSync(file).size, zlib9: gzipSync(readFileSync(file), { level: 9 }).length };
};
const summary = {
  rounds,
  node: process.version,
  modules: { 'gridtypes.wasm': sizeOf('gridtypes.wasm'), 'gridtypes-keys.wasm': sizeOf('gridtypes-keys.wasm') },
  grid_client_hash_is_node_hash: agree,
  ns: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { median: Math.round(median(v)), best: Math.round(best(v)) }])),
};
if (asJson) {
  console.log(JSON.stringify(summary, null, 2));
  process.exit(0);
}

const row = (label, key, input) => {
  const v = results[key];
  if (!v) return `| ${label} | ${input.name} | skipped | | | |`;
  const m = median(v);
  const mb = (input.bytes.length * 1e3) / m;
  const vsNative = results[`native ${input.name}`] ? (m / median(results[`native ${input.name}`])).toFixed(2) : '-';
  const wasmM = median(results[`wasm string ${input.name}`]);
  return `| ${label} | ${input.name} | ${Math.round(m).toLocaleString('en')} | ${Math.round(best(v)).toLocaleString('en')} | ${mb.toFixed(0)} | ${vsNative}× | ${(m / wasmM).toFixed(1)}× |`;
};
console.log(`Node ${process.version}; ${rounds} interleaved rounds of ~${ms} ms each; ns/op of the median round and of the best`);
for (const [name, m] of Object.entries(summary.modules)) {
  console.log(`${name}: ${m.bytes.toLocaleString('en')} bytes, ${m.zlib9.toLocaleString('en')} compressed by zlib at level 9`);
}
console.log('');
console.log('| what | input | ns/op | best | MB/s | vs native | vs gridtypes (string) |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const input of inputs) {
  console.log(row('native library (C), parse + hash', `native ${input.name}`, input));
  console.log(row('gridtypes package, parse(string) + hash()', `wasm string ${input.name}`, input));
  console.log(row('gridtypes package, parse(bytes) + hash()', `wasm bytes ${input.name}`, input));
  console.log(row('gridtypes package, gt.hash(string) (one call)', `wasm hash ${input.name}`, input));
  console.log(row('grid_client, challenge_hash() of a built Deployment', `grid_client challenge_hash ${input.name}`, input));
  console.log(row('grid_client, fromObj(JSON.parse(text)) + challenge_hash()', `grid_client fromObj+challenge_hash ${input.name}`, input));
}
if (gridClient) {
  console.log('');
  for (const [name, same] of Object.entries(agree)) console.log(`grid_client's hash of ${name}.json is ${same ? '' : 'NOT '}the node's`);
}
