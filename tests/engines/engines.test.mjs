// The release build in the two other browser engines Debian packages with a
// WebDriver: WebKit (the engine of Safari, which patients' iPhones use) and
// Firefox ESR (on some ward PCs). The Chromium suites (tests/e2e) test every
// feature in depth; these check, in each other engine, what differs between
// engines: layout at a desktop's and a phone's width (no sideways scroll, a
// dose unit never split across lines),
// the share links and the engine's golden figures, typing with its messages,
// storage across a reload, the single file from file:// and the service
// worker's offline copy.
//
// Run by scripts/test.sh with BASE_URL (the served release build) and
// SINGLE_FILE; ENGINES=webkit or ENGINES=firefox runs one engine only.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { startSession, PHONE_WIDTH_MAX } from './webdriver.mjs';
import { CASES, FIGURES, linkFor, resultInPage, check } from '../e2e/golden.mjs';
import { ROUTES, routePath } from '../e2e/helpers.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const SINGLE_URL = pathToFileURL(process.env.SINGLE_FILE ?? join(ROOT, 'dist-single', 'ketamine-dosing-reference.html')).href;
const ENGINE_NAMES = (process.env.ENGINES ?? 'webkit,firefox').split(',').filter(Boolean);

/** Every route with the text its h1 contains, plus pages that are wider than most. */
const PAGES = [
  ...ROUTES.map(([fragment, heading]) => [fragment, routePath(fragment), heading]),
  ['#/calculator?protocol=crps-4h&weight_kg=70', '/calculator', 'Calculator'],
  ['#/calculator?weight_kg=70&s2_weight_kg=90&s3_protocol=fibromyalgia-short&active=2', '/calculator', 'Calculator'],
  ['#/calculator?protocol=crps-4h&weight_kg=70&pregnant_or_breastfeeding=true', '/calculator', 'Calculator'],
  ['#/phases?view=patient', '/phases', 'hase'],
  ['#/no-such-page', '/not-found', 'not found'],
];

/**
 * Opens `fragment` of the app at `base` and waits until the app shows `path`.
 * If it never does, the error says what the page showed instead, so that a
 * failure seen once (on a busy machine, say) can be told apart from an app
 * that missed a navigation or never started.
 */
async function open(s, fragment, path, base = BASE_URL) {
  await s.go(base.startsWith('file:') ? `${base}${fragment}` : `${base}/${fragment}`);
  try {
    await s.until((p) => document.querySelector(`main[data-route="${p}"] h1`) !== null, { what: `main[data-route="${path}"]` }, path);
  } catch (e) {
    const seen = await s.run(shownInstead).catch((why) => `(the page answered no script: ${why.message})`);
    throw new Error(`${e.message}; the page showed ${JSON.stringify(seen)}`);
  }
  await s.settle();
}

/** In the page: where it is and what it shows, for an error message. */
function shownInstead() {
  const main = document.querySelector('main');
  return {
    href: location.href,
    readyState: document.readyState,
    route: main?.dataset.route ?? null,
    h1: document.querySelector('h1')?.textContent ?? null,
    crashed: document.getElementById('crash-panel') !== null,
    text: ((main ?? document.body)?.innerText ?? '').replace(/\s+/g, ' ').slice(0, 160),
  };
}

/** In the page: what a reader would notice first on any page. */
function pageState() {
  const root = document.documentElement;
  return {
    h1: document.querySelector('main h1')?.textContent ?? null,
    crashed: document.getElementById('crash-panel') !== null,
    // More than a pixel of sideways scroll: the whole page moves under a thumb.
    overflow: root.scrollWidth - root.clientWidth,
    widest: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1 && !e.closest('.table-scroll, [tabindex]'))
      .slice(0, 3).map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
  };
}

/**
 * In the page: every compound unit (a word with a "/" between letters or
 * digits, such as mcg/kg/min; not an address) on the page that the browser
 * laid out over more than one line. Firefox breaks lines after a "/" where
 * Chromium and WebKit do not, which would show "5.8 mcg/kg/" with "min" under
 * it.
 */
function splitUnits() {
  const split = [];
  let units = 0;
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (const m of n.data.matchAll(/\S*[\p{L}\p{N}]\/[\p{L}\p{N}]\S*/gu)) {
      if (m[0].includes('://')) continue;
      units += 1;
      const tops = new Set();
      for (let i = m.index; i < m.index + m[0].length; i++) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const box = r.getBoundingClientRect();
        if (box.height > 0) tops.add(Math.round(box.top));
      }
      const where = n.parentElement.closest('[data-testid], [class], td, th, p');
      if (tops.size > 1) split.push(`${where?.dataset.testid || where?.className || where?.tagName}: "${m[0]}" on ${tops.size} lines`);
    }
  }
  return { units, split };
}

/**
 * Reloads the page from a script in it, as the reload button does. (A
 * WebDriver navigation or refresh in Firefox is not handed to the service
 * worker, so it would not show what a user's reload does.)
 */
async function reloadInPage(s, path) {
  await s.run(() => { window.__beforeReload = true; setTimeout(() => location.reload(), 0); });
  await s.until((p) => window.__beforeReload === undefined && document.querySelector(`main[data-route="${p}"] h1`) !== null,
    { what: `the reloaded ${path}` }, path);
  await s.settle();
}

function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', [join(ROOT, 'scripts', 'static_server.py'), join(ROOT, 'dist'), '0']);
    proc.stdout.on('data', (d) => {
      const m = String(d).match(/serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({ proc, url: m[1] });
    });
    proc.on('error', reject);
  });
}

for (const name of ENGINE_NAMES) {
  describe(name, () => {
    let s;
    before(async () => { s = await startSession(name); });
    after(async () => { await s?.quit(); });

    test(`${name}: every page at a desktop's and at a phone's width renders, with no sideways scroll`, async (t) => {
      for (const size of ['desktop', 'phone']) {
        const got = size === 'desktop' ? await s.desktop(1280, 900) : await s.phone();
        t.diagnostic(`${name}: ${size}, viewport ${got.width} CSS px`);
        if (size === 'phone') assert.ok(got.width >= 340 && got.width <= PHONE_WIDTH_MAX, `a phone's width (${got.width} px)`);
        for (const [fragment, path, heading] of PAGES) {
          await open(s, fragment, path);
          const state = await s.run(pageState);
          assert.ok(state.h1?.includes(heading), `${fragment}: h1 "${state.h1}"`);
          assert.equal(state.crashed, false, `${fragment}: crash panel`);
          assert.ok(state.overflow <= 1, `${fragment} at ${got.width} px: ${state.overflow} px of sideways scroll (${state.widest.join(', ')})`);
        }
      }
      await s.desktop(1280, 900);
    });

    test(`${name}: a dose unit is never split across lines, on every page but the sources`, async () => {
      // The sources page is left out on purpose: its addresses, DOIs and
      // titles ("RSD/CRPS") may wrap after a "/" on a phone.
      const least = {
        // A blocked scenario shows no figure, only its inputs' and rules' units.
        '#/calculator?protocol=crps-4h&weight_kg=70&pregnant_or_breastfeeding=true': 10,
        '/calculator': 40, '/factors': 8, '/phases': 10, '/side-effects': 2, '/monitoring': 1, '/evidence': 5, '/protocols': 5,
      };
      const pages = [
        ...PAGES.filter(([, path]) => path !== '/sources'),
        ['#/calculator?protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male&age_years=80', '/calculator', 'Calculator'],
        ['#/calculator?protocol=headache-inpatient&weight_kg=45', '/calculator', 'Calculator'],
        ['#/side-effects?view=patient', '/side-effects', 'ide effect'],
      ];
      for (const size of [[1280, 900], [900, 900], 'phone']) {
        const got = size === 'phone' ? await s.phone() : await s.desktop(...size);
        for (const [fragment, path] of pages) {
          await open(s, fragment, path);
          const { units, split } = await s.run(splitUnits);
          // The patients' views show no dose, so only the clinicians' views count units.
          if (!fragment.includes('view=patient')) assert.ok(units >= (least[fragment] ?? least[path] ?? 0), `${fragment}: ${units} units`);
          assert.deepEqual(split, [], `${fragment} at ${got.width} px`);
        }
      }
      await s.desktop(1280, 900);
    });

    test(`${name}: every built-in golden example (${CASES.length}) through a share link`, async () => {
      await s.desktop(1280, 900);
      for (const c of CASES) {
        // Through the home page, so that the link mounts the calculator anew.
        await open(s, '#/', '/');
        await open(s, linkFor(c), '/calculator');
        check(c, await s.run(resultInPage, FIGURES));
      }
    });

    test(`${name}: typing updates the figures, a decimal comma counts, bad input is explained, the address follows`, async () => {
      await open(s, '#/calculator?protocol=crps-4h&weight_kg=70', '/calculator');
      assert.equal(await s.text('[data-testid="rate-mg-per-h"]'), '24.5 mg/h');
      await s.fill('#weight', '80');
      await s.until(() => document.querySelector('[data-testid="rate-mg-per-h"]')?.textContent === '25 mg/h', { what: '25 mg/h' });
      assert.equal(await s.text('[data-testid="session-total-mg"]'), '100 mg');
      // The address is written once typing pauses.
      await s.until(() => location.hash.includes('weight_kg=80'), { what: 'weight_kg=80 in the address' });
      await s.fill('#weight', '72,5');
      await s.until(() => document.querySelector('[data-testid="dosing-weight-kg"]')?.textContent === '72.5 kg', { what: '72.5 kg' });
      await s.fill('#weight', 'abc');
      const error = await s.until(() => document.querySelector('[data-testid="field-error"][data-field="weight"]')?.textContent, { what: 'the weight error' });
      assert.match(error, /"abc" is not a number/);
      assert.equal(await s.run(() => document.getElementById('weight').getAttribute('aria-invalid')), 'true');
      assert.equal(await s.text('[data-testid="rate-mg-per-h"]'), null, 'no figure for bad input');
      // A reload keeps what the address holds.
      await s.fill('#weight', '60');
      await s.until(() => location.hash.includes('weight_kg=60'), { what: 'weight_kg=60 in the address' });
      await s.refresh();
      await s.until(() => document.querySelector('[data-testid="rate-mg-per-h"]')?.textContent === '21 mg/h', { what: '21 mg/h after a reload' });
      assert.equal(await s.run(() => document.getElementById('weight').value), '60');
    });

    test(`${name}: a diary entry is saved in the browser and is still there after a reload`, async () => {
      await open(s, '#/diary', '/diary');
      await s.run(() => localStorage.clear());
      await s.refresh();
      await s.until(() => document.querySelector('[data-testid="diary-empty"]'), { what: 'the empty diary' });
      await s.click('#diary-pain option[value="7"]');
      await s.click('#diary-effect-dizziness');
      await s.fill('#diary-note', 'Floaty for an hour.');
      await s.click('[data-testid="diary-save"]');
      await s.until(() => document.querySelector('[data-testid="diary-row"]'), { what: 'the saved row' });
      await s.refresh();
      await s.until(() => document.querySelector('[data-testid="diary-row"]'), { what: 'the row after a reload' });
      const cells = await s.run(() => Object.fromEntries([...document.querySelectorAll('[data-testid="diary-row"] td[data-label]')]
        .map((c) => [c.dataset.label, c.textContent])));
      assert.equal(cells.Pain, '7');
      assert.equal(cells['Side effects'], 'Dizziness or light-headedness');
      assert.equal(cells.Note, 'Floaty for an hour.');
      await s.run(() => localStorage.clear());
    });

    test(`${name}: the single file from file:// renders every page and calculates`, async () => {
      for (const [fragment, path, heading] of PAGES) {
        await open(s, fragment, path, SINGLE_URL);
        const state = await s.run(pageState);
        assert.ok(state.h1?.includes(heading), `${fragment}: h1 "${state.h1}"`);
        assert.equal(state.crashed, false, `${fragment}: crash panel`);
      }
      await open(s, '#/calculator?protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male', '/calculator', SINGLE_URL);
      assert.equal(await s.text('[data-testid="dosing-weight-kg"]'), '102.3 kg');
      assert.equal(await s.text('[data-testid="rate-mg-per-h"]'), '50 mg/h');
      await s.fill('#weight', '70');
      await s.until(() => document.querySelector('[data-testid="rate-mg-per-h"]')?.textContent === '35 mg/h', { what: '35 mg/h' });
    });

    test(`${name}: after one visit the served build works offline, reload included`, async () => {
      // A server of its own, stopped halfway through.
      const { proc, url } = await startServer();
      const stopped = new Promise((resolve) => proc.on('exit', resolve));
      try {
        await open(s, '#/', '/', url);
        await s.runAsync(() => navigator.serviceWorker.ready.then(() => true));
        await s.until(() => navigator.serviceWorker.controller !== null, { what: 'the service worker in control' });
        await reloadInPage(s, '/');
        assert.ok(await s.run(() => navigator.serviceWorker.controller !== null), 'a reload is served by the worker');
      } finally {
        proc.kill();
      }
      await stopped;
      await s.run(() => { location.hash = '#/calculator?protocol=crps-4h&weight_kg=80'; });
      await reloadInPage(s, '/calculator');
      await s.until(() => document.querySelector('[data-testid="rate-mg-per-h"]')?.textContent === '25 mg/h', { what: '25 mg/h offline' });
      await s.run(() => { location.hash = '#/sources'; });
      await s.until(() => document.querySelector('main[data-route="/sources"] h1'), { what: 'the sources page offline' });
    });
  });
}
