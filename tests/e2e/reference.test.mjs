// End-to-end: the reference pages (factors, phases, side effects, candidates,
// monitoring, evidence, sources) on the built app. Each page shows its
// content; the side-effect frequency filter and text search change the rows
// exactly as expected; the patient view shows no dose numbers; citations lead
// to the sources page; no page scrolls sideways on a 360 px phone; and the
// console stays free of errors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, linkRowDots } from './helpers.mjs';

const BASE_URL = (process.env.BASE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');

let browserToClose;
after(async () => {
  if (browserToClose) await browserToClose.close().catch(() => {});
});

async function start(options) {
  const session = await launch(options);
  browserToClose = session.browser;
  return session;
}

/** Opens '#/<path>' and waits until the app shows that page. */
async function open(page, path) {
  await page.goto(`${BASE_URL}/#${path}`);
  await page.waitForSelector(`main[data-route="${path}"]`, { timeout: 15000 });
}

const count = (page, selector) => page.locator(selector).count();

/** Waits until exactly `n` side-effect rows are shown, then checks it. */
async function expectRows(page, n, message) {
  await page
    .waitForFunction(
      (expected) => document.querySelectorAll('[data-testid="side-effect-row"]').length === expected,
      n,
      { timeout: 5000 },
    )
    .catch(() => {});
  assert.equal(await count(page, '[data-testid="side-effect-row"]'), n, message);
}

const SEED_TABLE_1 = [
  ['Body weight & metabolism', 'Determines initial milligram per kilogram calculation', 'Higher weight may mean higher baseline dose'],
  ['Pain type', 'Neuropathic vs musculoskeletal pain respond differently', 'Neuropathic pain may need longer infusions'],
  ['Medical conditions', 'Liver, heart, or blood pressure conditions alter safety', 'Patients with hypertension may receive lower doses'],
  ['Concurrent medications', 'Drug interactions may change ketamine metabolism', 'Antidepressants may require slower titration'],
  ['Genetics & age', 'Enzyme activity and age affect drug breakdown', 'Older adults may require lower doses'],
];
const SEED_TABLE_2 = [
  ['Initial/loading', '4–6 infusions over 2 weeks', 'Establish response and determine effective dose'],
  ['Adjustment/titration', '1–2 infusions as needed', 'Fine-tune balance between relief and side effects'],
  ['Maintenance', 'Every 4–8 weeks', 'Sustain benefits over time'],
];
const SEED_TABLE_3 = [
  ['Dizziness/lightheadedness', 'Common', 'Resolves within 1–2 hours'],
  ['Blurred or double vision', 'Common', 'Resolves within 1–2 hours'],
  ['Nausea or vomiting', 'Common', 'Resolves same day'],
  ['Elevated blood pressure', 'Less common', 'During infusion only'],
  ['Anxiety or confusion', 'Less common', 'Can last several hours'],
  ['Bladder irritation (with long-term misuse)', 'Rare', 'Develops over months to years'],
  ['Heart rhythm changes', 'Rare', 'Immediate, requires monitoring'],
];

test('factors page: the seed table, five groups and their anchored entries', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/factors');
  const rows = await page.$$eval('[data-testid="seed-table-1"] tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
  );
  assert.deepEqual(rows, SEED_TABLE_1);
  assert.equal(await count(page, '[data-testid="factor-group"]'), 5);
  for (const id of ['body-weight-metabolism', 'pain-type', 'medical-conditions', 'concurrent-medications', 'genetics-age',
    'dosing-weight-obesity', 'cyp3a4-inhibitors', 'cyp-inducers', 'benzodiazepines', 'theophylline', 'renal-impairment']) {
    assert.equal(await count(page, `main [id="${id}"]`), 1, `anchor ${id}`);
  }
  const text = await page.textContent('main');
  for (const needle of ['3.6-fold', '2.6-fold', '2.4-fold', '86%', '130%', '45.5 kg plus 2.3 kg', 'including dialysis']) {
    assert.ok(text.includes(needle), needle);
  }
  assert.ok((await count(page, 'main a.cite[href^="#/sources?entry=source-"]')) > 20, 'numbers are cited');
  assert.ok((await count(page, '[data-testid="unverified-badge"]')) > 0, 'unverified figures are flagged');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('an ?entry= link focuses its entry; one the page does not have says so', async () => {
  const { page, context, consoleErrors } = await start();
  await page.goto(`${BASE_URL}/#/factors?entry=older-age`);
  await page.waitForSelector('main[data-route="/factors"]');
  await page.waitForFunction(() => document.activeElement?.id === 'older-age');
  assert.equal(await page.$('[data-testid="missing-entry"]'), null);
  await page.goto(`${BASE_URL}/#/factors?entry=no-such-entry`);
  await page.waitForSelector('[data-testid="missing-entry"]');
  assert.match(await page.textContent('[data-testid="missing-entry"]'), /no entry “no-such-entry”/);
  // A malformed id is never looked for, and said to be missing, decoded
  // as page text (never markup).
  await page.goto(`${BASE_URL}/#/factors?entry=%3Cb%3Ebad%20id`);
  await page.waitForFunction(() => document.querySelector('[data-testid="missing-entry"]')?.textContent.includes('\u201c<b>bad id\u201d'));
  assert.equal(await page.$('[data-testid="missing-entry"] b'), null);
  // A route typed with capitals is the same page, entry and all.
  await page.goto(`${BASE_URL}/#/Factors?entry=older-age`);
  await page.waitForSelector('main[data-route="/factors"]');
  await page.waitForFunction(() => document.activeElement?.id === 'older-age');
  // An entry revealed by a click is outlined too (a projector's audience
  // must see which one is meant), not only after the keyboard.
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'solid');
  // Following a good link again clears the message.
  await page.goto(`${BASE_URL}/#/sources?entry=source-R2`);
  await page.waitForFunction(() => document.activeElement?.id === 'source-R2');
  assert.equal(await page.$('[data-testid="missing-entry"]'), null);
  // From an entry lower down the same page to one it lacks: shown from the
  // top, as the notice says, with the notice in view.
  await page.goto(`${BASE_URL}/#/sources?entry=source-R30`);
  await page.waitForFunction(() => document.activeElement?.id === 'source-R30');
  assert.ok(await page.evaluate(() => window.scrollY > 300));
  await page.evaluate(() => { location.hash = '#/sources?entry=source-R99'; });
  await page.waitForSelector('[data-testid="missing-entry"]');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('factors page: a factor\'s calculator link opens a scenario in which that factor fires', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/factors');
  const link = page.locator('#older-age [data-testid="calculator-factors"] a[data-factor-id="age-65-plus"]');
  assert.equal(await link.count(), 1, 'the older-age entry links to its calculator factor');
  await link.click();
  await page.waitForSelector('[data-testid="factor-step"][data-factor-id="age-65-plus"]');
  assert.equal(await page.inputValue('#age'), '65');
  assert.match(page.url(), /#\/calculator\?protocol=outpatient-consensus&/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('phases page: seed stages, both seeds where they differ, published regimens', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/phases');
  const rows = await page.$$eval('[data-testid="seed-table-2"] tbody tr', (trs) =>
    trs.map((tr) => [...tr.children].map((cell) => cell.textContent.trim())),
  );
  assert.deepEqual(rows, SEED_TABLE_2);
  assert.equal(await count(page, '[data-testid="stage"]'), 3);
  const differences = await page.textContent('[data-testid="seed-differences"]');
  for (const needle of ['4–6 infusions over 2 weeks', '4–6 infusions over 4–7 days', '6–8 infusions over 2–3 weeks',
    '40 minutes to several hours', '1–2 hours']) {
    assert.ok(differences.includes(needle), needle);
  }
  const studies = await page.$$eval('[data-testid="regimen-row"] th', (ths) => ths.map((th) => th.textContent));
  for (const study of ['Schwartzman 2009', 'Sigtermans 2009', 'Goldberg 2005', 'Goldberg 2010', 'Correll 2004',
    'Kiefer 2008', 'Patil & Anitescu 2012', 'Noppers 2011', 'Cohen 2006', 'Schwenk 2018', 'Pomeroy 2017']) {
    assert.ok(studies.some((s) => s.startsWith(study)), study);
  }
  assert.ok((await count(page, '[data-testid="regimen-table"] [data-testid="unverified-badge"]')) >= 5);
  assert.equal(await page.getAttribute('.table-scroll', 'tabindex'), '0');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('phases page: on a 1280 px screen the regimens table fits its box, no column hidden off to the right', async () => {
  const { page, context } = await start({ viewport: { width: 1280, height: 900 } });
  await open(page, '/phases');
  const [client, scroll] = await page.$eval('.table-scroll:has([data-testid="regimen-table"])', (b) => [b.clientWidth, b.scrollWidth]);
  // It was 34 px too wide (1,152 px in a 1,118 px box).
  assert.ok(scroll <= client, `${scroll} px of table in a ${client} px box`);
  // Narrower, it still scrolls inside its box rather than the page.
  await page.setViewportSize({ width: 1024, height: 900 });
  const [c2, s2, page2] = await page.$eval('.table-scroll:has([data-testid="regimen-table"])', (b) => [b.clientWidth, b.scrollWidth, document.documentElement.scrollWidth - window.innerWidth]);
  assert.ok(s2 > c2 && page2 <= 0, `1024 px: ${s2} in ${c2}, page ${page2}`);
  await context.close();
});

test('side effects: every seed row with frequency and duration, grouped', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/side-effects');
  await expectRows(page, 10);
  for (const [name, frequency, duration] of SEED_TABLE_3) {
    const card = page.locator('[data-testid="side-effect-row"]', { has: page.locator('h3', { hasText: name }) });
    assert.equal(await card.count(), 1, name);
    assert.equal((await card.locator('[data-testid="frequency"]').textContent()).trim(), frequency, name);
    assert.ok((await card.locator('[data-testid="duration"]').textContent()).includes(duration), name);
  }
  // The other three are marked as not rows of that table (two of them come
  // from the article's text, so the mark does not say "from the literature").
  const marked = await page.$$eval('[data-testid="side-effect-row"]:has([data-testid="not-in-table"]) h3', (hs) => hs.map((h) => h.textContent));
  assert.equal(marked.length, 10 - SEED_TABLE_3.length);
  assert.equal(await page.textContent('[data-testid="not-in-table"] >> nth=0'), 'Not in the source article\'s table');
  const groups = await page.$$eval('[data-testid="side-effect-group"] h2', (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(groups, ['During and shortly after an infusion', 'Serious reactions', 'Long-term concerns']);
  assert.ok((await page.textContent('main')).includes('What staff do'));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('side effects: the frequency filter and the text search change the rows exactly', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/side-effects');
  await expectRows(page, 10, 'all at first');

  const expected = { common: 3, 'less-common': 2, rare: 2, 'not-graded': 3 };
  for (const [value, n] of Object.entries(expected)) {
    await page.check(`#se-frequency input[value=${value}]`);
    await expectRows(page, n, `filter ${value}`);
    const frequencies = await page.$$eval('[data-testid="side-effect-row"]', (rows) => rows.map((r) => r.dataset.frequency));
    assert.deepEqual(frequencies, Array(n).fill(value));
    assert.match(await page.textContent('[data-testid="side-effect-count"]'), new RegExp(`Showing ${n} of 10`));
  }
  await page.check('#se-frequency input[value=all]');
  await expectRows(page, 10, 'filter cleared');

  await page.fill('#se-search', 'vision');
  await expectRows(page, 1, 'search "vision"');
  assert.ok((await page.textContent('[data-testid="side-effect-row"] h3')).includes('Blurred or double vision'));

  await page.fill('#se-search', 'heart');
  await page.check('#se-frequency input[value=rare]');
  await expectRows(page, 1, 'rare + "heart"');
  assert.ok((await page.textContent('[data-testid="side-effect-row"] h3')).includes('Heart rhythm changes'));

  await page.fill('#se-search', 'zzzz');
  await expectRows(page, 0, 'no match');
  assert.match(await page.textContent('[data-testid="side-effect-count"]'), /No side effect matches/);

  // Enter in the search box must not reload the page or lose the state.
  await page.press('#se-search', 'Enter');
  assert.equal(await page.inputValue('#se-search'), 'zzzz');

  await page.fill('#se-search', '');
  await page.check('#se-frequency input[value=all]');
  await expectRows(page, 10, 'everything again');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('side effects: the filter and the search are in the address, so Back from a citation returns to the same list', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/side-effects');
  await page.check('#se-frequency input[value=rare]');
  await page.fill('#se-search', 'bladder');
  await expectRows(page, 1, 'rare + "bladder"');
  assert.match(page.url(), /#\/side-effects\?frequency=rare&search=bladder$/);
  await page.click('[data-testid="side-effect-row"] a[href^="#/sources"]');
  await page.waitForSelector('main[data-route="/sources"]');
  await page.goBack();
  await page.waitForSelector('main[data-route="/side-effects"]');
  await expectRows(page, 1, 'the same list after Back');
  assert.equal(await page.inputValue('#se-frequency input:checked'), 'rare');
  assert.equal(await page.inputValue('#se-search'), 'bladder');
  // The patient view joins them; a link to the page without them clears them.
  await page.check('[data-testid="view-patient"]');
  assert.match(page.url(), /\?view=patient&frequency=rare&search=bladder$/);
  await page.reload();
  await page.waitForSelector('main[data-route="/side-effects"]');
  await expectRows(page, 1, 'reloaded');
  assert.equal(await page.isChecked('[data-testid="view-patient"]'), true);
  // The menu's link keeps the reader's view and nothing else.
  assert.equal(await page.getAttribute('.site-nav a:text-is("Side effects")', 'href'), '#/side-effects?view=patient');
  await page.click('.site-nav a:text-is("Side effects")');
  await expectRows(page, 10, 'the navigation link: everything');
  assert.equal(await page.inputValue('#se-search'), '');
  assert.equal(await page.isChecked('[data-testid="view-patient"]'), true);
  // From a filtered list, an address naming an entry the filter hid: the
  // list is the new address's at once, so the entry is found, not missing.
  await page.check('#se-frequency input[value=rare]');
  await expectRows(page, 2, 'rare again');
  await page.evaluate(() => { location.hash = '#/side-effects?entry=dizziness'; });
  await page.waitForFunction(() => document.activeElement?.id === 'dizziness');
  assert.equal(await page.$('[data-testid="missing-entry"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a reader who switched to plain language gets it again from the menu, until switching back', async () => {
  const { page, context, consoleErrors } = await start({ viewport: { width: 1280, height: 900 } });
  await open(page, '/side-effects');
  const navHref = (name) => page.getAttribute(`nav a:text-is("${name}")`, 'href');
  assert.equal(await navHref('Treatment phases'), '#/phases');
  await page.check('[data-testid="view-patient"]');
  await page.waitForSelector('[data-testid="patient-view"]');
  assert.equal(await navHref('Treatment phases'), '#/phases?view=patient');
  await page.click('nav a:text-is("Treatment phases")');
  await page.waitForSelector('main[data-route="/phases"] [data-view="patient"]');
  // Through other pages too.
  await page.click('nav a:text-is("Patient diary")');
  await page.waitForSelector('main[data-route="/diary"]');
  await page.click('nav a:text-is("Side effects")');
  await page.waitForSelector('[data-testid="patient-view"]');
  // Back to the clinical view: the menu follows.
  await page.check('[data-testid="view-clinical"]');
  await page.waitForSelector('[data-testid="duration"]');
  assert.equal(await navHref('Treatment phases'), '#/phases');
  await page.click('nav a:text-is("Treatment phases")');
  await page.waitForSelector('main[data-route="/phases"] [data-testid="seed-table-2"]');
  assert.equal(await page.$('[data-view="patient"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('side effects at 200 % text on a phone: each frequency and view choice keeps its round button whole', async () => {
  // 180 px of CSS width is the layout of a 360 px phone zoomed to 200 %
  // (the scale of 4 only sharpens the pixels).
  const { page, context } = await start({ viewport: { width: 180, height: 370 }, deviceScaleFactor: 4 });
  await open(page, '/side-effects');
  const sizes = await page.$$eval('.view-toggle input', (rs) => rs.map((r) => { const b = r.getBoundingClientRect(); return [Math.round(b.width), Math.round(b.height)]; }));
  // The two views, then five frequencies.
  assert.equal(sizes.length, 7);
  // A label that wraps to several lines ("Patient (plain language)", "Not
  // given in the source article") squeezed its button (to 13 px wide).
  for (const size of sizes) assert.deepEqual(size, sizes[0]);
  assert.equal(sizes[0][0], sizes[0][1]);
  await context.close();
});

test('side effects on a phone: the count a frequency choice changes is just under the choices', async () => {
  const { page, context } = await start({ viewport: { width: 360, height: 740 } });
  await open(page, '/side-effects');
  await page.check('#se-frequency input[value=rare]');
  await expectRows(page, 2, 'rare');
  const gap = await page.evaluate(() => document.querySelector('[data-testid="side-effect-count"]').getBoundingClientRect().top
    - document.querySelector('#se-frequency').getBoundingClientRect().bottom);
  // The search and the view's choices were between them (about 230 px).
  assert.ok(gap >= 0 && gap <= 48, `${gap} px`);
  await context.close();
});

test('side effects: the patient view is plain language with no dose numbers', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/side-effects');
  await page.check('[data-testid="view-patient"]');
  await page.waitForSelector('[data-testid="patient-view"]');
  assert.equal(await count(page, '[data-testid="patient-view"]'), 10);
  const text = await page.innerText('main');
  for (const label of ['What it may feel like', 'How long it usually lasts', 'When to tell staff']) {
    assert.ok(text.includes(label), label);
  }
  assert.doesNotMatch(text, /\bmg\b/i, 'no "mg" in the patient view');
  assert.doesNotMatch(text, /\b(mcg|mL|kg)\b/, 'no dose units in the patient view');
  assert.doesNotMatch(text, /µg/);
  // Where a row came from is for the clinical view only.
  assert.equal(await count(page, '[data-testid="not-in-table"]'), 0);
  // Only how long an effect lasts cites its source, in every card.
  assert.equal(await count(page, '[data-testid="patient-how-long"]'), 10);
  assert.equal(await count(page, '[data-testid="patient-how-long"]:not(:has(a.cite))'), 0, 'every duration cites');
  assert.equal(await count(page, 'main a.cite'), await count(page, '[data-testid="patient-how-long"] a.cite'));
  // The filter still works in the patient view.
  await page.check('#se-frequency input[value=common]');
  await expectRows(page, 3, 'patient view, common');
  await page.check('[data-testid="view-clinical"]');
  await page.waitForSelector('[data-testid="duration"]');
  assert.ok((await page.innerText('main')).includes('What staff do'));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('candidates page: the five groups, the three cautions and consensus grades', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/candidates');
  const notCandidates = await page.$$eval('[data-testid="not-candidate"] h3', (hs) => hs.map((h) => h.textContent));
  assert.deepEqual(notCandidates, [
    'Uncontrolled high blood pressure',
    'Severe heart disease',
    'Active psychosis',
    'Significant substance misuse',
    'Pregnancy or breastfeeding',
  ]);
  const caution = await page.$$eval('[data-testid="caution"] h3', (hs) => hs.map((h) => h.textContent));
  for (const name of ['Liver disease', 'Glaucoma', 'Children and adolescents']) {
    assert.ok(caution.includes(name), name);
  }
  const psychosis = await page.textContent('#active-psychosis');
  assert.ok(psychosis.includes('Grade B, low certainty'));
  assert.ok((await page.textContent('#children-adolescents')).includes('No consensus grade'));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('monitoring page: vital signs, the session, routes and the mechanism', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/monitoring');
  const text = await page.textContent('main');
  for (const needle of ['Blood pressure, heart rate and oxygen', 'must not drive home', 'calm room with the lights turned down',
    'from start to finish', 'about 45%', 'about 20%']) {
    assert.ok(text.includes(needle), needle);
  }
  const mechanism = await page.textContent('[data-testid="mechanism"]');
  assert.ok(mechanism.includes('NMDA') && mechanism.includes('central sensitisation'));
  const routes = await page.$$eval('[data-testid="route"] h3', (hs) => hs.map((h) => h.textContent));
  assert.equal(routes[0], 'Intravenous (IV)');
  assert.equal(routes.length, 5);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('evidence page: every condition with its consensus grade', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/evidence');
  assert.equal(await count(page, '[data-testid="evidence-row"]'), 8);
  assert.ok((await page.textContent('#evidence-crps')).includes('Grade B, low to moderate certainty'));
  assert.equal(await count(page, '[data-testid="evidence-row"] [data-grade="D"]'), 5);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('evidence page: no section heading repeats the page title', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/evidence');
  const h1 = (await page.textContent('main h1')).trim();
  const h2s = await page.$$eval('main h2', (hs) => hs.map((h) => h.textContent.trim()));
  assert.equal(h1, 'Evidence by condition');
  assert.ok(h2s.length >= 5, h2s.join(' | '));
  assert.ok(!h2s.includes(h1), `an h2 repeats the h1: ${h2s.join(' | ')}`);
  assert.equal(new Set(h2s).size, h2s.length, 'every h2 is different');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('sources page: every source by kind, with anchors and links to what cites it', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/sources');
  const kinds = await page.$$eval('[data-testid="source-kind"]', (ss) => ss.map((s) => s.dataset.kind));
  assert.deepEqual(kinds, ['seed', 'guideline', 'trial', 'review', 'label', 'secondary']);
  const ids = await page.$$eval('[data-testid="source"]', (ls) => ls.map((l) => l.id));
  assert.ok(ids.length > 60, `${ids.length} sources`);
  for (const id of ['seed-dosing', 'seed-frequency', 'R1', 'R2', 'R7', 'R44', 'R51']) {
    assert.ok(ids.includes(`source-${id}`), id);
  }
  assert.equal(new Set(ids).size, ids.length, 'anchors are unique');
  // A "cited by" link opens the page of the citing item, at that item.
  await page.click('#source-R44 [data-testid="cited-by"] a[href="#/factors?entry=cyp3a4-inhibitors"]');
  await page.waitForSelector('main[data-route="/factors"]');
  await page.waitForFunction(() => document.activeElement?.id === 'cyp3a4-inhibitors');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

/** Opens every folded "Cited by" list of the sources page. */
async function unfoldCitedBy(page) {
  const folded = await page.$$eval('details[data-testid="cited-by"]', (ds) => ds.map((d) => { d.open = true; return d.open; }));
  assert.ok(folded.length >= 5 && folded.every(Boolean), `${folded.length} folded lists`);
}

test('sources page: a "Cited by" list of more than six entries starts folded under its count, and opens from the keyboard', async () => {
  for (const [width, text] of [[1280, '100%'], [320, '200%']]) {
    const { page, context, consoleErrors } = await start({ viewport: { width, height: 800 } });
    await open(page, '/sources');
    await page.evaluate((t) => { document.documentElement.style.fontSize = t; }, text);
    const lists = await page.$$eval('[data-testid="cited-by"]', (cs) => cs.map((c) => ({
      source: c.closest('li').id,
      tag: c.tagName,
      open: c.tagName === 'DETAILS' ? c.open : true,
      label: c.querySelector('.cited-by-label')?.textContent ?? '',
      links: c.querySelectorAll('a').length,
      shown: [...c.querySelectorAll('a')].filter((a) => a.checkVisibility()).length,
    })));
    const long = lists.filter((l) => l.links > 6);
    const short = lists.filter((l) => l.links <= 6 && l.label === 'Cited by: ');
    // The seed on dosing is cited by more than 40 entries; a single citing entry is the commonest case.
    assert.ok(long.some((l) => l.source === 'source-seed-dosing' && l.links > 40), JSON.stringify(long));
    assert.ok(short.some((l) => l.links === 1) && short.some((l) => l.links === 6), `${width}px: short lists`);
    for (const l of long) {
      assert.deepEqual([l.tag, l.open, l.label, l.shown], ['DETAILS', false, `Cited by ${l.links} entries`, 0], l.source);
    }
    for (const l of short) {
      assert.deepEqual([l.tag, l.shown], ['DIV', l.links], l.source);
    }
    // Folded, the seed's entry is a few lines tall; opened from the keyboard, its links are there to follow.
    const entry = '#source-seed-dosing';
    const height = () => page.$eval(entry, (e) => e.getBoundingClientRect().height);
    const folded = await height();
    assert.ok(folded < (width === 320 ? 1600 : 200), `${width}px: folded entry ${folded}px tall`);
    await page.focus(`${entry} summary`);
    await page.keyboard.press('Enter');
    await page.waitForFunction((e) => document.querySelector(`${e} details`).open, entry);
    const links = await page.$$eval(`${entry} details a`, (as) => as.filter((a) => a.checkVisibility()).length);
    assert.equal(links, long.find((l) => l.source === 'source-seed-dosing').links);
    assert.ok(await height() > folded * 2, `${width}px: opened`);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test('sources page: "cited by" rows put a dot between two links on a line, none hanging at a line\'s end or leading the next', async () => {
  for (const width of [360, 1280]) {
    const { page, context } = await start({ viewport: { width, height: 800 } });
    await open(page, '/sources');
    await unfoldCitedBy(page);
    const items = (await linkRowDots(page, '[data-testid="cited-by"]')).flat();
    assert.ok(items.length > 100, `${width}px: ${items.length} links`);
    const wrong = items.filter((i) => i.dot === i.lineStart || !i.linkWhole);
    assert.deepEqual(wrong, [], `${width}px`);
    // On a desktop both kinds occur: links that start a line, and links after
    // a dot (on a phone each is long enough to take a line of its own).
    if (width === 1280) assert.ok(items.some((i) => i.dot) && items.some((i) => i.lineStart && i !== items[0]), 'desktop');
    await context.close();
  }
});

test('sources page: "cited by" links lead to the citing entry itself, and are targets at least 24 px tall', async () => {
  const { page, context, consoleErrors } = await start({ viewport: { width: 360, height: 740 } });
  await open(page, '/sources');
  await unfoldCitedBy(page);
  // A link that wraps is one box per line.
  const links = await page.$$eval('[data-testid="cited-by"] .link-row a', (as) => as.map((a) => ({
    href: a.getAttribute('href'),
    id: a.dataset.itemId,
    boxes: [...a.getClientRects()].map((r) => [r.left, r.top, r.right, r.bottom]),
  })));
  assert.ok(links.length > 100, `${links.length} links`);
  const targets = new Map();
  for (const l of links) {
    const m = l.href.match(/^#(\/[a-z-]+)\?entry=([A-Za-z0-9-]+)$/);
    assert.ok(m && m[2] === l.id, `${l.href} names its entry (${l.id})`);
    targets.set(m[1], [...(targets.get(m[1]) ?? []), m[2]]);
  }
  // WCAG 2.5.8: each link is at least 24 px tall (they were 16 px, on touching lines), and none overlaps another.
  const low = links.flatMap((l) => l.boxes.filter((b) => b[3] - b[1] < 24).map((b) => `${l.href}: ${(b[3] - b[1]).toFixed(1)}px`));
  assert.deepEqual(low, [], 'links under 24 px tall');
  const meet = (a, b) => a[0] < b[2] - 0.5 && b[0] < a[2] - 0.5 && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5;
  const overlaps = links.filter((a, i) => links.some((b, j) => j !== i
    && a.boxes.some((x) => b.boxes.some((y) => meet(x, y)))));
  assert.deepEqual(overlaps.map((l) => l.href), [], 'overlapping links');
  // Every entry named is on its page.
  for (const [path, ids] of targets) {
    await open(page, path);
    const missing = await page.evaluate((ids) => ids.filter((id) => !document.getElementById(id)), ids);
    assert.deepEqual(missing, [], `${path}: entries not on the page`);
  }
  // Following one scrolls to its entry and focuses it.
  await open(page, '/sources');
  await page.click('#source-R44 [data-testid="cited-by"] a[data-item-id="cyp3a4-inhibitors"]');
  await page.waitForFunction(() => document.activeElement?.id === 'cyp3a4-inhibitors');
  const box = await page.$eval('#cyp3a4-inhibitors', (el) => el.getBoundingClientRect().top);
  assert.ok(box > -1 && box < 740, `the entry's top is at ${box}px`);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a citation link opens the sources page at that source', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/factors');
  await page.click('#cyp3a4-inhibitors a.cite[data-source-id="R44"]');
  await page.waitForSelector('main[data-route="/sources"]');
  assert.ok(page.url().endsWith('#/sources?entry=source-R44'), page.url());
  assert.equal(await count(page, '#source-R44'), 1);
  await page.waitForFunction(() => document.activeElement?.id === 'source-R44');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('no reference page scrolls sideways on a 360 px phone', async () => {
  const { page, context, consoleErrors } = await start({ viewport: { width: 360, height: 740 } });
  for (const path of ['/factors', '/phases', '/side-effects', '/candidates', '/monitoring', '/evidence', '/sources']) {
    await open(page, path);
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= client, `${path}: page is ${scroll} px wide in a ${client} px viewport`);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('phone: every focusable element of a reference page is on screen when it has focus (no hidden header link takes Tab)', async () => {
  const { page, context, consoleErrors } = await start({ viewport: { width: 360, height: 740 } });
  for (const path of ['/phases', '/evidence', '/sources']) {
    await open(page, path);
    const hidden = await page.evaluate(() => {
      const found = [];
      const focusable = document.querySelectorAll('main a[href], main button, main input, main select, main textarea, main [tabindex]:not([tabindex="-1"])');
      for (const el of focusable) {
        el.focus();
        if (document.activeElement !== el) continue;
        const r = el.getBoundingClientRect();
        if (r.width < 1 || r.height < 1 || r.left < 0 || r.right > innerWidth + 0.5) {
          found.push(`${el.tagName.toLowerCase()} "${el.textContent.trim().slice(0, 30)}" at x=${Math.round(r.left)}, ${Math.round(r.width)}x${Math.round(r.height)}`);
        }
      }
      return found;
    });
    assert.deepEqual(hidden, [], `${path}: focusable elements off screen or hidden`);
  }
  // The seed-differences table still names each seed's source, visibly.
  await open(page, '/phases');
  const cites = await page.$$eval('[data-testid="seed-differences"] a.cite', (as) => as
    .filter((a) => a.getBoundingClientRect().width > 0 && a.getBoundingClientRect().left >= 0)
    .map((a) => a.dataset.sourceId));
  assert.deepEqual(cites, ['seed-dosing', 'seed-frequency']);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the patients\' links on the home page open the patient views, which have no dose', async () => {
  const { page, context, consoleErrors } = await start();
  await open(page, '/');
  await page.click('a[href="#/phases?view=patient"]');
  await page.waitForSelector('main[data-route="/phases"] [data-view="patient"]');
  assert.equal(await count(page, '[data-testid="stage"]'), 3);
  assert.equal(await count(page, '[data-testid="regimen-row"]'), 0);
  const text = await page.textContent('main');
  assert.doesNotMatch(text, /\d\s*(mg|mcg|mL)\b/, 'no dose in the patients\' view of a course');
  // The switch leads to the clinical detail and back.
  await page.click('[data-testid="phases-view-switch"]');
  await page.waitForSelector('[data-testid="regimen-row"]');
  await page.click('[data-testid="phases-view-switch"]');
  await page.waitForSelector('[data-view="patient"]');

  await open(page, '/');
  await page.click('a[href="#/side-effects?view=patient"]');
  await page.waitForSelector('main[data-route="/side-effects"] [data-testid="patient-note"]');
  assert.equal(await page.isChecked('[data-testid="view-patient"]'), true);
  // "Tell staff" is for the clinic; at home, whom to call.
  assert.match(await page.textContent('[data-testid="patient-note"]'),
    /After you have gone home, tell your clinic about anything new or worrying; for chest pain, fainting or trouble breathing, call your local emergency number\./);
  // Switching the view writes it to the address, so it can be shared.
  await page.check('[data-testid="view-clinical"]');
  await page.waitForFunction(() => location.hash === '#/side-effects');
  await page.check('[data-testid="view-patient"]');
  await page.waitForFunction(() => location.hash === '#/side-effects?view=patient');
  await page.reload();
  await page.waitForSelector('[data-testid="patient-note"]');
  // Following the same link again after the switch rewrote the address
  // opens the view it names.
  await page.check('[data-testid="view-clinical"]');
  await page.waitForFunction(() => location.hash === '#/side-effects');
  await page.evaluate(() => { location.hash = '#/side-effects?view=patient'; });
  await page.waitForSelector('[data-testid="patient-note"]');
  assert.equal(await page.isChecked('[data-testid="view-patient"]'), true);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('an edit made after another side-effects link was heard but before it was drawn leaves that link in the address', async () => {
  const { context, page, consoleErrors } = await start();
  await open(page, '/side-effects');
  await page.waitForSelector('#se-search');
  // The app handles the new link's hashchange (dispatched by hand), but Yew
  // draws it in a later task: the search typed in between belongs to the
  // list before the link, and must not be written over the link's entry.
  const after = await page.evaluate(() => {
    history.pushState(null, '', '#/side-effects?frequency=rare');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const search = document.querySelector('#se-search');
    search.value = 'nausea';
    search.dispatchEvent(new InputEvent('input', { bubbles: true }));
    return [document.querySelector('#se-frequency input:checked').value, location.hash];
  });
  assert.deepEqual(after, ['all', '#/side-effects?frequency=rare']);
  // The link is then drawn, and edits are written again.
  await page.waitForFunction(() => document.querySelector('#se-frequency input:checked').value === 'rare');
  await page.fill('#se-search', 'bladder');
  await page.waitForFunction(() => location.hash === '#/side-effects?frequency=rare&search=bladder');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('at 200 % text on a 320 px phone, the patient pages\' text keeps most of the width: the page\'s, a card\'s and a list\'s edges stay narrow', async () => {
  const { page, context, consoleErrors } = await start({ viewport: { width: 320, height: 640 } });
  for (const [path, query, selector] of [['/phases', '?view=patient', '.stage .claims li'], ['/side-effects', '?view=patient', '.side-effect p']]) {
    await page.goto(`${BASE_URL}/#${path}${query}`);
    await page.waitForSelector(`main[data-route="${path}"] ${selector}`, { timeout: 15000 });
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    const widths = await page.$$eval(selector, (els) => els.map((el) => Math.round(el.getBoundingClientRect().width)));
    assert.ok(widths.length > 0, path);
    // 150 px (about 8 characters of 32 px text) when each edge was 1rem wide.
    assert.ok(Math.min(...widths) >= 240, `${path}: ${widths}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320, path);
  }
  // At ordinary sizes the edges are as before: 1rem from 400 px on.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => { document.documentElement.style.fontSize = ''; });
  assert.equal(await page.$eval('main', (m) => getComputedStyle(m).paddingLeft), '16px');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
