// The package as npm ships it: `npm pack`, then `npm install` of the tarball into a scratch
// project with the network off (--offline, an empty cache), and the installed package used
// through its Node entry and its inline entry.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packageDir, root } from './helpers.js';

const npm = process.env.NPM ?? 'npm';
const run = (args, cwd, env = {}) => execFileSync(npm, args, {
  cwd,
  env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...env },
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'pipe'],
});

test('npm pack, then npm install of the tarball offline, then use', (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'gridtypes-pack-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  const cache = join(scratch, 'npm-cache');

  const packed = JSON.parse(run(['pack', '--json', '--pack-destination', scratch], packageDir, { npm_config_cache: cache }));
  const files = packed[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, [
    'README.md', 'dist/api.js', 'dist/browser.js', 'dist/core.js', 'dist/gridtypes-keys.wasm',
    'dist/gridtypes.wasm', 'dist/index.d.ts', 'dist/inline.js', 'dist/keys.js', 'dist/node.js',
    'package.json',
  ]);
  const tarball = readdirSync(scratch).find((f) => /^gridtypes-.*\.tgz$/.test(f));
  assert.ok(tarball, 'no tarball');

  const project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true, type: 'module' }));
  run(['install', '--offline', '--no-audit', '--no-fund', join(scratch, tarball)], project, { npm_config_cache: cache });

  writeFileSync(join(project, 'use.js'), `
import { readFileSync } from 'node:fs';
import { load, GridtypesError } from 'gridtypes';
import * as inline from 'gridtypes/inline';
const text = readFileSync(${JSON.stringify(join(root, 'examples', 'deployment.json'))}, 'utf8');
const gt = await load();
const d = gt.parse(text);
const viaInline = (await inline.load()).parse(text);
let refused = '';
try { gt.parse('nope'); } catch (e) { refused = e instanceof GridtypesError ? e.code : 'other'; }
await d.sign({ secret: '//Alice', keyType: 'sr25519' });
const alice = await (await inline.load()).key('//Alice', 'sr25519');
console.log(JSON.stringify({ hash: d.hash(), inline: viaInline.hash(), refused, verified: d.verify({ 7301: alice.ss58 }).ok }));
`);
  const out = JSON.parse(execFileSync(process.execPath, ['use.js'], { cwd: project, encoding: 'utf8' }));
  assert.match(out.hash, /^[0-9a-f]{32}$/);
  assert.equal(out.inline, out.hash);
  assert.equal(out.refused, 'syntax');
  assert.equal(out.verified, true); // the module of keys, from the installed package and from inline

});
