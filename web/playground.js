// The playground: every answer on the page comes from the gridtypes package (the C library
// compiled to WebAssembly); this file only wires it to the page. web/build.mjs puts it in
// one HTML file with the package, replacing the import below.
import { load } from './gridtypes.js';

const $ = (id) => document.getElementById(id);
const input = $('input');
const utf8 = new TextEncoder();

let gt = null;
let current = null; // { text, deployment, locator }
let timer = 0;

// ---- positions: the library speaks UTF-8 byte offsets, the text box UTF-16 indexes ----

/** The string index of a UTF-8 byte offset in text. */
function indexOfByte(text, byte) {
  let b = 0;
  let i = 0;
  while (i < text.length && b < byte) {
    const c = text.codePointAt(i);
    b += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    i += c >= 0x10000 ? 2 : 1;
  }
  return i;
}

/** Where the JSON value starting at index i ends (a string, number, literal, object or array). */
function valueEnd(text, i) {
  const c = text[i];
  if (c === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    return Math.min(j + 1, text.length);
  }
  if (c === '{' || c === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const d = text[j];
      if (d === '"') {
        j++;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      } else if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return j + 1;
      }
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !',}] \t\r\n'.includes(text[j])) j++;
  return Math.max(j, i + 1);
}

const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * Shows the field at a JSON path (or, without one, at a byte offset) of the input: selects it
 * in the text box and shows its lines with the field marked.
 */
function highlight({ path = '', offset = null } = {}) {
  if (!current) return;
  const { text } = current;
  let note = '';
  let byte = offset;
  if (path) {
    const at = current.locator.path(path);
    if (at.offset !== null) byte = at.offset;
    if (!at.found) note = at.offset === null ? ' (not in the input)' : ` (not in the input: the node uses its zero value; showing ${escapeHtml(path.slice(0, at.matched) || 'the document')})`;
  }
  const excerpt = $('excerpt');
  if (byte === null || byte === undefined) {
    excerpt.hidden = true;
    return;
  }
  const start = indexOfByte(text, byte);
  const end = start < text.length ? valueEnd(text, start) : start;
  input.focus();
  input.setSelectionRange(start, end);
  const lineNo = text.slice(0, start).split('\n').length;
  const lineHeight = input.scrollHeight / Math.max(1, text.split('\n').length);
  input.scrollTop = Math.max(0, (lineNo - 5) * lineHeight);
  // the marked field with a line before and after
  const from = text.lastIndexOf('\n', text.lastIndexOf('\n', start - 1) - 1) + 1;
  let to = text.indexOf('\n', end);
  to = to < 0 ? text.length : text.indexOf('\n', to + 1) < 0 ? text.length : text.indexOf('\n', to + 1);
  const shown = Math.min(end, start + 400);
  excerpt.innerHTML = `<span class="muted">line ${lineNo}${escapeHtml(path ? ` · ${path}` : '')}${note}</span>\n`
    + `${escapeHtml(text.slice(from, start))}<mark>${escapeHtml(text.slice(start, shown))}</mark>${shown < end ? '…' : ''}${escapeHtml(text.slice(end, Math.min(to, end + 400)))}`;
  excerpt.hidden = false;
  excerpt.dataset.start = String(start);
  excerpt.dataset.end = String(end);
}

/** A link that shows a place of the input. */
function where(path, offset) {
  const a = document.createElement('span');
  a.className = 'where';
  a.textContent = path || (offset !== null ? `byte ${offset}` : '');
  a.addEventListener('click', () => highlight({ path, offset }));
  return a;
}

function setStatus(state, parts) {
  const card = $('status-card');
  card.dataset.state = state;
  const box = $('status');
  box.replaceChildren(...parts);
}

function line(...nodes) {
  const p = document.createElement('div');
  for (const n of nodes) p.append(n);
  return p;
}

function span(cls, text) {
  const s = document.createElement('span');
  s.className = cls;
  s.textContent = text;
  return s;
}

function release() {
  if (current) {
    current.deployment?.free();
    current.locator.free();
  }
  current = null;
}

// ---- the analysis of the input ------------------------------------------------------------

function analyse() {
  clearTimeout(timer);
  release();
  const text = input.value;
  const body = document.body;
  $('excerpt').hidden = true;
  $('hash').textContent = '';
  $('map').tBodies[0].replaceChildren();
  $('map-size').textContent = '';
  $('lint').replaceChildren();
  if (text === '') {
    setStatus('empty', [span('muted', 'Paste a deployment.')]);
    $('verdict').replaceChildren();
    $('verify').replaceChildren();
    body.dataset.revision = String(Number(body.dataset.revision) + 1);
    return;
  }
  current = { text, deployment: null, locator: gt.locator(text) };
  try {
    current.deployment = gt.parse(text, { maxInput: 64 << 20 });
  } catch (e) {
    if (!(e instanceof gt.GridtypesError)) throw e;
    setStatus('error', [
      line(span('state', 'The node cannot decode it')),
      line(span('', e.message)),
      line(span('muted', e.code === 'syntax' ? 'at ' : 'field '), where(e.path, e.offset)),
    ]);
    highlight({ path: e.path, offset: e.offset });
    finish();
    return;
  }
  const d = current.deployment;
  const parts = [];
  try {
    $('hash').textContent = d.hash();
  } catch (e) {
    if (!(e instanceof gt.GridtypesError)) throw e;
    parts.push(line(span('bad', `No hash: ${e.message}`)), line(span('muted', 'field '), where(e.path, e.offset)));
  }
  const problem = d.valid();
  if (problem) {
    setStatus('invalid', [
      line(span('state', 'Invalid: the node refuses it')),
      line(span('', problem.message)),
      line(span('muted', 'field '), where(problem.path, problem.offset)),
      ...parts,
    ]);
    highlight({ path: problem.path, offset: problem.offset });
  } else {
    const cap = (() => {
      try {
        const c = d.capacity();
        return `${c.cru} cores, ${gib(c.mru)} memory, ${gib(c.sru)} SSD, ${gib(c.hru)} HDD, ${c.ipv4u} public IPv4`;
      } catch {
        return '';
      }
    })();
    setStatus(parts.length ? 'error' : 'ok', [
      line(span('state', parts.length ? 'Decoded, but' : 'Valid')),
      line(span('muted', `twin ${d.twinId}, contract ${d.contractId}, version ${d.version}, ${d.workloads.length} workloads${cap ? `; ${cap}` : ''}`)),
      ...parts,
    ]);
  }
  showMap(d);
  lint(d);
  finish();
}

function gib(bytes) {
  const g = Number(bytes) / 2 ** 30;
  return `${Number.isInteger(g) ? g : g.toFixed(2)} GiB`;
}

const MAP_ROWS = 3000;

function showMap(d) {
  let fragments;
  try {
    fragments = d.annotate();
  } catch (e) {
    if (!(e instanceof gt.GridtypesError)) throw e;
    $('map-size').textContent = `(none: ${e.message})`;
    return;
  }
  const rows = fragments.slice(0, MAP_ROWS).map((f) => {
    const tr = document.createElement('tr');
    tr.dataset.path = f.path;
    const off = document.createElement('td');
    off.className = 'off';
    off.textContent = String(f.offset);
    const path = document.createElement('td');
    path.className = 'path';
    path.textContent = f.path;
    const frag = document.createElement('td');
    frag.className = 'frag';
    frag.textContent = f.text;
    tr.append(off, path, frag);
    return tr;
  });
  $('map').tBodies[0].replaceChildren(...rows);
  const total = fragments.length ? fragments[fragments.length - 1].offset + fragments[fragments.length - 1].hex.length / 2 : 0;
  $('map-size').textContent = `(${total} bytes, ${fragments.length} fragments${fragments.length > MAP_ROWS ? `, first ${MAP_ROWS} shown` : ''})`;
}

$('map').addEventListener('click', (event) => {
  const tr = event.target.closest('tr[data-path]');
  if (!tr) return;
  for (const r of tr.parentElement.querySelectorAll('tr.current')) r.classList.remove('current');
  tr.classList.add('current');
  highlight({ path: tr.dataset.path });
});

/** Compare, verify: redone whenever the input or their own box changes. */
function finish() {
  compare();
  verify();
  document.body.dataset.revision = String(Number(document.body.dataset.revision) + 1);
}

// ---- another client's challenge or hash ----------------------------------------------------

function compare() {
  const box = $('verdict');
  const theirs = $('theirs').value;
  box.replaceChildren();
  box.dataset.equal = '';
  if (!theirs.trim() || !current?.deployment) return;
  let r;
  try {
    r = gt.compare(theirs, current.deployment, { all: true });
  } catch (e) {
    if (!(e instanceof gt.GridtypesError)) throw e;
    box.append(line(span('bad', e.message)));
    return;
  }
  box.dataset.equal = String(r.equal);
  if (r.kind === 'hash') {
    box.append(line(span(r.equal ? 'ok' : 'bad', r.equal ? 'Same hash as the node.' : 'Not the node\'s hash.')));
    if (r.equal) return;
    box.append(line(span('muted', `node: ${r.oursHash}`)), line(span('muted', `theirs: ${r.theirsHash}`)));
    // Which known client mistakes give their hash?
    try {
      const x = gt.expect(r.theirsHash, current.deployment);
      if (x.matches.length === 0) {
        box.append(line(span('muted', `No known client divergence gives their hash (${x.tried} combinations of ${x.applicable} applicable tried); paste their challenge to see where it differs.`)));
      }
      for (const m of x.matches) {
        const names = m.divergences.map((d) => d.name).join(' + ');
        box.append(line(span('', `Their hash is what this gives: ${names}${m.field ? ` (on ${m.field})` : ''}`)));
        for (const d of m.divergences) box.append(line(span('muted', `${d.name}: ${d.rule}${d.versions ? ` (${d.versions})` : ''}`)));
      }
    } catch (e) {
      if (!(e instanceof gt.GridtypesError)) throw e;
      box.append(line(span('bad', e.message)));
    }
    return;
  }
  const what = r.kind === 'deployment' ? 'their deployment\'s challenge' : 'their challenge';
  if (r.equal) {
    box.append(line(span('ok', `Same challenge as the node (${r.oursLength} bytes)${r.kind === 'deployment' ? ', from their deployment' : ''}.`)));
    return;
  }
  box.append(line(span('bad', `Different: node ${r.oursLength} bytes, ${what} ${r.theirsLength}; ${r.differences.length}${r.truncated ? '+' : ''} place${r.differences.length === 1 ? '' : 's'}.`)));
  for (const x of r.differences.slice(0, 20)) {
    box.append(line(span('', `At byte ${x.oursOffset} of the node's challenge (${x.theirsOffset} of theirs): node ${JSON.stringify(x.oursText)}, theirs ${JSON.stringify(x.theirsText)}`)));
    if (x.path) box.append(line(span('muted', 'field '), where(x.path, null), span('muted', ` — node's fragment: ${JSON.stringify(x.fragment)}`)));
    for (const c of x.causes) box.append(line(span('', `Likely cause: ${c.text}`)));
  }
}

/** What other clients will hash differently (the node accepts it). */
function lint(d) {
  const box = $('lint');
  box.replaceChildren();
  let r;
  try {
    r = d.lint();
  } catch (e) {
    if (!(e instanceof gt.GridtypesError)) throw e;
    return;
  }
  if (r.findings.length === 0) {
    box.append(line(span('muted', 'Nothing that other clients would hash differently.')));
    return;
  }
  for (const f of r.findings.slice(0, 50)) {
    box.append(line(where(f.path, f.offset), span('', ` ${f.message}`)), line(span('muted', `fix: ${f.fix}`)));
  }
  if (r.findings.length > 50 || r.more) box.append(line(span('muted', `and ${r.findings.length - 50 + r.more} more`)));
}

// ---- signatures --------------------------------------------------------------------------

/** Keys from the box: a JSON object, or "twin key" lines. */
function readKeys(text) {
  const t = text.trim();
  if (t.startsWith('{')) return JSON.parse(t);
  const keys = {};
  for (const l of t.split('\n')) {
    const m = /^\s*(\d+)\s*[:=\s]\s*"?([^"\s]+)"?\s*,?\s*$/.exec(l);
    if (m) keys[m[1]] = m[2];
    else if (l.trim()) throw new Error(`not "twin key": ${l.trim()}`);
  }
  return keys;
}

function verify() {
  const box = $('verify');
  box.replaceChildren();
  box.dataset.ok = '';
  const text = $('keys').value;
  if (!text.trim() || !current?.deployment) return;
  let keys;
  try {
    keys = readKeys(text);
  } catch (e) {
    box.append(line(span('bad', `Keys: ${e.message}`)));
    return;
  }
  try {
    const r = current.deployment.verify(keys);
    box.dataset.ok = String(r.ok);
    box.append(line(span(r.ok ? 'ok' : 'bad', r.ok ? 'Signatures accepted.' : `Refused: ${r.message}`)));
    if (!r.ok) {
      box.append(line(span('muted', `reason ${r.reason}, twin ${r.twin}, key type ${r.keyType}${r.reason === 'weight' ? `, weight ${r.weightReached} of ${r.weightRequired}` : ''}`)));
    }
  } catch (e) {
    if (!(e instanceof gt.GridtypesError)) throw e;
    box.append(line(span('bad', `${e.path ? `${e.path}: ` : ''}${e.message}`)));
  }
}

async function sign() {
  const info = $('signed-info');
  const out = $('signed');
  info.replaceChildren();
  info.dataset.ok = '';
  const secretBox = $('secret');
  const secret = secretBox.value;
  secretBox.value = '';
  if (!current?.deployment) {
    info.append(line(span('bad', 'Paste a deployment that decodes first.')));
    return;
  }
  const keyType = $('key-type').value;
  const style = $('style').value;
  const twinText = $('twin').value.trim();
  const d = gt.parse(current.text, { maxInput: 64 << 20 });
  try {
    const options = { secret, keyType };
    if (twinText !== '') options.twin = Number(twinText);
    if (style !== 'keep') options.style = style;
    await d.sign(options);
    const key = await gt.key(secret, keyType);
    const twin = options.twin ?? d.twinId;
    const check = d.verify({ [twin]: key.publicKey });
    out.value = d.encode();
    out.hidden = false;
    info.append(
      line(span('ok', `Signed for twin ${twin} with ${keyType} key ${key.ss58}.`)),
      line(span('muted', `hash ${d.hash()}; `), span(check.ok ? 'ok' : 'bad', check.ok ? 'the node would accept this signature' : `the node would refuse: ${check.message}`)),
    );
    const use = document.createElement('button');
    use.type = 'button';
    use.textContent = 'Use as input';
    use.addEventListener('click', () => {
      input.value = out.value;
      analyse();
    });
    info.append(line(use));
    info.dataset.ok = 'true';
  } catch (e) {
    if (!(e instanceof gt.GridtypesError)) throw e;
    info.dataset.ok = 'false';
    out.hidden = true;
    info.append(line(span('bad', e.message)));
  } finally {
    d.free();
  }
}

// ---- wiring ------------------------------------------------------------------------------

/** Typing is analysed after a pause; a paste or a drop at once. */
function soon(event) {
  clearTimeout(timer);
  if (event?.inputType === 'insertFromPaste' || event?.inputType === 'insertFromDrop') analyse();
  else timer = setTimeout(analyse, 150);
}

async function main() {
  gt = await load();
  $('rules').textContent = `${gt.referenceRules}; gridtypes ${gt.version}`;
  input.addEventListener('input', soon);
  $('theirs').addEventListener('input', compare);
  $('keys').addEventListener('input', verify);
  $('sign').addEventListener('click', sign);
  $('example').addEventListener('click', () => {
    input.value = $('example-data').textContent;
    analyse();
  });
  $('file').addEventListener('change', async (event) => {
    const f = event.target.files[0];
    if (f) {
      input.value = await f.text();
      analyse();
    }
  });
  input.addEventListener('dragover', (event) => {
    event.preventDefault();
    input.classList.add('dragging');
  });
  input.addEventListener('dragleave', () => input.classList.remove('dragging'));
  input.addEventListener('drop', async (event) => {
    input.classList.remove('dragging');
    const f = event.dataTransfer?.files?.[0];
    if (f) {
      event.preventDefault();
      input.value = await f.text();
      analyse();
    }
  });
  document.body.dataset.ready = 'true';
  if (input.value.trim()) analyse();
}

main().catch((e) => {
  setStatus('error', [line(span('state', `The library did not load: ${e.message}`))]);
  document.body.dataset.ready = 'failed';
});
