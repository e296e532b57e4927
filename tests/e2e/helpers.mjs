// Shared helpers for the end-to-end tests: launch Debian's Chromium through
// playwright-core (never a downloaded browser) and collect console errors.
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags that let Chromium run headless as root on a machine with no network
// beyond loopback (see shared/TOOLCHAIN.md).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

let shared;

/** One browser per test file; call `closeBrowser()` in an `after` hook. */
export async function browser() {
  shared ??= await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  return shared;
}

export async function closeBrowser() {
  if (shared) await shared.close();
  shared = undefined;
}

/**
 * A fresh context and page that records console errors, page errors and
 * requests to any origin other than the app's own.
 * Returns { browser, context, page, consoleErrors, foreignRequests }.
 */
export async function launch(options = {}) {
  const b = await browser();
  const context = await b.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const consoleErrors = [];
  const foreignRequests = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => consoleErrors.push(`pageerror: ${err.message}`));
  const base = new URL(BASE_URL);
  page.on('request', (req) => {
    const url = new URL(req.url());
    const own = url.origin === base.origin || ['data:', 'blob:', 'file:'].includes(url.protocol);
    if (!own) foreignRequests.push(req.url());
  });
  return { browser: b, context, page, consoleErrors, foreignRequests };
}

/** The page path a fragment names: '#/factors?x=1' -> '/factors', '#/' -> '/'. */
export function routePath(fragment) {
  const path = fragment.replace(/^#/, '').split('?')[0].replace(/\/+$/, '');
  return path === '' ? '/' : path;
}

/**
 * Opens a route (for example '#/factors') and waits until the app shows it.
 * `base` is the app's URL without fragment: the served root or a file:// URL.
 */
export async function openRoute(page, fragment, base = BASE_URL, expectedPath = routePath(fragment)) {
  const url = base.startsWith('file:') ? `${base}${fragment}` : `${base.replace(/\/$/, '')}/${fragment}`;
  await page.goto(url);
  await page.waitForSelector(`main[data-route="${expectedPath}"]`, { timeout: 15000 });
}

/**
 * The calculator writes its scenario to the address once typing pauses (a
 * history write per keystroke would slow typing). Waits until the address is
 * the calculator's own share link, that is, shows what the page shows.
 */
export async function addressSettled(page) {
  await page.waitForFunction(() => {
    const link = document.querySelector('[data-testid="share-link"]');
    return link !== null && link.value === location.href;
  }, null, { timeout: 5000 });
}

/**
 * Lets the page finish reacting to the last event: a frame, a timer turn and
 * another frame. Yew renders in a microtask after each event, but when its
 * work runs longer than a frame it continues in a later timer turn (on a
 * loaded machine), which one frame alone may not wait for.
 */
export async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => resolve()), 0));
  }));
}

/** Records Content-Security-Policy violations in `window.__cspViolations`. */
export async function recordCspViolations(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
}

export const cspViolations = (page) => page.evaluate(() => window.__cspViolations ?? []);

/** Every route of the app with the text its h1 contains. */
export const ROUTES = [
  ['#/', 'IV ketamine for chronic pain'],
  ['#/calculator', 'Calculator'],
  ['#/factors', 'actor'],
  ['#/phases', 'hase'],
  ['#/side-effects', 'ide effect'],
  ['#/candidates', 'andidate'],
  ['#/monitoring', 'onitoring'],
  ['#/evidence', 'vidence'],
  ['#/schedule', 'chedule'],
  ['#/diary', 'iary'],
  ['#/protocols', 'rotocol'],
  ['#/sources', 'ources'],
];

/** Waits until the Yew app has mounted (the <main> element exists). */
export async function waitForApp(page) {
  await page.waitForSelector('main[data-route]', { timeout: 15000 });
}

/// The rows of links separated by dots (`.link-row`) under `selector`, item by
/// item: whether a dot shows before it (the point at the centre of the gap
/// before the item hits the item, not cut off) and whether it starts a line.
/// A dot must show before every item but a line's first; the link itself is
/// never cut off (its left edge hits the link).
export async function linkRowDots(page, selector) {
  return page.$$eval(`${selector} .link-row`, (rows) => rows.map((row) => {
    const items = [...row.children];
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    return items.map((li, i) => {
      li.scrollIntoView({ block: 'center' });
      const r = li.getBoundingClientRect();
      const a = li.querySelector('a');
      const ar = a.getClientRects()[0];
      const y = ar.top + ar.height / 2;
      const prev = items[i - 1]?.getBoundingClientRect();
      const hit = (x) => { const e = document.elementFromPoint(x, y); return e === li || li.contains(e); };
      return {
        text: a.textContent,
        lineStart: !prev || r.top >= prev.bottom - 1,
        // Drawn (the row's dot) and not cut off.
        dot: getComputedStyle(li, '::before').content.includes('\u00b7') && hit(r.left + 0.625 * rem),
        linkWhole: document.elementFromPoint(ar.left + 1, y) === a,
      };
    });
  }));
}
