// Writes the playground as one HTML file: web/index.html with the package's inline entry
// (bindings/js/dist/inline.js: the library as WebAssembly in base64, and its API) and
// web/playground.js in one inline module script, the example deployment as data, and a
// Content-Security-Policy naming that script by its hash.
//
//   node web/build.mjs OUT.html        (after the package is built: make wasm)
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = dirname(fileURLToPath(import.meta.url));
const root = join(web, '..');
const out = process.argv[2];
if (!out) {
  console.error('usage: build.mjs OUT.html');
  process.exit(2);
}
const fail = (message) => {
  console.error(`web/build.mjs: ${message}`);
  process.exit(1);
};

const page = readFileSync(join(web, 'index.html'), 'utf8');
const inline = readFileSync(join(root, 'bindings', 'js', 'dist', 'inline.js'), 'utf8');
const importLine = /^import \{ load \} from '\.\/gridtypes\.js';\n/m;
const playground = readFileSync(join(web, 'playground.js'), 'utf8');
if (!importLine.test(playground)) fail('playground.js no longer imports load from ./gridtypes.js');
const script = `${inline}\n${playground.replace(importLine, '')}`;
const example = readFileSync(join(root, 'examples', 'deployment.json'), 'utf8');
for (const [name, text] of [['the script', script], ['the example', example]]) {
  if (/<\/script/i.test(text)) fail(`${name} holds "</script", which would end its element`);
}

const hash = `'sha256-${createHash('sha256').update(script).digest('base64')}'`;
const tag = '<script type="module" src="playground.js"></script>';
if (!page.includes(tag) || !page.includes('@SCRIPT_HASH@') || !page.includes('@EXAMPLE_JSON@')) {
  fail('index.html lacks the script tag or a placeholder');
}
const html = page
  .replace('@SCRIPT_HASH@', () => hash)
  .replace('@EXAMPLE_JSON@', () => example.trimEnd())
  .replace(tag, () => `<script type="module">${script}</script>`);
try {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
} catch (e) {
  fail(`cannot write ${out}: ${e.message}`);
}
