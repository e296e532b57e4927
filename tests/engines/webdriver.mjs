// A small W3C WebDriver client, and the two engines besides Chromium that
// Debian packages with a WebDriver: WebKit (WebKitGTK's MiniBrowser through
// WebKitWebDriver, in a virtual X display) and Firefox ESR (through
// geckodriver, headless). Each can be set to a phone's width by page zoom. Patients read the app in Safari on their phones and
// some wards run Firefox; these drivers let the same checks run in both
// engines. Nothing here downloads anything: every binary is a Debian package
// or, for geckodriver, built from crates.io by scripts/setup.sh.
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The widest viewport, in CSS px, that counts as a phone's. */
export const PHONE_WIDTH_MAX = 380;

export const ENGINES = {
  webkit: {
    label: 'WebKit (WebKitGTK MiniBrowser)',
    // MiniBrowser needs an X display even with automation: a virtual one.
    display: true,
    driver: (port) => ['WebKitWebDriver', [`--port=${port}`]],
    capabilities: {
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
    // An iPhone's 375 CSS px: MiniBrowser's narrowest window (450 px) at its
    // first zoom step (120 %), set as a user would, by Ctrl and + typed into
    // its window (xdotool); Ctrl and 0 goes back to 100 %.
    phoneZooms: [1.2],
    async zoom(session, level) {
      const env = { ...process.env, DISPLAY: session.display };
      const windows = execFileSync('xdotool', ['search', '--class', 'MiniBrowser'], { env }).toString().trim().split('\n');
      // Only the top-level window takes the focus; the others refuse it.
      for (const id of windows) {
        try { execFileSync('xdotool', ['windowfocus', id], { env, stdio: 'ignore' }); } catch { /* not focusable */ }
      }
      execFileSync('xdotool', ['key', 'ctrl+0'], { env });
      if (level !== 1) execFileSync('xdotool', ['key', 'ctrl+plus'], { env });
    },
  },
  firefox: {
    label: 'Firefox ESR',
    // System access lets the test set the page zoom from Firefox's own code.
    driver: (port) => [process.env.GECKODRIVER ?? 'geckodriver', ['--host', '127.0.0.1', '--port', String(port), '--allow-system-access']],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless'],
        prefs: {
          // Zoom belongs to the tab, not to the site, so it stays across
          // pages, file:// included.
          'browser.zoom.siteSpecific': false,
          // Nothing but loopback is reachable here: keep Firefox from trying.
          'app.update.auto': false,
          'browser.safebrowsing.malware.enabled': false,
          'browser.safebrowsing.phishing.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
          'toolkit.telemetry.enabled': false,
        },
      },
    },
    // An Android phone's 360 to 375 CSS px: Firefox's narrowest window at
    // the first of its own zoom steps (toolkit.zoomManager.zoomValues: 110,
    // 120, 133, 150 %) that brings the page there, set as its zoom buttons
    // set it (ZoomManager). The narrowest window changes between releases:
    // 450 px in ESR 140 (120 % gives 375 px), 500 px with a 12 px scroll
    // bar in ESR 153 (133 % gives 366 px).
    phoneZooms: [1.1, 1.2, 1.33, 1.5],
    async zoom(session, level) {
      await session.cmd('POST', '/moz/context', { context: 'chrome' });
      try {
        await session.cmd('POST', '/execute/sync', {
          script: 'ZoomManager.setZoomForBrowser(gBrowser.selectedBrowser, arguments[0]);',
          args: [level],
        });
      } finally {
        await session.cmd('POST', '/moz/context', { context: 'content' });
      }
    },
  },
};

/** Starts a virtual X display; resolves to its name (":N") and its process. */
function startDisplay() {
  return new Promise((resolve, reject) => {
    const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'],
      { detached: true, stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    proc.on('error', (e) => reject(new Error(`Xvfb: ${e.message}`)));
    proc.on('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it gave a display`)));
    let out = '';
    proc.stdio[3].on('data', (d) => {
      out += d;
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, proc });
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function call(base, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) {
    const v = json.value ?? json;
    throw new Error(`WebDriver ${method} ${path}: ${v.error ?? ''} ${v.message ?? JSON.stringify(v)}`);
  }
  return json.value;
}

/**
 * Starts the engine's driver on a free loopback port (with a virtual display
 * if it needs one) and a session in it. Returns a Session; `session.quit()`
 * ends them all.
 */
export async function startSession(name) {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`unknown engine ${name}; known: ${Object.keys(ENGINES).join(', ')}`);
  const procs = [];
  const stop = () => {
    for (const p of procs) {
      try { process.kill(-p.pid, 'SIGTERM'); } catch { /* already gone */ }
    }
  };
  try {
    const x = engine.display ? await startDisplay() : null;
    if (x) procs.push(x.proc);
    const port = await freePort();
    const [cmd, args] = engine.driver(port);
    // Each in its own process group, so that quitting ends their children too.
    const proc = spawn(cmd, args, {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: x ? { ...process.env, DISPLAY: x.display } : process.env,
    });
    let stderr = '';
    proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
    proc.on('error', (e) => { stderr += `${cmd}: ${e.message}`; });
    if (proc.pid !== undefined) procs.push(proc);
    const exited = Promise.all(procs.map((p) => new Promise((resolve) => p.on('exit', resolve))));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const status = await call(base, 'GET', '/status').catch(() => null);
      if (status?.ready) break;
      if (proc.exitCode !== null || proc.pid === undefined || i > 300) throw new Error(`${engine.label}: driver did not start. ${stderr}`);
      await sleep(100);
    }
    const value = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: engine.capabilities } });
    return new Session({ base, id: value.sessionId, engine, display: x?.display, stop, exited });
  } catch (e) {
    stop();
    throw e;
  }
}

export class Session {
  constructor(fields) {
    Object.assign(this, { zoomLevel: 1 }, fields);
  }

  cmd(method, path, body) { return call(this.base, method, `/session/${this.id}${path}`, body); }

  async quit() {
    await this.cmd('DELETE', '').catch(() => {});
    this.stop();
    await Promise.race([this.exited, sleep(5000)]);
  }

  go(url) { return this.cmd('POST', '/url', { url }); }
  refresh() { return this.cmd('POST', '/refresh', {}); }

  /** Runs `fn` (a function, passed as source) in the page with `args`. */
  run(fn, ...args) { return this.cmd('POST', '/execute/sync', { script: `return (${fn})(...arguments);`, args }); }

  /** Runs an async `fn` in the page and waits for its promise. */
  runAsync(fn, ...args) {
    return this.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${fn})(...Array.prototype.slice.call(arguments, 0, -1))).then(done, (e) => done({ __error: String(e) }));`,
      args,
    });
  }

  /** Polls `fn(...args)` in the page until it returns a truthy value. */
  async until(fn, { timeout = 15000, what = String(fn) } = {}, ...args) {
    const start = Date.now();
    for (;;) {
      // A node found is reported as true: an element reference would go
      // stale when the page moves on.
      // A page being reloaded may refuse a script: asked again.
      let value;
      let failure = '';
      try {
        value = await this.cmd('POST', '/execute/sync', {
          script: `const v = (${fn})(...arguments); return v instanceof Node ? true : v;`,
          args,
        });
      } catch (e) {
        failure = ` (last: ${e.message})`;
      }
      if (value) return value;
      if (Date.now() - start > timeout) throw new Error(`timed out after ${timeout} ms waiting for ${what}${failure}`);
      await sleep(50);
    }
  }

  /** A frame, a timer turn and another frame (see tests/e2e/helpers.mjs `settle`). */
  settle() {
    return this.runAsync(() => new Promise((resolve) => {
      requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => resolve(true)), 0));
    }));
  }

  async element(css) {
    const value = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return value[ELEMENT];
  }

  /** Clears a field and types `text` into it with key events, as a user would. */
  async fill(css, text) {
    const id = await this.element(css);
    await this.cmd('POST', `/element/${id}/clear`, {});
    if (text !== '') await this.cmd('POST', `/element/${id}/value`, { text });
  }

  async click(css) { return this.cmd('POST', `/element/${await this.element(css)}/click`, {}); }

  text(css) { return this.run((sel) => document.querySelector(sel)?.textContent ?? null, css); }

  /** The viewport's width and height in CSS px. */
  viewport() {
    return this.run(() => ({ width: document.documentElement.clientWidth, height: innerHeight }));
  }

  /** A window of `width` × `height` at 100 % zoom; returns the viewport it got. */
  async desktop(width, height) {
    await this.zoom(1);
    await this.cmd('POST', '/window/rect', { width, height });
    return this.viewport();
  }

  /**
   * A phone's width: the narrowest window the engine allows, zoomed in as a
   * user would zoom, step by step, until it is at most 380 CSS px wide (a
   * phone's 360 to 375 px). Returns the viewport.
   */
  async phone(height = 740) {
    await this.cmd('POST', '/window/rect', { width: 300, height });
    let got = await this.viewport();
    for (const level of this.engine.phoneZooms) {
      if (got.width <= PHONE_WIDTH_MAX) break;
      if (level <= this.zoomLevel) continue;
      await this.zoom(level);
      got = await this.viewport();
    }
    if (got.width > PHONE_WIDTH_MAX) {
      throw new Error(`${this.engine.label}: no zoom step brings the page to a phone's width (${got.width} CSS px at ${this.zoomLevel * 100} %)`);
    }
    return got;
  }

  /** Sets the page zoom and waits until the page has been laid out at it. */
  async zoom(level) {
    if (level === this.zoomLevel) return;
    const before = await this.run(() => innerWidth);
    await this.engine.zoom(this, level);
    this.zoomLevel = level;
    // The viewport's width in CSS px changes with the zoom.
    await this.until((w) => innerWidth !== w, { what: `the page at ${level * 100} % zoom`, timeout: 5000 }, before);
    await this.settle();
  }
}
