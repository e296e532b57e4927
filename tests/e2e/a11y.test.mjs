// Accessibility gate (issue 8) on the release build: axe-core at WCAG 2.2 A
// and AA on every route and the calculator's blocked, invalid-input and
// compare scenarios, plus the side-effects and phases patient views, in light and dark
// mode at phone and desktop widths: zero violations. Then checks axe cannot
// make on its own: every control has a label, field errors are tied to their
// fields, the calculator result is announced by a live region, Tab follows
// the page in document order with no positive tabindex, and evidence badges
// and frequency levels carry words, not colour alone.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, openRoute, closeBrowser, settle, ROUTES } from './helpers.mjs';

after(closeBrowser);

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SCHEMES = ['light', 'dark'];
const VIEWPORTS = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 900 } };

/** A diary of a few days, infusion days among them. */
const DIARY = { format: 'ketamine-dosing-reference/diary', version: 1, entries: [
  { date: '2026-11-02', infusion: true, pain: 7, sleep: 3, mood: 4, side_effects: ['dizziness'], note: 'First infusion.' },
  { date: '2026-11-05', infusion: true, pain: 6, mood: 6 },
  { date: '2026-11-09', pain: 4, sleep: 6, mood: 7 },
] };

/** A scenario: a fragment to open and an optional step once the page is shown. */
const SCENARIOS = [
  ...ROUTES.map(([fragment]) => ({ name: fragment, fragment })),
  { name: 'calculator: blocked', fragment: '#/calculator?protocol=crps-4h&pregnant_or_breastfeeding=true',
    ready: '[data-testid="block-reason"]' },
  { name: 'calculator: invalid input', fragment: '#/calculator?weight_kg=abc', ready: '[data-testid="field-error"]' },
  { name: 'calculator: compare', fragment: '#/calculator?protocol=crps-4h&s2_protocol=outpatient-consensus',
    ready: '[data-scenario="2"] [data-testid="rate-mg-per-h"]' },
  { name: 'side effects: patient view', fragment: '#/side-effects',
    step: async (page) => {
      await page.check('[data-testid="view-patient"]');
      await page.waitForSelector('[data-testid="patient-view"]');
    } },
  { name: 'phases: patient view', fragment: '#/phases?view=patient', ready: '[data-view="patient"]' },
  { name: 'not found', fragment: '#/no-such-page', path: '/not-found' },
  { name: 'diary: entries, chart and a form error', fragment: '#/diary',
    step: async (page) => {
      await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), DIARY);
      await page.reload();
      await page.waitForSelector('[data-testid="diary-chart"]');
      await page.fill('#diary-date', '2099-01-01');
      await page.fill('#diary-note', 'a'.repeat(1001));
      await page.click('[data-testid="diary-save"]');
      await page.waitForSelector('#diary-date-error');
      await page.waitForSelector('#diary-note-error');
      await page.click('[data-testid="diary-delete"]');
      await page.waitForSelector('[data-testid="diary-undo"]');
    },
    after: (page) => page.evaluate(() => localStorage.removeItem('kdr.diary')) },
  { name: 'diary: a long diary, its newest entries shown', fragment: '#/diary',
    step: async (page) => {
      const entries = Array.from({ length: 250 }, (_, i) => ({
        date: new Date(Date.UTC(2026, 0, 1) + i * 86400000).toISOString().slice(0, 10), pain: i % 11,
      }));
      await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { ...DIARY, entries });
      await page.reload();
      await page.waitForSelector('[data-testid="diary-show-all"]');
    },
    after: (page) => page.evaluate(() => localStorage.removeItem('kdr.diary')) },
];

async function open(page, s) {
  await openRoute(page, s.fragment, undefined, s.path);
  if (s.ready) await page.waitForSelector(s.ready);
  if (s.step) await s.step(page);
}

/** One line per violating node: rule, impact, target and axe's summary. */
function describe(scenario, results) {
  return results.violations.flatMap((v) => v.nodes.map((n) =>
    `${scenario}: [${v.id}/${v.impact}] ${n.target.join(' ')} -- ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ')}`));
}

for (const scheme of SCHEMES) {
  for (const [width, viewport] of Object.entries(VIEWPORTS)) {
    test(`axe: zero WCAG 2.2 A/AA violations, ${scheme} mode, ${width} (${viewport.width}x${viewport.height})`, async () => {
      const { context, page, consoleErrors } = await launch({ viewport, colorScheme: scheme });
      const found = [];
      for (const s of SCENARIOS) {
        await open(page, s);
        const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        found.push(...describe(s.name, results));
        if (s.after) await s.after(page);
        assert.ok(results.passes.length > 0, `${s.name}: axe ran no rule`);
        // WCAG 1.4.10 reflow: no sideways page scroll (wide tables scroll in their own region).
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) found.push(`${s.name}: [reflow] the page is ${overflow}px wider than the ${viewport.width}px viewport`);
      }
      assert.deepEqual(found, [], `${found.length} violation(s):\n${found.join('\n')}`);
      assert.deepEqual(consoleErrors, []);
      await context.close();
    });
  }
}

test('compare mode: each scenario\'s table regions have names of their own (axe landmark-unique)', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: VIEWPORTS.desktop });
  await open(page, { fragment: '#/calculator?protocol=crps-4h&s2_weight_kg=100&s3_protocol=fibromyalgia-short',
    ready: '[data-scenario="3"] [data-testid="rate-mg-per-h"]' });
  const results = await new AxeBuilder({ page }).withRules(['landmark-unique']).analyze();
  assert.ok(results.passes.length > 0, 'the rule ran');
  assert.deepEqual(describe('compare', results), []);
  // The names: the scenario's heading, then the table's caption.
  const names = await page.$$eval('.scenario-result [role="region"]', (rs) => rs.map((r) =>
    r.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id).textContent).join(' ')));
  assert.ok(names.length >= 6, `${names.length} regions`);
  assert.equal(new Set(names).size, names.length, names.join('\n'));
  assert.ok(names.every((n) => /^Scenario [123]: /.test(n)), names.join('\n'));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

/** In the page: every form control and the name it gets from a label. */
function controlNames() {
  const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return [...document.querySelectorAll('input, select, textarea')]
    .filter((el) => el.type !== 'hidden')
    .map((el) => {
      const byIds = (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).filter(Boolean)
        .map((id) => text(document.getElementById(id))).join(' ').trim();
      const byLabel = [...(el.labels ?? [])].map(text).join(' ').trim();
      const name = byIds || (el.getAttribute('aria-label') ?? '').trim() || byLabel;
      return { control: `${el.tagName.toLowerCase()}#${el.id || '?'}[name=${el.name || '?'}]`, name };
    });
}

test('every input, select and textarea has an accessible label, on every scenario', async () => {
  const { context, page } = await launch();
  let controls = 0;
  for (const s of SCENARIOS) {
    await open(page, s);
    const found = await page.evaluate(controlNames);
    controls += found.length;
    const unnamed = found.filter((c) => !c.name).map((c) => c.control);
    assert.deepEqual(unnamed, [], `${s.name}: controls without a label`);
  }
  assert.ok(controls >= 40, `only ${controls} controls were checked`);
  await context.close();
});

/** In the page: the contrast of each text field's and select's border with
 * what is behind it (WCAG 1.4.11 non-text contrast, which axe does not check). */
function controlBorderContrast() {
  const rgb = (c) => (c.match(/[\d.]+/g) ?? []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; })
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x); return (hi + 0.05) / (lo + 0.05); };
  const behind = (el) => {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return rgb(getComputedStyle(document.body).backgroundColor).slice(0, 3);
  };
  return [...document.querySelectorAll('input[type="text"], input[type="search"], input:not([type]), select, textarea')]
    .filter((el) => el.getClientRects().length > 0)
    .map((el) => {
      const style = getComputedStyle(el);
      const width = parseFloat(style.borderTopWidth);
      return { control: el.id || el.name, width, ratio: Math.round(ratio(rgb(style.borderTopColor).slice(0, 3), behind(el)) * 100) / 100 };
    });
}

for (const scheme of SCHEMES) {
  test(`form controls have borders with at least 3:1 contrast (WCAG 1.4.11), ${scheme} mode`, async () => {
    const { context, page } = await launch({ colorScheme: scheme });
    let checked = 0;
    for (const s of SCENARIOS.filter((x) => /calculator|side effects|side-effects/.test(x.name))) {
      await open(page, s);
      const found = await page.evaluate(controlBorderContrast);
      checked += found.length;
      const weak = found.filter((c) => c.width < 1 || c.ratio < 3);
      assert.deepEqual(weak, [], `${s.name}: control borders under 3:1`);
    }
    assert.ok(checked >= 20, `only ${checked} controls were checked`);
    await context.close();
  });
}

/** In the page: how each invalid control and each error message are tied. */
function errorTies() {
  const invalid = [...document.querySelectorAll('[aria-invalid="true"]')];
  const errors = [...document.querySelectorAll('[data-testid="field-error"]')];
  const describedBy = (el) => (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return {
    invalid: invalid.map((el) => el.id),
    untied: invalid.filter((el) => !describedBy(el).some((id) => {
      const target = document.getElementById(id);
      return target && target.matches('[data-testid="field-error"]') && target.textContent.trim() !== '';
    })).map((el) => el.id),
    // A message must be named by the field (or the group of fields) it is about.
    orphanErrors: errors.filter((e) => !e.id || ![...document.querySelectorAll('[aria-describedby]')]
      .some((el) => describedBy(el).includes(e.id))).map((e) => e.id || e.textContent),
    errors: errors.length,
  };
}

test('field errors are tied to their fields (aria-invalid with aria-describedby pointing at the message)', async () => {
  const { context, page, consoleErrors } = await launch();
  await open(page, SCENARIOS.find((s) => s.name === 'calculator: invalid input'));
  let ties = await page.evaluate(errorTies);
  assert.ok(ties.invalid.includes('weight'), `the weight field is marked invalid: ${JSON.stringify(ties)}`);
  assert.deepEqual(ties.untied, [], 'invalid fields whose aria-describedby does not name their error');
  assert.deepEqual(ties.orphanErrors, [], 'error messages no invalid field points at');
  // As the user types: each bad value marks and ties the field, a good one clears it.
  for (const bad of ['-5', '1e400', '', 'abc']) {
    await page.fill('#weight', bad);
    await page.waitForSelector('#weight[aria-invalid="true"]');
    ties = await page.evaluate(errorTies);
    assert.ok(ties.invalid.includes('weight'), `"${bad}": weight marked invalid`);
    assert.deepEqual(ties.untied, [], `"${bad}": invalid fields without their message`);
    assert.deepEqual(ties.orphanErrors, [], `"${bad}": messages no field points at`);
    const describedby = await page.getAttribute('#weight', 'aria-describedby');
    assert.ok(describedby.split(/\s+/).includes('weight-error'), `"${bad}": aria-describedby="${describedby}"`);
  }
  await page.fill('#weight', '70');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  ties = await page.evaluate(errorTies);
  assert.deepEqual(ties.invalid, [], 'a valid value clears aria-invalid');
  assert.equal(ties.errors, 0, 'a valid value clears the message');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('an unknown medication in a link is reported and tied to the medication group', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?medications=not-a-medicine');
  await page.waitForSelector('[data-testid="field-error"][data-field="medications"]');
  const tie = await page.evaluate(() => {
    const message = document.querySelector('[data-testid="field-error"][data-field="medications"]');
    const group = document.querySelector('fieldset.medications');
    return {
      id: message.id,
      text: message.textContent.trim(),
      describedby: (group.getAttribute('aria-describedby') ?? '').split(/\s+/),
    };
  });
  assert.equal(tie.id, 'medications-error');
  assert.ok(tie.text.length > 3, `the message says what is wrong: "${tie.text}"`);
  assert.ok(tie.describedby.includes('medications-error'), `fieldset aria-describedby: ${tie.describedby}`);
  assert.deepEqual((await page.evaluate(errorTies)).orphanErrors, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the calculator result is announced by a live region that follows the figures', async () => {
  const { context, page } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=70&height_cm=175&sex=male');
  const live = async () => page.evaluate(() => {
    const rate = document.querySelector('.calc-results [data-testid="rate-mg-per-h"]');
    const regions = [...document.querySelectorAll('[aria-live="polite"], [aria-live="assertive"], [role="status"], [role="alert"]')]
      .filter((r) => r.closest('main'));
    return {
      rate: rate?.textContent.trim() ?? null,
      announced: regions.map((r) => r.textContent.replace(/\s+/g, ' ').trim()),
      rendered: regions.map((r) => getComputedStyle(r).display !== 'none' && getComputedStyle(r).visibility !== 'hidden'),
    };
  });
  let r = await live();
  assert.ok(r.rate, 'a rate is shown');
  assert.ok(r.announced.some((t) => t.includes(r.rate)), `a live region reads the rate ${r.rate}: ${JSON.stringify(r.announced)}`);
  assert.ok(r.rendered.every(Boolean), 'live regions are rendered (not display:none), so screen readers hear them');
  const before = r.rate;
  await page.fill('#weight', '95');
  await page.waitForFunction((old) => document.querySelector('.calc-results [data-testid="rate-mg-per-h"]')?.textContent.trim() !== old, before);
  // Read once typing pauses (700 ms), not on each keystroke.
  const heard = async (text) => {
    for (let i = 0; i < 50; i += 1) {
      r = await live();
      if (r.announced.some((t) => t.includes(text))) return true;
      await page.waitForTimeout(100);
    }
    return false;
  };
  const rate = (await live()).rate;
  assert.notEqual(rate, before);
  assert.ok(await heard(rate), `after typing, a live region reads the new rate ${rate}`);
  // A block is announced too, with its reason.
  await page.check('#pregnant_or_breastfeeding');
  await page.waitForSelector('[data-testid="block-reason"]');
  const reason = (await page.textContent('[data-testid="block-reason"]')).trim();
  assert.ok(await heard(reason), `a live region reads the block: ${reason}`);
  await context.close();
});

/** In the page: where the focused element sits. */
function focusInfo() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const region = el.closest('header') ? 'header' : el.closest('nav') ? 'nav' : el.closest('main') ? 'main'
    : el.closest('footer') ? 'footer' : 'other';
  window.__focusSeen ??= [];
  const index = window.__focusSeen.length;
  window.__focusSeen.push(el);
  const previous = window.__focusSeen[index - 1];
  const follows = !previous || previous === el ? null
    : Boolean(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  return { region, follows, tag: el.tagName.toLowerCase(), label: (el.getAttribute('aria-label') || el.textContent || el.id || '').trim().slice(0, 40), className: el.className };
}

const REGION_ORDER = ['skip', 'header', 'nav', 'main', 'footer'];

for (const [width, viewport] of Object.entries(VIEWPORTS)) {
  test(`focus order follows the page: skip link, header, nav, main, in document order (${width})`, async () => {
    const { context, page } = await launch({ viewport });
    const routes = [...ROUTES.map(([f]) => f), '#/calculator?protocol=crps-4h&s2_protocol=outpatient-consensus'];
    for (const fragment of routes) {
      // A fresh document each time, so Tab starts from the top of the page.
      await page.goto('about:blank');
      await openRoute(page, fragment);
      const positive = await page.$$eval('[tabindex]', (els) => els.filter((e) => e.tabIndex > 0).map((e) => e.outerHTML.slice(0, 80)));
      assert.deepEqual(positive, [], `${fragment}: elements with a positive tabindex`);
      await page.evaluate(() => { window.__focusSeen = []; });
      await page.keyboard.press('Tab');
      const first = await page.evaluate(focusInfo);
      assert.equal(first?.className, 'skip-link', `${fragment}: the first Tab reaches the skip link`);
      const visited = ['skip'];
      let rank = 0;
      for (let i = 0; i < 400; i += 1) {
        await page.keyboard.press('Tab');
        const info = await page.evaluate(focusInfo);
        if (!info || info.follows === false) break; // left the page or wrapped around (checked below)
        const r = REGION_ORDER.indexOf(info.region);
        assert.ok(r >= rank, `${fragment}: Tab went from ${REGION_ORDER[rank]} back to ${info.region} (${info.tag} "${info.label}")`);
        rank = r;
        if (visited.at(-1) !== info.region) visited.push(info.region);
        if (info.region === 'footer') break;
      }
      // If Tab went backwards, it must be the wrap to the start (the skip link), not a jump.
      const wrapped = await page.evaluate(() => {
        const seen = window.__focusSeen ?? [];
        const last = seen.at(-1);
        const before = seen.at(-2);
        return !last || !before || !!(before.compareDocumentPosition(last) & Node.DOCUMENT_POSITION_FOLLOWING)
          || last.classList.contains('skip-link') || last === seen[0];
      });
      assert.ok(wrapped, `${fragment}: Tab jumped backwards in the middle of the page`);
      assert.ok(visited.includes('header'), `${fragment}: Tab reached the header (${visited.join(' > ')})`);
      const mainFocusable = await page.$$eval(
        'main a[href], main button, main input, main select, main textarea, main [tabindex="0"]', (els) => els.length);
      // Every page has something to reach in its main (a link at least): a
      // page without one would leave the main's part of the order untested.
      assert.ok(mainFocusable > 0, `${fragment}: the main has an element Tab can reach`);
      assert.ok(visited.includes('main'), `${fragment}: Tab reached the main (${visited.join(' > ')})`);
      if (width === 'desktop') assert.ok(visited.includes('nav'), `${fragment}: Tab reached the nav (${visited.join(' > ')})`);
    }
    await context.close();
  });
}

test('colour is never the only signal: evidence badges and frequency levels carry text', async () => {
  const { context, page } = await launch();
  const badges = async () => page.$$eval('.badge, [data-evidence], [data-testid="frequency"]', (els) => els
    .filter((e) => getComputedStyle(e).display !== 'none' && !e.closest('.print-sheet'))
    .map((e) => ({ className: e.className.baseVal ?? e.className, text: e.textContent.replace(/\s+/g, ' ').trim() })));

  await openRoute(page, '#/side-effects');
  const frequency = (await badges()).filter((b) => b.className.includes('badge-frequency'));
  assert.ok(frequency.length >= 5, 'side effects show frequency badges');
  const levels = new Set(frequency.map((b) => b.text));
  assert.ok(levels.size >= 2, `frequency levels differ in words: ${[...levels].join(', ')}`);
  for (const b of frequency) assert.match(b.text, /[a-z]{3,}/i, `frequency badge "${b.className}" has words`);
  // Each level's colour class matches exactly one wording.
  const byClass = new Map();
  for (const b of frequency) byClass.set(b.className, new Set([...(byClass.get(b.className) ?? []), b.text]));
  for (const [cls, texts] of byClass) assert.equal(texts.size, 1, `${cls}: one wording per level (${[...texts].join(', ')})`);

  await openRoute(page, '#/calculator?protocol=crps-4h&age=70&off=age-65-plus');
  const evidence = (await badges()).filter((b) => /evidence-/.test(b.className));
  assert.ok(evidence.length >= 3, 'the breakdown shows evidence badges');
  for (const b of evidence) assert.ok(['source', 'direction', 'illustrative'].includes(b.text), `evidence badge text "${b.text}"`);
  const off = await page.$$eval('.calc-results tr.step-off', (rows) => rows.map((r) => r.textContent));
  assert.equal(off.length, 1, 'the step switched off by the link');
  for (const row of off) assert.match(row, /switched off/, 'a switched-off step says so in words');
  const offBars = await page.$$eval('.calc-results .bar-off .chart-label', (ts) => ts.map((t) => t.textContent));
  assert.equal(offBars.length, 1, 'its bar');
  for (const label of offBars) assert.match(label, /\(switched off\)$/, 'a switched-off bar says so in its label');
  const invalid = await launch();
  await openRoute(invalid.page, '#/calculator?weight_kg=abc');
  const message = await invalid.page.textContent('#weight-error');
  assert.match(message, /[a-z]{3,}/i, 'an invalid field has a message in words, not only a red border');
  await invalid.context.close();

  for (const fragment of ['#/', '#/factors', '#/phases', '#/candidates', '#/monitoring', '#/evidence', '#/sources']) {
    await openRoute(page, fragment);
    const empty = (await badges()).filter((b) => b.text === '');
    assert.deepEqual(empty, [], `${fragment}: badges without text`);
  }
  await context.close();
});

test('phone: the navigation folds behind a Menu button that works from the keyboard', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: VIEWPORTS.phone });
  await openRoute(page, '#/');
  const toggle = page.locator('nav button[aria-expanded]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  const controls = await toggle.getAttribute('aria-controls');
  assert.ok(controls && await page.$(`#${controls}`), 'aria-controls names the link list');
  assert.equal(await page.isVisible('nav >> text=Side effects'), false, 'links folded on a phone');
  const navHeight = await page.$eval('nav', (n) => n.getBoundingClientRect().height);
  assert.ok(navHeight < 80, `the folded navigation is short (${navHeight}px)`);
  // Keyboard: Tab to the button, Enter opens, Tab walks the links, Escape folds and returns focus.
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.isVisible('nav >> text=Side effects'));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Home');
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'nav-toggle');
  // Space opens it too; following a link changes the page and folds the menu.
  await page.keyboard.press('Space');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.click('nav >> text=Side effects');
  await page.waitForSelector('main[data-route="/side-effects"]');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.isVisible('nav >> text=Sources'), false);
  assert.deepEqual(consoleErrors, []);
  await context.close();

  const desktop = await launch({ viewport: VIEWPORTS.desktop });
  await openRoute(desktop.page, '#/');
  assert.equal(await desktop.page.isVisible('nav button[aria-expanded]'), false, 'no menu button on wide screens');
  assert.ok(await desktop.page.isVisible('nav >> text=Side effects'), 'links always shown on wide screens');
  await desktop.context.close();
});

/** In the page: the styles that survive forced colours, for `el` (and its ::before). */
function survivingStyle(el) {
  const cs = getComputedStyle(el);
  return {
    border: ['top', 'left'].map((side) => `${cs.getPropertyValue(`border-${side}-width`)} ${cs.getPropertyValue(`border-${side}-style`)}`).join(' / '),
    decoration: `${cs.textDecorationLine} ${cs.textDecorationThickness}`,
    weight: cs.fontWeight,
    before: getComputedStyle(el, '::before').content,
  };
}

test('forced colours: the pressed scenario, the current page and the card shown are told apart by more than colour', async () => {
  const { context, page, consoleErrors } = await launch();
  await page.emulateMedia({ forcedColors: 'active' });
  assert.ok(await page.evaluate(() => matchMedia('(forced-colors: active)').matches));
  await openRoute(page, '#/calculator?protocol=crps-4h&s2_protocol=outpatient-consensus');
  await page.waitForSelector('[data-testid="scenario-tab"][aria-pressed="false"]');
  const pressed = await page.$eval('[data-testid="scenario-tab"][aria-pressed="true"]', survivingStyle);
  const unpressed = await page.$eval('[data-testid="scenario-tab"][aria-pressed="false"]', survivingStyle);
  assert.notEqual(pressed.border, unpressed.border, 'border of a pressed scenario button');
  assert.notEqual(pressed.before, unpressed.before, 'check mark of a pressed scenario button');
  // Its label is drawn in HighlightText on Highlight, with no backplate of
  // Canvas behind the text (which had hidden it), and the two differ.
  const label = await page.$eval('[data-testid="scenario-tab"][aria-pressed="true"]', (el) => {
    const cs = getComputedStyle(el);
    return { adjust: cs.forcedColorAdjust, differ: cs.color !== cs.backgroundColor };
  });
  assert.deepEqual(label, { adjust: 'none', differ: true }, 'the pressed scenario button keeps its label');
  const current = await page.$eval('.site-nav a[aria-current="page"]', survivingStyle);
  const other = await page.$eval('.site-nav a:not([aria-current])', survivingStyle);
  assert.notEqual(current.decoration, other.decoration, 'underline of the current page in the navigation');
  assert.notEqual(current.border, other.border, 'frame of the current page in the navigation');
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
    await page.setViewportSize(viewport);
    await openRoute(page, '#/protocols?card=crps-4h');
    await page.waitForSelector('[data-testid="card-row"].current');
    // The row (stacked on a phone) or its first cell carries a thick left border.
    const marks = await page.$$eval('[data-testid="card-row"]', (rows) => rows.map((row) => ({
      current: row.classList.contains('current'),
      left: Math.max(...[row, row.querySelector('th')].map((el) => parseFloat(getComputedStyle(el).borderLeftWidth) || 0)),
    })));
    for (const m of marks) {
      if (m.current) assert.ok(m.left >= 4, `${viewport.width}px: the current card's row has a ${m.left}px left border`);
      else assert.ok(m.left <= 1, `${viewport.width}px: another row has a ${m.left}px left border`);
    }
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a disabled button looks disabled: dashed border and the not-allowed cursor, also in forced colours', async () => {
  const { context, page, consoleErrors } = await launch();
  const look = (el) => {
    const cs = getComputedStyle(el);
    return { disabled: el.disabled, border: cs.borderTopStyle, cursor: cs.cursor };
  };
  for (const forcedColors of ['none', 'active']) {
    await page.emulateMedia({ forcedColors });
    // The diary's export, with no entries.
    await openRoute(page, '#/diary');
    const exported = await page.$eval('[data-testid="diary-export"]', look);
    const enabled = await page.$eval('[data-testid="diary-save"]', look);
    assert.deepEqual(exported, { disabled: true, border: 'dashed', cursor: 'not-allowed' }, `${forcedColors}: diary export`);
    assert.deepEqual(enabled, { disabled: false, border: 'solid', cursor: 'pointer' }, `${forcedColors}: diary save`);
    // The card editor's import, while its text is not a valid card.
    await openRoute(page, '#/protocols?card=crps-4h');
    await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
    await page.waitForSelector('[data-testid="editor-text"]');
    await page.$eval('[data-testid="editor-text"]', (ta) => {
      ta.value = '{';
      ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
    });
    await page.waitForSelector('[data-testid="editor-status"][data-valid="false"]');
    const importing = await page.$eval('[data-testid="editor-import"]', look);
    assert.deepEqual(importing, { disabled: true, border: 'dashed', cursor: 'not-allowed' }, `${forcedColors}: editor import`);
    await page.click('[data-testid="editor-close"]');
    await page.click('[data-testid="editor-discard"]');
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a table that scrolls sideways shows a shadow at the edge with more table, in light and dark mode, not in print', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { context, page, consoleErrors } = await launch({ viewport: { width: 320, height: 740 }, colorScheme });
    await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
    await page.waitForSelector('[data-testid="rate-mg-per-h"]');
    // Laid out only in view (content-visibility: auto).
    await page.$eval('.calc-results .table-scroll', (el) => el.scrollIntoView());
    await settle(page);
    const scroll = () => page.$eval('.calc-results .table-scroll', (el) => {
      const cs = getComputedStyle(el);
      return { image: cs.backgroundImage, attachment: cs.backgroundAttachment, wider: el.scrollWidth > el.clientWidth };
    });
    const shown = await scroll();
    assert.ok(shown.wider, `${colorScheme}: the breakdown table scrolls sideways at 320 px`);
    assert.equal((shown.image.match(/gradient\(/g) ?? []).length, 4, `${colorScheme}: ${shown.image}`);
    assert.equal(shown.attachment, 'local, local, scroll, scroll');
    // The covers are the page's own background, so only the shadows show.
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.ok(shown.image.startsWith(`linear-gradient(to right, ${bg} 40%`), `${colorScheme}: cover ${shown.image} on ${bg}`);
    await page.emulateMedia({ media: 'print' });
    assert.equal((await scroll()).image, 'none', `${colorScheme}: no shadow in print`);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

for (const [width, fragment] of [
  [360, '#/calculator?protocol=crps-4h&weight_kg=70'],
  // A long "stopped" reason: the bar keeps to three lines.
  [320, '#/calculator?protocol=crps-4h&weight_kg=70&pregnant_or_breastfeeding=true'],
]) test(`phone: the sticky rate bar never covers the control that has focus while tabbing through the form (WCAG 2.4.11), ${width} px, ${fragment}`, async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width, height: 740 } });
  await openRoute(page, fragment);
  await page.waitForSelector('[data-testid="phone-rate"]:not(:empty)');
  await page.focus('.calc-inputs select, .calc-inputs input');
  const covered = [];
  let steps = 0;
  for (;;) {
    await settle(page);
    const state = await page.evaluate(() => {
      const el = document.activeElement;
      const form = document.querySelector('.calc-inputs');
      if (!el || !form.contains(el)) return null;
      const bar = document.querySelector('[data-testid="phone-rate"]').getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const overlap = r.bottom > bar.top && r.top < bar.bottom && r.right > bar.left && r.left < bar.right;
      return { what: `${el.tagName.toLowerCase()}#${el.id}`, top: Math.round(r.top), bottom: Math.round(r.bottom), bar: Math.round(bar.top), overlap };
    });
    if (state === null) break;
    steps += 1;
    if (state.overlap) covered.push(`${state.what}: ${state.top}-${state.bottom}px, the bar from ${state.bar}px`);
    await page.keyboard.press('Tab');
    assert.ok(steps < 200, 'Tab leaves the form');
  }
  assert.ok(steps > 20, `${steps} controls tabbed through`);
  assert.deepEqual(covered, [], 'focused controls under the rate bar');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('diary chart: its image is named by the summary, and the legend does not name the figure', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/diary');
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), DIARY);
  await page.reload();
  await page.waitForSelector('[data-testid="diary-chart"] text');
  const summary = await page.textContent('#diary-chart-title');
  assert.ok(summary.length > 20, summary);
  // Names as the accessible-name rules give them (Playwright's own
  // computation: Chromium's tree leaves a figure's caption out, other
  // browsers do not). The figure carries no name of its own: a caption made
  // it the whole legend ("Pain (0 no pain, …) Sleep …").
  const snapshot = await page.locator('.diary-chart').ariaSnapshot();
  assert.match(snapshot, /^- figure:\n/, snapshot);
  assert.equal(await page.getByRole('img', { name: summary, exact: true }).count(), 1);
  assert.equal(await page.locator('.diary-chart .diary-legend li').count(), 4);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('diary chart: its text is at least 12 px and its markers 8 px on screen from 320 px up, and no label is clipped', async () => {
  for (const width of [320, 360, 480, 640, 800]) {
    const { context, page, consoleErrors } = await launch({ viewport: { width, height: 800 } });
    await openRoute(page, '#/diary');
    await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), DIARY);
    await page.reload();
    await page.waitForSelector('[data-testid="diary-chart"] text');
    const labels = await page.evaluate(() => {
      const svg = document.querySelector('[data-testid="diary-chart"]');
      const figure = svg.closest('figure');
      const box = svg.getBoundingClientRect();
      const room = figure.getBoundingClientRect().top - parseFloat(getComputedStyle(figure).marginTop);
      const visible = getComputedStyle(svg).overflow === 'visible';
      // A label left out on a narrow screen (the middle day) is not drawn.
      return [...svg.querySelectorAll('text')].filter((t) => getComputedStyle(t).display !== 'none').map((t) => {
        const r = t.getBoundingClientRect();
        const inside = r.top >= box.top && r.left >= box.left && r.right <= box.right && r.bottom <= box.bottom;
        // Past the drawing's edge only where it is drawn and on screen.
        const shown = inside || (visible && r.top >= room && r.left >= 0 && r.right <= innerWidth);
        return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a, height: r.height, shown };
      });
    });
    assert.ok(labels.some((l) => l.text === '10'), `${width}px: the 10 label`);
    // Three day labels where they fit, the first and last on a phone.
    assert.equal(labels.filter((l) => /\d{4}$/.test(l.text)).length, width <= 360 ? 2 : 3, `${width}px`);
    for (const l of labels) {
      assert.ok(l.px >= 11.95 && l.height >= 12, `${width}px: "${l.text}" is ${l.px.toFixed(1)} px (box ${l.height.toFixed(1)} px)`);
      assert.ok(l.shown, `${width}px: "${l.text}" is clipped`);
    }
    // Each score's markers and an infusion's triangle: the drawn shape (7
    // and 10 units, scaled) and its outline in screen px.
    const markers = await page.$$eval('[data-testid="diary-chart"] :is(.chart-markers, .chart-infusion path)', (paths) => paths.map((p) => {
      const shape = p.getAttribute('class') === 'chart-markers' ? 7 : 10;
      return shape * p.getScreenCTM().a + parseFloat(getComputedStyle(p).strokeWidth);
    }));
    assert.ok(markers.length >= 4, `${width}px: ${markers.length} marker paths`);
    for (const size of markers) assert.ok(size >= 7.95, `${width}px: a marker ${size.toFixed(2)} px wide`);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test('text at 200% on a 320 px phone: no page scrolls sideways, and every frequency choice is whole (WCAG 1.4.4)', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width: 320, height: 640 } });
  const pages = [...ROUTES.map(([fragment]) => fragment), '#/side-effects?view=patient', '#/phases?view=patient',
    '#/calculator?protocol=crps-continuous&weight_kg=70'];
  for (const fragment of pages) {
    await openRoute(page, fragment);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    await settle(page);
    // Tables and the chart scroll inside their own boxes; the page does not.
    const wide = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      over: [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-scroll, table, svg'))
        .slice(0, 3).map((e) => `${e.tagName}.${e.className}: ${(e.textContent || '').trim().slice(0, 40)}`),
    }));
    assert.deepEqual(wide, { page: 320, over: [] }, fragment);
    // The skip link, two lines tall at this size, is wholly above the page until focused.
    assert.ok(await page.$eval('.skip-link', (a) => a.getBoundingClientRect().bottom <= 0), `${fragment}: the skip link shows`);
  }
  // The frequency filter's choices wrap: none is cut short, as a list's was.
  await openRoute(page, '#/side-effects');
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await settle(page);
  const choices = await page.$$eval('#se-frequency label', (labels) => labels.map((l) => {
    const box = l.getBoundingClientRect();
    return { text: l.textContent.trim(), whole: l.scrollWidth <= l.clientWidth + 1 && box.right <= innerWidth };
  }));
  assert.deepEqual(choices.map((c) => c.text), ['All', 'Common', 'Less common', 'Rare', 'Not given in the source article']);
  assert.ok(choices.every((c) => c.whole), JSON.stringify(choices));
  await page.check('#se-frequency input[value=not-graded]');
  await page.waitForFunction(() => location.hash.endsWith('frequency=not-graded'));
  // Three scenarios to compare: no word of a scenario button, nor "Remove",
  // is broken across lines ("Remo-ve" at 100 %, a letter a line at 200 %).
  for (const text of ['100%', '200%']) {
    await openRoute(page, '#/calculator?protocol=crps-4h&s2_protocol=outpatient-consensus&s3_protocol=headache-inpatient');
    await page.waitForSelector('[data-scenario="3"] [data-testid="rate-mg-per-h"]');
    await page.evaluate((t) => { document.documentElement.style.fontSize = t; }, text);
    await settle(page);
    const broken = await page.$$eval('.scenario-bar button', (buttons) => buttons.flatMap((b) => {
      const pieces = [];
      const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A word, or the part of one up to a hyphen (where a line may end).
        for (const m of node.data.matchAll(/[^\s-]+-?/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (tops.size > 1) pieces.push(`${b.getAttribute('aria-label') || b.textContent}: "${m[0]}"`);
        }
      }
      return pieces;
    }));
    assert.equal(await page.$$eval('.scenario-bar button.remove', (b) => b.length), 3);
    assert.deepEqual(broken, [], text);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('calculator at 200% zoom and 1024 px: a link that takes focus in the step-by-step table is scrolled clear of the What if switches (WCAG 2.4.11)', async () => {
  const links = [
    '#/calculator?protocol=outpatient-consensus&weight_kg=120&height_cm=165&sex=female&age_years=80&medications=diazepam&hepatic=mild',
    '#/calculator?protocol=outpatient-consensus&weight_kg=123&height_cm=160&sex=female&age_years=70&hepatic=moderate&cyp2b6=poor&medications=clarithromycin,other_antidepressant,opioid&infusion_number=4&pain=crps',
  ];
  for (const [width, height] of [[640, 400], [1024, 768]]) for (const link of links) {
    const { context, page, consoleErrors } = await launch({ viewport: { width, height } });
    await openRoute(page, link);
    await page.waitForSelector('.calc-results table.breakdown.with-toggles');
    await page.focus('.calc-results table.breakdown a');
    const covered = [];
    let citations = 0;
    let switches = 0;
    for (let i = 0; i < 80; i += 1) {
      await settle(page);
      const r = await page.evaluate(() => {
        const el = document.activeElement;
        const table = el?.closest('.calc-results table.breakdown');
        if (!table) return null;
        const scroller = table.closest('.table-scroll');
        const cell = el.closest('td, th');
        const sticky = cell.parentElement.lastElementChild;
        const box = el.getBoundingClientRect();
        if (cell === sticky) return { text: el.textContent.trim(), sticky: true, scrollLeft: scroller.scrollLeft };
        const edge = sticky.getBoundingClientRect().left;
        return { text: el.textContent.trim(), citation: /^\[/.test(el.textContent.trim()), right: box.right, edge, left: box.left, start: scroller.getBoundingClientRect().left };
      });
      if (r === null) break;
      if (r.sticky) switches += 1;
      else {
        if (r.citation) citations += 1;
        if (r.right > r.edge + 0.5 || r.left < r.start - 0.5) covered.push(`${r.text} ${Math.round(r.left)}..${Math.round(r.right)} (switches from ${Math.round(r.edge)})`);
      }
      await page.keyboard.press('Tab');
    }
    assert.ok(citations >= 5 && switches >= 1, `${width}px: ${citations} citations, ${switches} switches`);
    assert.deepEqual(covered, [], `${width}px ${link}`);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test('on a touch screen: no field a phone would zoom into, no autocorrect in the card JSON or the search, Edit and Delete apart', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const small = [];
  const fields = async (where) => {
    const found = await page.$$eval('main :is(input:not([type=checkbox]):not([type=radio]):not([type=file]), select, textarea)', (els) => els
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ id: el.id || el.name || el.tagName, px: parseFloat(getComputedStyle(el).fontSize) })));
    assert.ok(found.length > 0, `${where}: fields found`);
    for (const f of found) if (f.px < 16) small.push(`${where} #${f.id}: ${f.px} px`);
  };
  for (const route of ['#/calculator', '#/schedule', '#/diary', '#/side-effects']) {
    await openRoute(page, route);
    await settle(page);
    await fields(route);
  }
  assert.equal(await page.getAttribute('#se-search', 'autocapitalize'), 'none');
  await openRoute(page, '#/protocols?card=crps-4h');
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  await fields('#/protocols editor');
  assert.deepEqual(small, [], 'fields under 16 px');
  assert.equal(await page.getAttribute('#card-editor-text', 'autocapitalize'), 'off');
  assert.equal(await page.getAttribute('#card-editor-text', 'autocorrect'), 'off');
  assert.equal(await page.getAttribute('#card-editor-text', 'spellcheck'), 'false');
  // A diary entry's Edit and Delete: a finger's gap between them.
  await openRoute(page, '#/diary');
  await page.selectOption('#diary-pain', '4');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-delete"]');
  const gap = await page.evaluate(() => document.querySelector('[data-testid="diary-delete"]').getBoundingClientRect().left
    - document.querySelector('[data-testid="diary-edit"]').getBoundingClientRect().right);
  assert.ok(gap >= 12, `Edit and Delete ${gap.toFixed(1)} px apart`);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
