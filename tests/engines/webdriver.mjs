// A small W3C WebDriver client, and the two engines besides Chromium that
// Debian packages with a WebDriver: WebKit (WebKitGTK's MiniBrowser through
// WebKitWebDriver, in a virtual X display) and Firefox ESR (through
// geckodriver, headless). Patients read the app in Safari on their phones and
// some wards run Firefox; these drivers let the same checks run in both
// engines. Nothing here downloads anything: every binary is a Debian package
// or, for geckodriver, built from crates.io by scripts/setup.sh.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export const ENGINES = {
  webkit: {
    label: 'WebKit (WebKitGTK MiniBrowser)',
    // MiniBrowser needs an X display even with automation: xvfb-run gives it
    // a virtual one (-a picks a free display number).
    command: (port) => ['xvfb-run', ['-a', '-s', '-screen 0 1600x1200x24', 'WebKitWebDriver', `--port=${port}`]],
    capabilities: {
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    },
  },
  firefox: {
    label: 'Firefox ESR',
    command: (port) => [process.env.GECKODRIVER ?? 'geckodriver', ['--host', '127.0.0.1', '--port', String(port)]],
    capabilities: {
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        args: ['-headless'],
        // Nothing but loopback is reachable here: keep Firefox from trying.
        prefs: {
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
  },
};

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
 * Starts the engine's driver on a free loopback port and a session in it.
 * Returns a Session; `session.quit()` ends both.
 */
export async function startSession(name) {
  const engine = ENGINES[name];
  if (!engine) throw new Error(`unknown engine ${name}; known: ${Object.keys(ENGINES).join(', ')}`);
  const port = await freePort();
  const [cmd, args] = engine.command(port);
  // Its own process group, so that quitting also ends xvfb-run's children.
  const proc = spawn(cmd, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  proc.on('error', (e) => { stderr += `${cmd}: ${e.message}`; });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  const base = `http://127.0.0.1:${port}`;
  const stop = () => { try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ } };
  try {
    for (let i = 0; ; i++) {
      const status = await call(base, 'GET', '/status').catch(() => null);
      if (status?.ready) break;
      if (proc.exitCode !== null || proc.pid === undefined || i > 300) throw new Error(`${engine.label}: driver did not start. ${stderr}`);
      await sleep(100);
    }
    const value = await call(base, 'POST', '/session', { capabilities: { alwaysMatch: engine.capabilities } });
    return new Session(base, value.sessionId, value.capabilities, stop, exited);
  } catch (e) {
    stop();
    throw e;
  }
}

export class Session {
  constructor(base, id, capabilities, stop, exited) {
    Object.assign(this, { base, id, capabilities, stop, exited });
  }

  cmd(method, path, body) { return call(this.base, method, `/session/${this.id}${path}`, body); }

  async quit() {
    await this.cmd('DELETE', '').catch(() => {});
    this.stop();
    await Promise.race([this.exited, sleep(5000)]);
  }

  go(url) { return this.cmd('POST', '/url', { url }); }
  url() { return this.cmd('GET', '/url'); }
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

  /** Asks for a window of `width` × `height`; returns the viewport it got. */
  async resize(width, height) {
    await this.cmd('POST', '/window/rect', { width, height });
    return this.run(() => ({ width: document.documentElement.clientWidth, height: innerHeight }));
  }

  async screenshot(file) {
    writeFileSync(file, Buffer.from(await this.cmd('GET', '/screenshot'), 'base64'));
  }
}
