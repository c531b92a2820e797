// The playground in a real browser: Debian's headless Chromium opens web/dist/index.html
// from file:// and from a static HTTP server, is fed the corpus's deployments as a user
// pastes them, and must show the reference's hashes and verdicts; then the challenge map,
// the highlighted field, the comparison, verification and signing are used as a user would.
// The package's browser entry (fetching gridtypes.wasm beside it) is loaded too. A
// screenshot of the page is kept in $GRIDTYPES_ARTIFACTS (default: web/dist).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { Browser } from './cdp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const page = join(root, 'web', 'dist', 'index.html');
const corpus = process.env.GRIDTYPES_CORPUS ?? join(root, 'tests', 'conformance');
const artifacts = process.env.GRIDTYPES_ARTIFACTS ?? join(root, 'web', 'dist');
const example = readFileSync(join(root, 'examples', 'deployment.json'), 'utf8');
if (!existsSync(page)) throw new Error(`${page} is missing: build it first (make wasm)`);

let browser;
let server;
let origin;
const requests = [];

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

before(async () => {
  // A static host: the repository's files, read-only, and one page using the package's
  // browser entry.
  server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/browser-entry.html') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><script type="module">
        import { load } from '/bindings/js/dist/browser.js';
        const gt = await load();
        const text = await (await fetch('/examples/deployment.json')).text();
        const d = gt.parse(text);
        document.title = 'hash:' + d.hash();
        d.free();
      </script>`);
      return;
    }
    const file = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await Browser.launch();
  browser.on((e) => {
    if (e.method === 'Network.requestWillBeSent') requests.push(e.params.request.url);
  });
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r()));
});

/** Loads the page and waits for the library. */
async function open(url) {
  await browser.goto(url);
  await browser.until(`document.body.dataset.ready === 'true' || document.body.dataset.ready === 'failed'`);
  assert.equal(await browser.eval('document.body.dataset.ready'), 'true', await browser.eval(`document.getElementById('status').textContent`));
}

/** Pastes texts into the input one after the other; returns what the page shows for each. */
function pasteAll(texts) {
  return browser.eval(`(async () => {
    const texts = ${JSON.stringify(texts)};
    const input = document.getElementById('input');
    const shown = [];
    for (const text of texts) {
      const before = Number(document.body.dataset.revision);
      input.value = text;
      input.dispatchEvent(new InputEvent('input', { inputType: 'insertFromPaste' }));
      const end = Date.now() + 10000;
      while (Number(document.body.dataset.revision) === before) {
        if (Date.now() > end) throw new Error('the page did not show its analysis within 10 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      shown.push({
        hash: document.getElementById('hash').textContent,
        state: document.getElementById('status-card').dataset.state,
        status: document.getElementById('status').textContent,
        rows: document.querySelectorAll('#map tbody tr').length,
      });
    }
    return shown;
  })()`);
}

/** Deployments of the corpus whose bytes are UTF-8 (a text box holds text, not bytes), with
 * line ends as a text box keeps them. */
function corpusCases() {
  const dir = join(corpus, 'deployments');
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }); // a BOM stays
  const cases = [];
  let notText = 0;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.json') || f.endsWith('.expect.json')) continue;
    let text;
    try {
      text = decoder.decode(readFileSync(join(dir, f)));
    } catch {
      notText++;
      continue;
    }
    // A text box turns CR LF and CR into LF; such inputs are left out, as are NULs.
    if (/[\r\0]/.test(text)) {
      notText++;
      continue;
    }
    const e = JSON.parse(readFileSync(join(dir, f.replace(/\.json$/, '.expect.json')), 'utf8'));
    cases.push({ name: f, text, e });
  }
  return { cases, notText };
}

test('file://: the corpus pasted into the page shows the reference\'s hashes and verdicts', async (t) => {
  await open(pathToFileURL(page).href);
  const { cases, notText } = corpusCases();
  assert.ok(cases.length > 500, `only ${cases.length} cases`);
  const failures = [];
  let hashes = 0;
  for (let i = 0; i < cases.length; i += 40) {
    const chunk = cases.slice(i, i + 40);
    const shown = await pasteAll(chunk.map((c) => c.text));
    chunk.forEach(({ name, text, e }, k) => {
      const s = shown[k];
      // An empty box asks for a deployment; anything else is the node's verdict.
      const want = text === '' ? 'empty'
        : e.decode_error !== null ? 'error' : e.valid !== null ? 'invalid' : e.hash_hex === null ? 'error' : 'ok';
      if (s.state !== want) failures.push(`${name}: page says ${s.state} (${s.status.slice(0, 120)}), reference ${want}`);
      const hash = e.decode_error === null ? e.hash_hex ?? '' : '';
      if (s.hash !== hash) failures.push(`${name}: page shows hash "${s.hash}", reference "${hash}"`);
      if (hash) hashes++;
      if (hash && s.rows === 0) failures.push(`${name}: no challenge rows`);
    });
  }
  t.diagnostic(`${cases.length} deployments pasted (${hashes} with a hash); ${notText} left out: not UTF-8 text, or CR/NUL that a text box changes`);
  assert.deepEqual(failures, []);
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'the page made network requests');
});

test('click a row of the challenge: the field is selected in the input', async () => {
  await open(pathToFileURL(page).href);
  await browser.eval(`document.getElementById('example').click()`);
  await browser.until(`document.getElementById('hash').textContent.length === 32`);
  const sel = await browser.eval(`(() => {
    const row = document.querySelector('#map tbody tr[data-path="workloads[0].data.subnet"]');
    row.click();
    const input = document.getElementById('input');
    return { start: input.selectionStart, end: input.selectionEnd, mark: document.querySelector('#excerpt mark')?.textContent, current: row.classList.contains('current') };
  })()`);
  const at = example.indexOf('"10.20.2.0/24"');
  assert.deepEqual(sel, { start: at, end: at + '"10.20.2.0/24"'.length, mark: '"10.20.2.0/24"', current: true });
});

test('an invalid deployment: the faulty field is highlighted', async () => {
  const doc = JSON.parse(example);
  doc.workloads[1].name = 'no spaces allowed';
  const text = JSON.stringify(doc, null, 2);
  const [shown] = await pasteAll([text]);
  assert.equal(shown.state, 'invalid');
  const mark = await browser.eval(`document.querySelector('#excerpt mark')?.textContent`);
  assert.ok(mark?.includes('no spaces allowed') || mark?.startsWith('{'), `marked: ${mark}`);
  const bad = text.replace('"twin_id": 7301', '"twin_id": "7301"');
  const [decode] = await pasteAll([bad]);
  assert.equal(decode.state, 'error');
  assert.equal(await browser.eval(`document.querySelector('#excerpt mark')?.textContent`), '"7301"');
});

test('compare: another client\'s challenge and hash', async () => {
  await pasteAll([example]);
  const challenge = await browser.eval(`Array.from(document.querySelectorAll('#map tbody tr td.frag')).map((td) => td.textContent).join('')`);
  const verdict = (theirs) => browser.eval(`(() => {
    const box = document.getElementById('theirs');
    box.value = ${JSON.stringify(theirs)};
    box.dispatchEvent(new Event('input'));
    const v = document.getElementById('verdict');
    return { equal: v.dataset.equal, text: v.textContent };
  })()`);
  assert.equal((await verdict(challenge)).equal, 'true');
  const nl = await verdict(`${challenge}\n`);
  assert.equal(nl.equal, 'false');
  assert.match(nl.text, /newline/i);
  const hash = await browser.eval(`document.getElementById('hash').textContent`);
  assert.match((await verdict(hash)).text, /Same hash/);
  assert.equal((await verdict('0'.repeat(32))).equal, 'false');
  // a hash that a known client mistake gives: the page names the mistake
  const withStyle = JSON.parse(example);
  withStyle.signature_requirement.signature_style = 'polka-wallet';
  await pasteAll([JSON.stringify(withStyle, null, 2)]);
  const fields = await browser.eval(`Array.from(document.querySelectorAll('#map tbody tr')).map((tr) => [tr.dataset.path, tr.querySelector('td.frag').textContent])`);
  const without = fields.filter(([path]) => path !== 'signature_requirement.signature_style').map(([, text]) => text).join('');
  const theirs = createHash('md5').update(without).digest('hex');
  const explained = await verdict(theirs);
  assert.equal(explained.equal, 'false');
  assert.match(explained.text, /signature-style-omitted/);
  // another client's JSON: its challenge is compared
  assert.equal((await verdict(example)).equal, 'false');
  await pasteAll([example]);
  assert.equal((await verdict(example)).equal, 'true');
});

test('sign with a pasted secret, then verify with pasted keys', async () => {
  await pasteAll([example]);
  const info = await browser.eval(`(async () => {
    document.getElementById('secret').value = '//Alice';
    document.getElementById('key-type').value = 'sr25519';
    document.getElementById('sign').click();
    const info = document.getElementById('signed-info');
    const end = Date.now() + 10000;
    while (!info.dataset.ok && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    return { ok: info.dataset.ok, text: info.textContent, secretLeft: document.getElementById('secret').value };
  })()`);
  assert.equal(info.ok, 'true', info.text);
  assert.match(info.text, /5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY/);
  assert.match(info.text, /would accept/);
  assert.equal(info.secretLeft, '');
  const verdict = await browser.eval(`(async () => {
    document.querySelector('#signed-info button').click();
    const keys = document.getElementById('keys');
    keys.value = '7301 5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
    keys.dispatchEvent(new Event('input'));
    const v = document.getElementById('verify');
    return { ok: v.dataset.ok, text: v.textContent };
  })()`);
  assert.deepEqual(verdict, { ok: 'true', text: 'Signatures accepted.' });
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:')), [], 'the page made network requests');

  // The picture kept: the example, and a hand-made client's challenge with an IP written
  // unnormalised, explained.
  await pasteAll([example]);
  await browser.eval(`(() => {
    const ours = Array.from(document.querySelectorAll('#map tbody tr td.frag')).map((td) => td.textContent).join('');
    const box = document.getElementById('theirs');
    box.value = ours.replace('10.20.2.5', '::ffff:10.20.2.5');
    box.dispatchEvent(new Event('input'));
    document.querySelector('#map tbody tr[data-path="workloads[3].data.network.interfaces[0].ip"]')?.click();
  })()`);
  mkdirSync(artifacts, { recursive: true });
  const png = await browser.screenshot();
  assert.ok(png.length > 10000 && png.subarray(1, 4).toString() === 'PNG');
  writeFileSync(join(artifacts, 'playground.png'), png);
});

test('from a static HTTP host, and the package\'s browser entry', async () => {
  await open(`${origin}/web/dist/index.html`);
  const [shown] = await pasteAll([example]);
  assert.equal(shown.state, 'ok');
  await browser.goto(`${origin}/browser-entry.html`);
  await browser.until(`document.title.startsWith('hash:')`);
  assert.equal(await browser.eval('document.title'), `hash:${shown.hash}`);
  assert.ok(requests.some((u) => u.endsWith('/bindings/js/dist/gridtypes.wasm')), 'gridtypes.wasm was not fetched');
});
