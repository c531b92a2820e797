// What the package's tests share: the package itself (from dist/, built by `make wasm`), the
// bundled conformance corpus, and readers for what the Go reference wrote.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const packageDir = join(here, '..');
export const root = join(packageDir, '..', '..');
export const corpus = process.env.GRIDTYPES_CORPUS ?? join(root, 'tests', 'conformance');

const entry = join(packageDir, 'dist', 'node.js');
if (!existsSync(entry)) {
  throw new Error(`${entry} is missing: build the package first (make wasm)`);
}

/** The package, loaded through its Node entry. */
export async function gridtypes() {
  const { load } = await import(entry);
  return load();
}

/** The package module itself (load, GridtypesError). */
export function packageModule() {
  return import(entry);
}

/** Names in a directory of the corpus, sorted. */
export function list(dir) {
  return readdirSync(join(corpus, dir)).sort();
}

export function readBytes(...parts) {
  return new Uint8Array(readFileSync(join(corpus, ...parts)));
}

/**
 * JSON.parse, except that integers outside the doubles' exact range become BigInt (the
 * corpus holds uint64 capacities that JSON.parse would round).
 */
export function parseExact(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = {};
      ws();
      if (text[i] === '}') { i++; return o; }
      for (;;) {
        ws();
        const k = string();
        ws();
        if (text[i++] !== ':') throw new SyntaxError(`expected : at ${i - 1}`);
        o[k] = value();
        ws();
        const d = text[i++];
        if (d === '}') return o;
        if (d !== ',') throw new SyntaxError(`expected , or } at ${i - 1}`);
      }
    }
    if (c === '[') {
      i++;
      const a = [];
      ws();
      if (text[i] === ']') { i++; return a; }
      for (;;) {
        a.push(value());
        ws();
        const d = text[i++];
        if (d === ']') return a;
        if (d !== ',') throw new SyntaxError(`expected , or ] at ${i - 1}`);
      }
    }
    if (c === '"') return string();
    const m = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 64));
    if (m) {
      i += m[0].length;
      if (m[1] || m[2]) return Number(m[0]);
      const n = Number(m[0]);
      return Number.isSafeInteger(n) ? n : BigInt(m[0]);
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) { i += word.length; return v; }
    }
    throw new SyntaxError(`unexpected ${JSON.stringify(c)} at ${i}`);
  };
  const string = () => {
    const start = i;
    if (text[i++] !== '"') throw new SyntaxError(`expected a string at ${start}`);
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i));
  };
  const v = value();
  ws();
  if (i !== text.length) throw new SyntaxError(`trailing data at ${i}`);
  return v;
}

export function readExpect(...parts) {
  return parseExact(readFileSync(join(corpus, ...parts), 'utf8'));
}

const utf8 = new TextEncoder();

export function hexOf(bytes) {
  return Buffer.from(bytes).toString('hex');
}

export function bytesOfHex(hex) {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** Go's JSON writer turns each byte that is not part of valid UTF-8 into U+FFFD. */
export function goSanitize(b) {
  const out = [];
  for (let i = 0; i < b.length;) {
    const c = b[i];
    const cont = (k) => i + k < b.length && (b[i + k] & 0xc0) === 0x80;
    let k = 0;
    if (c < 0x80) k = 1;
    else if (c >= 0xc2 && c < 0xe0 && cont(1)) k = 2;
    else if (c >= 0xe0 && c < 0xf0 && cont(1) && cont(2) && !(c === 0xe0 && b[i + 1] < 0xa0) && !(c === 0xed && b[i + 1] >= 0xa0)) k = 3;
    else if (c >= 0xf0 && c < 0xf5 && cont(1) && cont(2) && cont(3) && !(c === 0xf0 && b[i + 1] < 0x90) && !(c === 0xf4 && b[i + 1] >= 0x90)) k = 4;
    if (k) {
      for (let j = 0; j < k; j++) out.push(b[i + j]);
      i += k;
    } else {
      out.push(0xef, 0xbf, 0xbd);
      i++;
    }
  }
  return new Uint8Array(out);
}

/**
 * Whether our bytes are the text Go wrote under `key` of an expect object: the exact
 * `<key>_hex` copy when there is one, else the string after Go's U+FFFD substitution.
 * Returns null when equal, else a short description of the first difference.
 */
export function goTextDiffers(expect, key, ours) {
  const hex = expect[`${key}_hex`];
  const want = typeof hex === 'string' ? bytesOfHex(hex) : utf8.encode(expect[key]);
  const mine = typeof hex === 'string' ? ours : goSanitize(ours);
  if (want.length === mine.length && want.every((x, k) => x === mine[k])) return null;
  let k = 0;
  while (k < want.length && k < mine.length && want[k] === mine[k]) k++;
  return `differs at byte ${k} (ours ${mine.length} bytes, theirs ${want.length})`;
}
