// A headless Chromium driven through its own DevTools protocol over a pipe
// (--remote-debugging-pipe: JSON messages ending in NUL on file descriptors 3 and 4), with
// no library and no download: Debian's chromium and Node alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Without these flags a headless Chromium on a machine without network waits on services
// it cannot reach.
const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
  '--disable-extensions', '--mute-audio', '--window-size=1400,1100', '--remote-debugging-pipe',
];

export class Browser {
  /** Starts Chromium (the binary in $CHROMIUM, else /usr/bin/chromium). */
  static async launch(binary = process.env.CHROMIUM || '/usr/bin/chromium') {
    const profile = mkdtempSync(join(tmpdir(), 'gridtypes-chromium-'));
    // Its own process group, so that close() can end its helper processes with it.
    const proc = spawn(binary, [...FLAGS, `--user-data-dir=${profile}`, 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      detached: true,
    });
    const b = new Browser(proc, profile);
    await new Promise((resolve, reject) => {
      proc.once('spawn', resolve);
      proc.once('error', reject);
    });
    // The first page may appear a moment after the browser answers.
    let page = null;
    for (let tries = 0; !page && tries < 100; tries++) {
      const { targetInfos } = await b.send('Target.getTargets');
      page = targetInfos.find((t) => t.type === 'page');
      if (!page) await new Promise((r) => setTimeout(r, 100));
    }
    if (!page) {
      await b.close();
      throw new Error(`chromium opened no page: ${b.stderr}`);
    }
    const { sessionId } = await b.send('Target.attachToTarget', { targetId: page.targetId, flatten: true });
    b.session = sessionId;
    await b.send('Page.enable', {}, sessionId);
    await b.send('Runtime.enable', {}, sessionId);
    await b.send('Network.enable', {}, sessionId);
    return b;
  }

  constructor(proc, profile) {
    this.proc = proc;
    this.profile = profile;
    this.next = 1;
    this.pending = new Map();
    this.listeners = [];
    this.stderr = '';
    this.exited = new Promise((resolve) => proc.on('exit', resolve));
    proc.stderr.on('data', (d) => {
      this.stderr = (this.stderr + d).slice(-4000);
    });
    let buffer = '';
    proc.stdio[4].on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end;
      while ((end = buffer.indexOf('\0')) >= 0) {
        const message = JSON.parse(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        this.#dispatch(message);
      }
    });
    proc.on('exit', (code, signal) => {
      for (const { reject } of this.pending.values()) reject(new Error(`chromium exited (${code ?? signal}): ${this.stderr}`));
      this.pending.clear();
    });
  }

  #dispatch(message) {
    if (message.id !== undefined) {
      const p = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!p) return;
      if (message.error) p.reject(new Error(`${p.method}: ${message.error.message}`));
      else p.resolve(message.result);
      return;
    }
    for (const l of this.listeners) l(message);
  }

  /** Sends a command (to the page's session when sessionId is given) and waits for its
   * result, at most ms milliseconds. */
  send(method, params = {}, sessionId = undefined, ms = 60000) {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) {
      return Promise.reject(new Error(`chromium has exited: ${this.stderr}`));
    }
    const id = this.next++;
    const message = { id, method, params };
    if (typeof sessionId === 'string') message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer from chromium within ${ms} ms`));
      }, ms);
      const done = (f) => (x) => {
        clearTimeout(timer);
        f(x);
      };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject), method });
      this.proc.stdio[3].write(`${JSON.stringify(message)}\0`);
    });
  }

  /** Calls f(event) for every event of the page. */
  on(f) {
    this.listeners.push(f);
  }

  /** Waits for the first event named `method` that satisfies `test`. */
  waitFor(method, test = () => true, ms = 30000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${ms} ms`)), ms);
      this.on((e) => {
        if (e.method === method && test(e.params)) {
          clearTimeout(timer);
          resolve(e.params);
        }
      });
    });
  }

  /** Opens url in the page and waits for its load event. */
  async goto(url) {
    const loaded = this.waitFor('Page.loadEventFired');
    const r = await this.send('Page.navigate', { url }, this.session);
    if (r.errorText) throw new Error(`${url}: ${r.errorText}`);
    await loaded;
  }

  /** Evaluates an expression in the page (awaiting a promise) and returns its value. */
  async eval(expression) {
    const r = await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, this.session);
    if (r.exceptionDetails) {
      throw new Error(`in the page: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    }
    return r.result.value;
  }

  /** Waits until the expression is true in the page. */
  async until(expression, ms = 30000) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await this.eval(expression)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${expression}`);
  }

  /** A PNG of the whole page as it is. */
  async screenshot() {
    const { cssContentSize } = await this.send('Page.getLayoutMetrics', {}, this.session);
    const clip = { x: 0, y: 0, width: Math.ceil(cssContentSize.width), height: Math.ceil(cssContentSize.height), scale: 1 };
    const { data } = await this.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip }, this.session);
    return Buffer.from(data, 'base64');
  }

  /** Ends the browser and the helper processes it started, and removes its profile. */
  async close() {
    try {
      await this.send('Browser.close', {}, undefined, 3000);
    } catch {
      // it may be gone already, or not answer: it is killed below
    }
    const gone = await Promise.race([this.exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!gone) this.proc.kill('SIGKILL');
    try {
      process.kill(-this.proc.pid, 'SIGKILL'); // helpers still alive in the browser's group
    } catch {
      // none left
    }
    await this.exited;
    for (const stream of [this.proc.stdio[2], this.proc.stdio[3], this.proc.stdio[4]]) stream?.destroy();
    rmSync(this.profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
  }
}
