// End-to-end: the protocol cards page on the release build (http), and the
// single-file copy from file://. Every card inspected, as JSON and as a
// download; import through the file picker and by drag and drop; valid files
// work, invalid ones (each hard limit, missing fields, wrong types,
// non-finite numbers, a 5 MB file, deeply nested JSON, non-JSON) are refused
// with every problem by field path; hostile files never run a script (the
// sentinel `window.__pwned` stays unset) and the app never crashes; the
// "imported, not reviewed" label everywhere; persistence across reloads,
// removal, id clashes, damaged saved data; share links to a card this
// browser lacks; "duplicate and edit"; "verify this calculator".
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { launch, openRoute, closeBrowser, recordCspViolations, cspViolations, settle, addressSettled } from './helpers.mjs';

after(closeBrowser);

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SINGLE_FILE = process.env.SINGLE_FILE ?? join(ROOT, 'dist-single', 'ketamine-dosing-reference.html');
const SINGLE_URL = pathToFileURL(SINGLE_FILE).href;
const KEY = 'kdr.imported-cards';
const BUILT_IN = ['outpatient-consensus', 'crps-4h', 'crps-continuous', 'headache-inpatient', 'fibromyalgia-short'];
const builtin = (id) => JSON.parse(readFileSync(join(ROOT, 'assets', 'protocols', `${id}.json`), 'utf8'));
const GOLDEN = JSON.parse(readFileSync(join(ROOT, 'assets', 'golden', 'engine-golden.json'), 'utf8'));

/** The README's worked example card (the native tests import it too). */
function readmeExample() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = readme.split('<!-- card-example:start -->')[1].split('<!-- card-example:end -->')[0];
  return JSON.parse(block.split('```json\n')[1].split('```')[0]);
}

/** A valid clinic card: crps-4h under another id. */
function clinicCard(id, changes = {}) {
  return { ...builtin('crps-4h'), id, name: `Clinic card ${id}`, ...changes };
}

const file = (name, content) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.isBuffer(content) ? content : Buffer.from(typeof content === 'string' ? content : JSON.stringify(content, null, 2)),
});

/** Picks files in the import panel and waits for one report per file. */
async function importFiles(page, files) {
  await page.setInputFiles('#card-file', files);
  await page.waitForFunction((n) => document.querySelectorAll('.import-result').length >= n, files.length, { timeout: 15000 });
  await settle(page);
}

/** Replaces the editor's text at once (as a paste would) and lets it check. */
async function setEditorText(page, text) {
  await page.$eval('[data-testid="editor-text"]', (ta, t) => {
    ta.value = t;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
  await settle(page);
}

/** To the calculator through the navigation and back: the editor's draft of a copy of crps-4h is there, and said so. */
async function awayAndBack(page, edited) {
  await page.click('nav >> text=Calculator');
  await page.waitForSelector('main[data-route="/calculator"]');
  await page.goBack();
  await page.waitForSelector('[data-testid="card-editor"]');
  assert.equal(await page.inputValue('[data-testid="editor-text"]'), edited);
  assert.match(await page.textContent('[data-testid="protocols-status"]'), /Your unsaved changes to a copy of crps-4h are back/);
}

async function storedCards(page) {
  return page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), KEY);
}

/** A page whose `window.__pwned` sentinel any injected script would set. */
async function launchGuarded(options) {
  const run = await launch(options);
  await run.context.addInitScript(() => {
    window.__appScripts = () => document.scripts.length;
  });
  return run;
}

async function assertNoInjection(page, where) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
    injectedImages: document.querySelectorAll('img[src="x"], img[onerror]').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
    scriptsInMain: document.querySelectorAll('main script, main iframe, main object, main embed').length,
    crashed: document.body.classList.contains('app-crashed'),
  }));
  assert.deepEqual(found, { pwned: undefined, jsLinks: 0, injectedImages: 0, handlers: 0, scriptsInMain: 0, crashed: false }, where);
}

test('every card, built-in and imported, is shown readably, as JSON and as a download', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  const rows = await page.$$eval('[data-testid="card-row"]', (rs) => rs.map((r) => [r.dataset.cardId, r.dataset.imported]));
  assert.deepEqual(rows, BUILT_IN.map((id) => [id, 'false']));
  for (const id of BUILT_IN) {
    const json = builtin(id);
    await page.click(`[data-testid="card-row"][data-card-id="${id}"] th a`);
    await page.waitForSelector(`[data-testid="card-view"][data-card-id="${id}"]`);
    const view = `[data-testid="card-view"][data-card-id="${id}"]`;
    const text = await page.textContent(view);
    assert.ok(text.includes(json.name) && text.includes(json.summary), `${id}: name and summary`);
    // Setting, indications with grades, weight basis, base rate, caps, phases.
    for (const words of ['Setting:', 'grade', 'Dosing weight', 'Base rate', 'Induction phase', 'Hard limits']) {
      assert.ok(text.includes(words), `${id}: ${words}`);
    }
    const unit = json.base_rate.unit === 'mg_per_h' ? 'mg/h' : 'mg/kg/h';
    assert.match(await page.textContent(`${view} tr[data-path="base_rate"]`), new RegExp(`${json.base_rate.value} ${unit.replace('/', '\\/')}`));
    // Every factor with its condition, inclusive or not, its effects, sources and evidence kind.
    const factors = await page.$$eval(`${view} [data-testid="card-factor"]`, (trs) => trs.map((tr) => ({
      id: tr.dataset.factorId, cells: [...tr.querySelectorAll('td')].map((td) => td.textContent),
      evidence: tr.querySelector('[data-evidence]')?.dataset.evidence,
    })));
    assert.deepEqual(factors.map((f) => f.id), json.factors.map((f) => f.id), `${id}: every factor in order`);
    json.factors.forEach((f, i) => {
      assert.equal(factors[i].evidence, f.evidence, `${id}/${f.id}: evidence kind`);
      if (f.condition.compare) {
        const inclusive = ['at_least', 'at_most'].includes(f.condition.compare);
        assert.match(factors[i].cells[0], inclusive ? /\(\S+ included\)/ : /not included/, `${id}/${f.id}: inclusive or not`);
      }
      assert.ok(factors[i].cells[1].length > 0, `${id}/${f.id}: effects`);
    });
    // Show as JSON: the same card, field for field.
    await page.click(`${view} [data-testid="show-json"]`);
    const shown = JSON.parse(await page.textContent(`${view} [data-testid="card-json"]`));
    assert.equal(shown.id, id);
    assert.deepEqual(shown.factors, json.factors, `${id}: JSON factors`);
    assert.deepEqual(shown.base_rate, json.base_rate, `${id}: JSON base rate`);
    // Download: a Blob, the card's file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${view} [data-testid="download-card"]`)]);
    assert.equal(download.suggestedFilename(), `${id}.json`);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(saved, shown, `${id}: the download is the JSON shown`);
  }
  // The JSON Schema of the format, downloadable from the page.
  const [schema] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-schema"]')]);
  assert.equal(schema.suggestedFilename(), 'protocol-card.schema.json');
  // Embedded minified, laid out again on download: the same file, byte for byte.
  assert.equal(readFileSync(await schema.path(), 'utf8'),
    readFileSync(join(ROOT, 'assets', 'protocol-card.schema.json'), 'utf8'));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a valid card imported with the file picker is labelled everywhere, survives a reload and can be removed', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  const card = readmeExample();
  await importFiles(page, [file('clinic-crps-5day.json', card)]);
  const ok = '[data-testid="import-ok"][data-card-id="clinic-crps-5day"]';
  assert.match(await page.textContent(ok), /imported, not reviewed/);
  assert.match(await page.textContent('[data-testid="import-cautions"]'), /no rule for some contraindications.*Active psychosis; /s);
  assert.doesNotMatch(await page.textContent('[data-testid="import-cautions"]'), /Pregnant or breastfeeding/);
  // Under a heading of its own, not with the notes on markup shown as text.
  assert.equal(await page.$('[data-testid="import-notes"]'), null);
  assert.equal(await page.getAttribute('[data-testid="card-row"][data-card-id="clinic-crps-5day"]', 'data-imported'), 'true');
  // Kept in local storage in the versioned format.
  const stored = await storedCards(page);
  assert.equal(stored.format, 'ketamine-dosing-reference/imported-cards');
  assert.equal(stored.version, 1);
  assert.equal(stored.cards[0].file_name, 'clinic-crps-5day.json');
  assert.equal(stored.cards[0].card.id, 'clinic-crps-5day');
  // Inspected like any card, with its provenance.
  await openRoute(page, '#/protocols?card=clinic-crps-5day');
  assert.match(await page.textContent('[data-testid="card-view"] [data-testid="imported-note"]'), /Imported, not reviewed.*clinic-crps-5day\.json/s);
  assert.ok(await page.$('[data-testid="card-view"] h2 [data-testid="imported-badge"]'));
  // Its only rule is for pregnancy: the report and its page name the
  // contraindications the app stops for in its place; a built-in card's
  // page has no such note.
  const unruled = /no rule for some contraindications.*calculator stops and shows no dose: Active psychosis; .*Raised intracranial pressure; .*MAO inhibitor; Active substance misuse\./s;
  assert.match(await page.textContent('[data-testid="card-view"] [data-testid="unruled-note"]'), unruled);
  await openRoute(page, '#/protocols?card=crps-4h');
  await page.waitForSelector('[data-testid="card-view"][data-card-id="crps-4h"]');
  assert.equal(await page.$('[data-testid="unruled-note"]'), null, 'no note on a built-in card');

  // The calculator: picker, card summary, result heading, share link, print sheet.
  await openRoute(page, '#/calculator?protocol=clinic-crps-5day&weight_kg=70&age_years=40');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '17.5 mg/h');
  assert.match(await page.textContent('#protocol option[value="clinic-crps-5day"]'), /imported, not reviewed/);
  assert.doesNotMatch(await page.textContent('#protocol option[value="crps-4h"]'), /imported/);
  assert.match(await page.textContent('[data-testid="card-summary"] [data-testid="imported-note"]'), /imported, not reviewed/);
  assert.ok(await page.$('.scenario-result h2 [data-testid="imported-badge"]'), 'result heading');
  assert.ok(await page.$('[data-testid="result-imported"]'), 'above the figures and breakdown');
  assert.match(await page.textContent('[data-testid="share-imported"]'),
    /This link uses an imported card \(clinic-crps-5day; imported, not reviewed\): a browser without it will show no figure/);
  assert.match(await page.textContent('[data-testid="print-sheet"]'), /clinic-crps-5day.*\(imported, not reviewed\)/s);
  // A built-in card carries no such label.
  await page.selectOption('#protocol', 'crps-4h');
  await settle(page);
  for (const hook of ['result-imported', 'share-imported', 'print-imported', 'imported-note']) {
    assert.equal(await page.$(`[data-testid="${hook}"]`), null, `no ${hook} for a built-in card`);
  }

  // Reload: still there.
  await page.goto(page.url().replace(/#.*/, '#/calculator?protocol=clinic-crps-5day&weight_kg=70&age_years=40&infusion_number=3'));
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '24.5 mg/h');
  // Its only stop is for pregnancy: the contraindications it has no rule
  // for stop the calculation all the same, each named.
  await openRoute(page, '#/calculator?protocol=clinic-crps-5day&weight_kg=70&age_years=40&psychosis=active&raised_icp=true&medications=maoi,theophylline');
  await page.waitForSelector('.calc-results [data-testid="block-reason"]');
  assert.equal(await page.$('.calc-results [data-testid="rate-mg-per-h"]'), null, 'no figure');
  assert.equal(await page.getAttribute('.calc-results [data-testid="block-reason"]', 'data-block-id'), 'no-card-rule-psychosis-active');
  assert.match(await page.textContent('.calc-results [data-testid="block-reason"]'),
    /^Active psychosis: the 2018 consensus advises against ketamine in active psychosis, so no dose is shown\. The app stops here whatever a card says, and this card has no rule that stops for it\./);
  assert.match(await page.textContent('.calc-results [data-testid="block-rule"]'), /Active psychosis \(built into the app\)/);
  const others = await page.$$eval('.calc-results [data-testid="other-block"]', (els) => els.map((e) => e.textContent));
  assert.equal(others.length, 3, others.join(' | '));
  assert.match(others.join(' | '), /Raised intracranial pressure.*Theophylline or aminophylline.*MAO inhibitor/);
  // Raised intracranial pressure is one a card may decide (lower doses with
  // extreme caution), so its stop says the card has no rule for it.
  assert.match(others.join(' | '), /Raised intracranial pressure: this card has no rule for it/);

  // Removal (with a confirmation), which survives a reload too.
  await openRoute(page, '#/protocols?card=clinic-crps-5day');
  await page.click('[data-testid="remove-card"]');
  // Asked, with focus on the safe answer; "Keep it" returns to the button.
  await page.waitForSelector('[data-testid="confirm-remove"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-remove-keep');
  await page.click('#card-remove-keep');
  await page.waitForSelector('[data-testid="remove-card"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-remove');
  // Escape, even on "Yes, remove it", keeps it.
  await page.click('[data-testid="remove-card"]');
  await page.focus('[data-testid="confirm-remove"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="remove-card"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-remove');
  assert.ok(await page.$('[data-testid="card-row"][data-card-id="clinic-crps-5day"]'), 'still there');
  await page.click('[data-testid="remove-card"]');
  await page.click('[data-testid="confirm-remove"]');
  await page.waitForSelector('[data-testid="card-row"][data-card-id="clinic-crps-5day"]', { state: 'detached' });
  assert.match(await page.textContent('[data-testid="protocols-status"]'), /removed/);
  // The page does not contradict itself: the address no longer names the
  // card, no "no such card" notice, and focus is on the status line.
  await page.waitForFunction(() => !location.hash.includes('clinic-crps-5day'));
  assert.equal(await page.$('[data-testid="card-not-here"]'), null);
  await page.waitForFunction(() => document.activeElement?.id === 'protocols-status');
  assert.equal(await storedCards(page), null, 'nothing left in storage');
  await page.reload();
  await page.waitForSelector('[data-testid="card-list"]');
  assert.equal(await page.$('[data-testid="card-row"][data-card-id="clinic-crps-5day"]'), null);
  await openRoute(page, '#/calculator?protocol=clinic-crps-5day&weight_kg=70');
  assert.match(await page.textContent('[data-testid="unknown-card"]'), /clinic-crps-5day/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a card dropped on the drop zone is imported', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  const text = JSON.stringify(clinicCard('clinic-dropped'));
  const data = await page.evaluateHandle((t) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], 'dropped.json', { type: 'application/json' }));
    return dt;
  }, text);
  await page.dispatchEvent('[data-testid="drop-zone"]', 'dragenter', { dataTransfer: data });
  await page.dispatchEvent('[data-testid="drop-zone"]', 'dragover', { dataTransfer: data });
  assert.match(await page.getAttribute('[data-testid="drop-zone"]', 'class'), /dragging/);
  await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: data });
  await page.waitForSelector('[data-testid="import-ok"][data-card-id="clinic-dropped"]');
  assert.match(await page.textContent('[data-testid="import-ok"]'), /dropped\.json/);
  assert.ok(await page.$('[data-testid="card-row"][data-card-id="clinic-dropped"]'));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

/** Invalid files: [file name, content, [[field path, words in the message]...]]. */
function invalidFiles() {
  const base = () => JSON.parse(JSON.stringify(clinicCard('clinic-invalid')));
  const edit = (f) => { const c = base(); f(c); return c; };
  const factor = builtin('crps-4h').factors[0];
  return [
    ['rate-above-hard-limit.json', edit((c) => { c.base_rate.value = 2.5; }), [['base_rate.value', 'hard limit of 2 mg/kg/h']]],
    ['fixed-rate.json', edit((c) => { c.base_rate.unit = 'mg_per_h'; c.base_rate.value = 700; }), [['base_rate.value', '600 mg/h']]],
    ['bolus.json', edit((c) => { c.bolus = { mg_per_kg: 0.5, evidence: 'illustrative' }; }), [['bolus.mg_per_kg', 'hard limit of 0.35 mg/kg']]],
    ['multiplier.json', edit((c) => { c.factors[0].effects = [{ kind: 'rate_multiplier', value: 2 }]; }), [['factors[0].effects[0].value', 'hard limit of 1.5']]],
    ['lower-cap.json', edit((c) => { c.factors[0].effects = [{ kind: 'lower_cap', value: 3, unit: 'mg_per_kg_per_h' }]; }), [['factors[0].effects[0].value', 'hard limit of 2 mg/kg/h']]],
    ['session.json', edit((c) => { c.session.duration_h = 30; }), [['session.duration_h', '0.25 h to 24 h']]],
    ['cap.json', edit((c) => { c.caps.mg_per_h.value = 601; }), [['caps.mg_per_h.value', 'outside the accepted range']]],
    ['too-many-factors.json', edit((c) => { c.factors = Array.from({ length: 201 }, (_, i) => ({ ...factor, id: `f${i}` })); }), [['factors', 'at most 200']]],
    ['long-text.json', edit((c) => { c.summary = 'x'.repeat(5000); }), [['summary', 'at most 4096']]],
    ['unknown-source.json', edit((c) => { c.sources = ['R999']; }), [['sources[0]', "not in this app's list of sources"]]],
    ['missing-and-wrong.json', edit((c) => { delete c.name; delete c.base_rate; c.summary = 42; c.session.duration_h = 'four'; c.colour = 'blue'; }), [
      ['name', 'required field is missing'], ['base_rate', 'required field is missing'], ['summary', 'expected text, found a number'],
      ['session.duration_h', 'expected a number, found text'], ['colour', 'unknown field']]],
    ['infinite.json', JSON.stringify(clinicCard('clinic-inf')).replace('"value":0.35', '"value":1e400'), [['base_rate.value', 'too large to be finite']]],
    ['nan.json', JSON.stringify(clinicCard('clinic-nan')).replace('"value":0.35', '"value":NaN'), [['base_rate.value', 'not valid JSON']]],
    ['five-megabytes.json', Buffer.alloc(5 * 1024 * 1024, 0x20), [['(file)', 'The file is 5,120 KB; a protocol card may be at most 512 KB.']]],
    ['nested.json', '['.repeat(100000), [['', 'nested too deeply']]],
    ['not-json.txt', 'This is a letter, not a card.', [['(card)', 'not valid JSON']]],
    ['picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), [['(card)', 'not valid JSON']]],
    ['empty.json', '', [['(card)', 'ends too early']]],
    ['bad-id.json', edit((c) => { c.id = '<script>alert(1)</script>'; }), [['id', 'not a valid id']]],
    ['override.json', edit((c) => { c.factors[1].note = 'reduce to 0.5\u202E mg'; }), [['factors[1].note', 'override']]],
  ];
}

test('invalid files are refused with every problem by field path, and nothing is imported', async () => {
  const { context, page, consoleErrors } = await launchGuarded();
  await openRoute(page, '#/protocols');
  for (const [name, content, expected] of invalidFiles()) {
    await importFiles(page, [file(name, content)]);
    const report = await page.$eval('[data-testid="import-refused"]', (el) => ({
      text: el.textContent,
      problems: [...el.querySelectorAll('[data-testid="problem"]')].map((p) => [p.dataset.path, p.textContent]),
    }));
    assert.match(report.text, new RegExp(`${name.replace('.', '\\.')}.*was not imported`), name);
    for (const [path, words] of expected) {
      const hit = report.problems.find(([p, t]) => (path === '' || p === path) && t.includes(words));
      assert.ok(hit, `${name}: no problem at ${path} with "${words}"; got ${JSON.stringify(report.problems)}`);
    }
    assert.equal(await page.$$eval('[data-testid="card-row"]', (r) => r.length), BUILT_IN.length, `${name}: nothing imported`);
    assert.equal(await storedCards(page), null, `${name}: nothing saved`);
  }
  // Several files at once: each gets its own report.
  await importFiles(page, [file('a.json', clinicCard('clinic-several')), file('b.json', '{')]);
  assert.equal(await page.$$eval('[data-testid="import-ok"]', (r) => r.length), 1);
  assert.equal(await page.$$eval('[data-testid="import-refused"]', (r) => r.length), 1);
  await assertNoInjection(page, 'after invalid files');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> <a href="javascript:window.__pwned=3">link</a> javascript:window.__pwned=4';

/** The README example with hostile text in every text field. */
function hostileCard() {
  const c = readmeExample();
  c.id = 'hostile-text';
  c.name = `Hostile ${HOSTILE}`.slice(0, 200);
  c.version = '<b>1</b>';
  c.summary = HOSTILE;
  c.research_note = HOSTILE;
  c.indications[0].note = HOSTILE;
  for (const k of ['dosing_weight', 'base_rate', 'session', 'phases']) c[k].note = HOSTILE;
  c.caps.mg_per_h.note = HOSTILE;
  c.caps.per_session.note = HOSTILE;
  c.titration.note = HOSTILE;
  c.phases.titration = HOSTILE;
  c.phases.booster.form = HOSTILE;
  c.bolus = { mg_per_kg: 0.2, evidence: 'illustrative', note: `${HOSTILE} see https://example.org/card?a=1 and javascript:alert(1)` };
  for (const f of c.factors) {
    f.label = HOSTILE.slice(0, 200);
    f.note = HOSTILE;
    for (const e of f.effects) if ('text' in e) e.text = HOSTILE;
  }
  c.factors.push({
    id: 'hostile-notice', label: HOSTILE, evidence: 'illustrative', note: HOSTILE,
    condition: { attribute: 'age_years', compare: 'at_least', value: 18 },
    effects: [{ kind: 'notice', text: HOSTILE }, { kind: 'warning', text: HOSTILE }],
  });
  return c;
}

test('a card named like a built-in card is told apart in its report, its page and the editor', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  const name = builtin('crps-4h').name;
  // A Cyrillic letter in place of the first C.
  const lookalike = name.replace('C', '\u0421');
  assert.notEqual(lookalike, name);
  await importFiles(page, [file('lookalike.json', clinicCard('clinic-lookalike', { name: lookalike }))]);
  await page.waitForSelector('[data-testid="import-ok"][data-card-id="clinic-lookalike"]');
  const said = new RegExp(`Its name reads like that of the built-in card \u201c${name.replace(/[()]/g, '\\$&')}\u201d \\(crps-4h\\), but it is another card`);
  assert.match(await page.textContent('[data-testid="import-cautions"]'), said);
  await openRoute(page, '#/protocols?card=clinic-lookalike');
  await page.waitForSelector('[data-testid="card-view"][data-card-id="clinic-lookalike"]');
  assert.match(await page.textContent('[data-testid="builtin-name-note"]'), said);
  // The editor's check says it too, and not for another name.
  await page.click('[data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="editor-status"][data-valid="true"]');
  assert.match(await page.textContent('[data-testid="editor-cautions"]'), said);
  const text = await page.inputValue('#card-editor-text');
  await setEditorText(page, text.replace(JSON.stringify(lookalike), JSON.stringify('Clinic CRPS card')));
  await page.waitForFunction(() => !/reads like that of/.test(document.querySelector('[data-testid="editor-status"]').textContent));
  // The built-in card's own page has no such note.
  await openRoute(page, '#/protocols?card=crps-4h');
  await page.waitForSelector('[data-testid="card-view"][data-card-id="crps-4h"]');
  assert.equal(await page.$('[data-testid="builtin-name-note"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('hostile files: every text is shown as text, no script ever runs, the app never crashes', async () => {
  const { context, page, consoleErrors } = await launchGuarded();
  await openRoute(page, '#/protocols');
  await importFiles(page, [file('<img src=x onerror="window.__pwned=5">.json', hostileCard())]);
  await page.waitForSelector('[data-testid="import-ok"][data-card-id="hostile-text"]');
  const notes = await page.textContent('[data-testid="import-notes"]');
  assert.match(notes, /summary: contains HTML-like markup; it is shown as plain text and never run/);
  assert.match(await page.textContent('[data-testid="import-ok"]'), /<img src=x onerror="window.__pwned=5">\.json/, 'the file name as text');
  await assertNoInjection(page, 'import report');

  // The card in full and as JSON: the markup is visible as text.
  await openRoute(page, '#/protocols?card=hostile-text');
  const view = '[data-testid="card-view"][data-card-id="hostile-text"]';
  assert.ok((await page.textContent(`${view} [data-testid="card-summary-text"]`)).includes(HOSTILE));
  await page.click(`${view} [data-testid="show-json"]`);
  assert.equal(JSON.parse(await page.textContent(`${view} [data-testid="card-json"]`)).summary, HOSTILE);
  // Web addresses: only https, only as plain text.
  const refs = await page.$$eval(`${view} [data-testid="web-references"] li`, (lis) => lis.map((li) => li.textContent));
  assert.equal(refs.length, 1);
  assert.match(refs[0], /^https:\/\/example\.org\/card\?a=1 \(in bolus\.note\)$/);
  assert.equal(await page.$$eval(`${view} a[href*="example.org"]`, (a) => a.length), 0, 'never a link');
  await assertNoInjection(page, 'card view');

  // The calculator with warnings, notices and then a block from the card.
  await openRoute(page, '#/calculator?protocol=hostile-text&weight_kg=70&age_years=40&medications=clarithromycin');
  await page.waitForSelector('[data-testid="warning"]');
  assert.ok((await page.textContent('[data-testid="warning"]')).includes('<script>'));
  await page.emulateMedia({ media: 'print' });
  assert.ok((await page.textContent('[data-testid="print-sheet"]')).includes('<img src=x'));
  await page.emulateMedia({ media: 'screen' });
  await page.setChecked('#pregnant_or_breastfeeding', true);
  await settle(page);
  assert.ok((await page.textContent('[data-testid="block-reason"]')).includes('<script>'));
  await assertNoInjection(page, 'calculator');

  // Invisible overrides are refused; so is a hostile id.
  await openRoute(page, '#/protocols');
  const hidden = hostileCard();
  hidden.id = 'hidden-override';
  hidden.summary = 'rate 0.5\u202E mg/kg/h';
  await importFiles(page, [file('override.json', hidden)]);
  assert.ok(await page.$('[data-testid="import-refused"] [data-path="summary"]'));
  // The refusal is drawn (the app has handled the file); an injected
  // element would be in the page by now, and is looked for whatever its
  // timing. A frame and a short margin for a handler that would set the
  // sentinel.
  await settle(page);
  await page.waitForTimeout(50);
  await assertNoInjection(page, 'end');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a card whose id is a built-in id is renamed with a message; an imported id is replaced', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  const copy = { ...builtin('crps-4h'), version: '9.0.0', base_rate: { ...builtin('crps-4h').base_rate, value: 0.3 } };
  await importFiles(page, [file('crps-4h.json', copy)]);
  await page.waitForSelector('[data-testid="import-ok"][data-card-id="crps-4h-imported"]');
  assert.match(await page.textContent('[data-testid="import-message"]'),
    /The id “crps-4h” belongs to a built-in card, so this card was imported as “crps-4h-imported”/);
  // The built-in card is untouched; the renamed one computes with its own figures.
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '24.5 mg/h');
  await openRoute(page, '#/calculator?protocol=crps-4h-imported&weight_kg=70');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '21 mg/h');
  // Compared with the built-in card, the glance marks the imported one.
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70&s2_protocol=crps-4h-imported&s2_weight_kg=70');
  await page.waitForSelector('[data-testid="comparison"]');
  const cardRow = await page.$$eval('[data-testid="comparison"] tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(cardRow, ['crps-4h', 'crps-4h-imported imported, not reviewed']);
  // Same id as an imported card: replaced, with a message.
  await openRoute(page, '#/protocols');
  await importFiles(page, [file('crps-4h-v2.json', { ...copy, version: '9.1.0' })]);
  assert.match(await page.textContent('[data-testid="import-ok"]'), /crps-4h-imported/);
  await importFiles(page, [file('clinic.json', clinicCard('clinic-a'))]);
  await importFiles(page, [file('clinic-v2.json', clinicCard('clinic-a', { version: '2.0.0' }))]);
  assert.match(await page.textContent('[data-testid="import-message"]'), /replaces the imported card with the same id \(version 1\.1\.3/);
  // Editing it and importing without a change keeps the card and where it came from.
  await openRoute(page, '#/protocols?card=clinic-a');
  await page.click('[data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="editor-status"][data-valid="true"]');
  const unchanged = (kept) => new RegExp(`Nothing in it differs from the imported card “clinic-a” \\(from clinic-v2\\.json, imported \\d{4}-\\d{2}-\\d{2}\\): that card ${kept} as it is\\.`);
  assert.match(await page.textContent('[data-testid="editor-status"]'), unchanged('would be kept'));
  assert.doesNotMatch(await page.textContent('[data-testid="editor-status"]'), /would be imported as/);
  await page.click('[data-testid="editor-import"]');
  await page.waitForSelector('[data-testid="card-view"][data-card-id="clinic-a"]');
  assert.match(await page.textContent('[data-testid="import-message"]'), unchanged('is kept'));
  assert.match(await page.textContent('[data-testid="imported-note"]'), /from “clinic-v2\.json”/);
  // An imported card can also be duplicated: the copy gets an id of its own,
  // and closing the editor puts focus back on the button that opened it.
  await page.click('[data-testid="duplicate-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  assert.equal(await page.textContent('#card-editor-title'), 'Edit a copy of clinic-a');
  assert.equal(JSON.parse(await page.inputValue('[data-testid="editor-text"]')).id, 'clinic-a-copy');
  await page.click('[data-testid="editor-close"]');
  await page.waitForSelector('[data-testid="card-editor"]', { state: 'detached' });
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-duplicate');
  await page.click('[data-testid="duplicate-card"]');
  await page.waitForSelector('[data-testid="editor-status"][data-valid="true"]');
  await page.click('[data-testid="editor-import"]');
  await page.waitForSelector('[data-testid="card-view"][data-card-id="clinic-a-copy"]');
  // The renamed card edited back to the built-in id: before anything is
  // imported, the editor says what would happen, on screen and read out.
  await openRoute(page, '#/protocols?card=crps-4h-imported');
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="editor-status"][data-valid="true"]');
  const renamedText = JSON.parse(await page.inputValue('[data-testid="editor-text"]'));
  await setEditorText(page, JSON.stringify({ ...renamedText, id: 'crps-4h', version: '9.2.0' }, null, 2));
  const preview = /The id “crps-4h” belongs to a built-in card, so this card would be imported as “crps-4h-imported”, replacing the copy of the same card imported under that id before \(version 9\.1\.0, imported \d{4}-\d{2}-\d{2}\)\. Links and scenarios would have to use the new id\./;
  assert.match(await page.textContent('[data-testid="editor-status"]'), preview);
  assert.doesNotMatch(await page.textContent('[data-testid="editor-status"]'), /was imported/);
  await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('[data-testid="editor-live"]')?.textContent ?? ''), preview.source);
  await page.click('[data-testid="editor-close"]');
  await page.click('[data-testid="editor-discard"]');
  await page.waitForSelector('[data-testid="card-editor"]', { state: 'detached' });
  const stored = await storedCards(page);
  assert.deepEqual(stored.cards.map((c) => [c.card.id, c.card.version, c.renamed_from ?? null]),
    [['crps-4h-imported', '9.1.0', 'crps-4h'], ['clinic-a', '2.0.0', null], ['clinic-a-copy', '2.0.0', null]]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a share link to a built-in card carries its check, and a link made with another version of it says so', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70&s2_protocol=headache-inpatient&s2_weight_kg=80');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  const link = await page.inputValue('[data-testid="share-link"]');
  const checks = [...link.matchAll(/(?:^|[?&])(s2_)?card_check=([0-9a-f]{8})&/g)].map((m) => m[2]);
  assert.match(link, /\?protocol=crps-4h&card_check=[0-9a-f]{8}&weight_kg=70&/);
  assert.match(link, /&s2_protocol=headache-inpatient&s2_card_check=[0-9a-f]{8}&s2_weight_kg=80&/);
  assert.equal(checks.length, 2);
  assert.notEqual(checks[0], checks[1]);
  // Its own link: nothing to say.
  await page.goto(link);
  await page.reload();
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.$('[data-testid="card-differs"]'), null);
  const rate = await page.textContent('[data-testid="rate-mg-per-h"]');
  const version = await page.textContent('[data-testid="card-version"]');
  // The same link from a copy of the app with another version of crps-4h.
  await page.goto(link.replace(/\?protocol=crps-4h&card_check=[0-9a-f]{8}/, '?protocol=crps-4h&card_check=0badc0de'));
  await page.reload();
  await page.waitForSelector('[data-testid="card-differs"]');
  assert.equal(await page.textContent('[data-testid="card-differs"]'),
    `This link was made with another version of the built-in card “crps-4h” than this copy of the app has (here: version ${version}), so the figures below come from this copy's card and can differ from the sender's. The card summary, the Protocol cards page and the printed sheet give a card's version: ask the sender which version they used.`);
  // This copy's figures all the same.
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), rate);
  // The sender's check stays in the address and the link to copy, so a
  // reload, or the link passed on, still says so.
  await addressSettled(page);
  assert.match(page.url(), /\?protocol=crps-4h&card_check=0badc0de&/);
  assert.match(await page.inputValue('[data-testid="share-link"]'), /\?protocol=crps-4h&card_check=0badc0de&/);
  await page.reload();
  await page.waitForSelector('[data-testid="card-differs"]');
  // Edited here, the scenario's figures are this copy's: its own check.
  await page.fill('#weight', '71');
  await addressSettled(page);
  await page.waitForFunction(() => !location.hash.includes('0badc0de'));
  assert.match(page.url(), new RegExp(`\\?protocol=crps-4h&card_check=${checks[0]}&`));
  // A check with no card named is of the default card, or said not to be.
  // Said when the link is opened; the address is then written with the
  // card and this browser's check, not the sender's (which would read as
  // another version of crps-4h), so a reload has nothing to say.
  const noCard = link.replace(/\?protocol=crps-4h&card_check=[0-9a-f]{8}/, '?card_check=0badc0de');
  await page.goto('about:blank');
  await page.goto(noCard);
  await page.waitForSelector('[data-testid="card-differs"]');
  assert.match(await page.textContent('[data-testid="card-differs"]'),
    /^This link gives a card check but names no card, so the calculator uses its default card “crps-4h”, and the check is not of that card/);
  await addressSettled(page);
  await page.waitForFunction(() => location.hash.includes('?protocol=crps-4h&'));
  assert.match(page.url(), new RegExp(`\\?protocol=crps-4h&card_check=${checks[0]}&`));
  await page.reload();
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.$('[data-testid="card-differs"]'), null);
  await page.goto('about:blank');
  await page.goto(noCard.replace('0badc0de', checks[0]));
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.$('[data-testid="card-differs"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a share link to an imported card, opened on a browser without it, says so instead of failing', async () => {
  const first = await launch();
  await openRoute(first.page, '#/protocols');
  await importFiles(first.page, [file('clinic.json', readmeExample())]);
  await openRoute(first.page, '#/calculator?protocol=clinic-crps-5day&weight_kg=70&age_years=40');
  await first.page.waitForSelector('[data-testid="rate-mg-per-h"]');
  const link = await first.page.inputValue('[data-testid="share-link"]');
  assert.match(link, /protocol=clinic-crps-5day/);
  // Another browser (fresh storage) does not have the card.
  const other = await launch();
  await other.page.goto(link);
  await other.page.waitForSelector('[data-testid="unknown-card"]');
  assert.match(await other.page.textContent('[data-testid="unknown-card"]'), /“clinic-crps-5day”, which this browser does not have/);
  assert.equal(await other.page.$('[data-testid="rate-mg-per-h"]'), null);
  assert.match(await other.page.textContent('#protocol'), /clinic-crps-5day \(not available in this browser\)/);
  // Its protocol cards page says so too, for a card link.
  await openRoute(other.page, '#/protocols?card=clinic-crps-5day');
  assert.match(await other.page.textContent('[data-testid="card-not-here"]'), /no card “clinic-crps-5day” in this browser/);
  // The link checks the card's content: the browser that made it says nothing.
  assert.match(link, /protocol=clinic-crps-5day&card_check=[0-9a-f]{8}&/);
  await first.page.goto(link);
  await first.page.reload();
  await first.page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await first.page.$('[data-testid="card-differs"]'), null);
  const rateThere = await first.page.textContent('[data-testid="rate-mg-per-h"]');
  // Another card under the same id (its own base rate): its figures, and said to differ.
  const theirs = readmeExample();
  const mine = { ...theirs, base_rate: { ...theirs.base_rate, value: theirs.base_rate.value / 2 } };
  await importFiles(other.page, [file('ours.json', mine)]);
  await other.page.goto(link);
  await other.page.reload();
  await other.page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await other.page.textContent('[data-testid="card-differs"]'),
    'This link was made with a card “clinic-crps-5day” that differs from the card under that id in this browser now, so the figures here come from this browser\'s card. If the link came from someone else, ask them which card is meant, and import theirs if needed.');
  assert.notEqual(await other.page.textContent('[data-testid="rate-mg-per-h"]'), rateThere);
  // Passed on unedited, the link still carries the sender's check; once
  // the scenario is edited here, its own card's.
  const sent = link.match(/card_check=(\w+)/)[1];
  assert.equal((await other.page.inputValue('[data-testid="share-link"]')).match(/card_check=(\w+)/)[1], sent);
  await other.page.fill('#weight', '71');
  await other.page.waitForFunction((sent) => !document.querySelector('[data-testid="share-link"]').value.includes(sent), sent);
  const own = await other.page.inputValue('[data-testid="share-link"]');
  assert.match(own, /card_check=[0-9a-f]{8}&/);
  assert.notEqual(own.match(/card_check=(\w+)/)[1], sent);
  assert.deepEqual(first.consoleErrors, []);
  assert.deepEqual(other.consoleErrors, []);
  await first.context.close();
  await other.context.close();
});

test('duplicate and edit: a built-in card copied, edited with live checks, imported and used', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols?card=crps-4h');
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'card-editor', 'the editor takes focus');
  // Opened by a click, it is not framed (only an ?entry= target is).
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'none');
  const start = JSON.parse(await page.inputValue('[data-testid="editor-text"]'));
  assert.equal(start.id, 'crps-4h-copy');
  assert.match(start.name, /\(copy\)$/);
  assert.equal(await page.getAttribute('[data-testid="editor-status"]', 'data-valid'), 'true');
  // An edit above the hard limit: refused as you type, with the field path.
  const edited = { ...start, base_rate: { ...start.base_rate, value: 2.5 } };
  await setEditorText(page, JSON.stringify(edited, null, 2));
  assert.equal(await page.getAttribute('[data-testid="editor-status"]', 'data-valid'), 'false');
  assert.ok(await page.$('[data-testid="editor-status"] [data-path="base_rate.value"]'));
  assert.ok(await page.isDisabled('[data-testid="editor-import"]'));
  // Said once typing pauses, with the first problem (the status on screen
  // follows every keystroke and is not a live region).
  await page.waitForFunction(() => /^\d+ problems? to fix before this card can be imported\. The first: base_rate\.value: /
    .test(document.querySelector('[data-testid="editor-live"]')?.textContent ?? ''));
  assert.equal(await page.$('[data-testid="editor-status"] [role="status"], [data-testid="editor-status"][aria-live]'), null);
  // The text says it is wrong; its download is a draft, and says so.
  assert.equal(await page.getAttribute('[data-testid="editor-text"]', 'aria-invalid'), 'true');
  assert.equal((await page.textContent('[data-testid="editor-download"]')).trim(), 'Download the draft (not valid yet)');
  // Broken JSON, typed: a syntax problem with its line.
  await page.fill('[data-testid="editor-text"]', '{\n  "id": "x",\n  oops\n}');
  await settle(page);
  assert.match(await page.textContent('[data-testid="editor-status"]'), /line 3/);
  // Fixed: valid; downloadable; importable.
  const fixed = { ...start, id: 'clinic-crps-low', base_rate: { ...start.base_rate, value: 0.3 } };
  await setEditorText(page, JSON.stringify(fixed, null, 2));
  assert.equal(await page.getAttribute('[data-testid="editor-status"]', 'data-valid'), 'true');
  assert.equal(await page.getAttribute('[data-testid="editor-text"]', 'aria-invalid'), null);
  assert.equal((await page.textContent('[data-testid="editor-download"]')).trim(), 'Download as a file');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="editor-download"]')]);
  assert.equal(download.suggestedFilename(), 'clinic-crps-low.json');
  assert.equal(JSON.parse(readFileSync(await download.path(), 'utf8')).id, 'clinic-crps-low');
  await page.click('[data-testid="editor-import"]');
  await page.waitForSelector('[data-testid="card-view"][data-card-id="clinic-crps-low"][data-imported="true"]');
  assert.match(page.url(), /card=clinic-crps-low/);
  assert.equal(await page.$('[data-testid="card-editor"]'), null, 'the editor closes');
  await openRoute(page, '#/calculator?protocol=clinic-crps-low&weight_kg=70');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '21 mg/h');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

for (const [name, block] of [
  ['full', () => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; }],
  ['blocked', () => {
    Object.defineProperty(window, 'sessionStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  }],
]) {
  test(`with the tab's storage ${name}, the editor's changes survive the app's pages and it says a reload loses them`, async () => {
    const { context, page, consoleErrors } = await launch();
    await context.addInitScript(block);
    await openRoute(page, '#/protocols?card=crps-4h');
    await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
    await page.waitForSelector('[data-testid="card-editor"]');
    assert.equal(await page.$('[data-testid="editor-not-kept"]'), null, 'nothing to say before a change');
    const start = JSON.parse(await page.inputValue('[data-testid="editor-text"]'));
    const edited = JSON.stringify({ ...start, name: 'Our clinic CRPS' }, null, 2);
    await setEditorText(page, edited);
    assert.match(await page.textContent('[data-testid="editor-not-kept"]'),
      /Your changes cannot be kept in this browser \(the browser('s storage for this page is full| does not allow storage for this page)\): .* a reload or closing the tab loses them\. Download the draft to keep it\./);
    await awayAndBack(page, edited);
    // Brought back, it still says a reload would lose it.
    assert.match(await page.textContent('[data-testid="editor-not-kept"]'), /a reload or closing the tab loses them/);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
}

/** Storage that refuses this page's writes while `window.__full` is set. */
const FILLING_STORAGE = () => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (window.__full && this === window.localStorage) throw new DOMException('full', 'QuotaExceededError');
    return setItem.call(this, key, value);
  };
};

test('with the browser\'s storage full, imported cards stay on the page, replacements are named, and the next saved change keeps them all', async () => {
  const { context, page, consoleErrors } = await launch();
  // Storage that fills up, then has room again, on request.
  await context.addInitScript(FILLING_STORAGE);
  await openRoute(page, '#/protocols');
  await page.evaluate(() => { window.__full = true; });
  const listed = () => page.$$eval('[data-testid="card-row"][data-imported="true"]', (rows) => rows.map((r) => r.dataset.cardId).sort());
  await importFiles(page, [file('a.json', clinicCard('clinic-a'))]);
  assert.match(await page.textContent('[data-testid="not-saved"]'),
    /^It could not be saved in this browser \(.*\)\. It stays on this page; closing or reloading the page loses it, unless a later change to the cards here is saved\.$/);
  assert.match(await page.textContent('[data-testid="saved-state"]'),
    /This browser did not save the last change to the imported cards \(.*\)\. The cards listed here stay on this page; closing or reloading it loses what was not saved, unless a later import or removal here is saved/);
  // The next import starts from the cards on the page, not from storage,
  // which lacks clinic-a: it stays, and so do two files picked together.
  await importFiles(page, [file('b.json', clinicCard('clinic-b'))]);
  assert.deepEqual(await listed(), ['clinic-a', 'clinic-b']);
  await importFiles(page, [file('c.json', clinicCard('clinic-c')), file('d.json', clinicCard('clinic-d'))]);
  assert.deepEqual(await listed(), ['clinic-a', 'clinic-b', 'clinic-c', 'clinic-d']);
  // A new version of a card held only on the page is named as a replacement.
  await importFiles(page, [file('a2.json', clinicCard('clinic-a', { version: '2.0.0' }))]);
  assert.match(await page.textContent('[data-testid="import-message"]'), /It replaces the imported card with the same id/);
  assert.equal(await storedCards(page), null, 'nothing was saved');
  // Room again: the next change saves every card on the page.
  await page.evaluate(() => { window.__full = false; });
  await importFiles(page, [file('e.json', clinicCard('clinic-e'))]);
  assert.equal(await page.$('[data-testid="not-saved"]'), null);
  assert.equal(await page.$('[data-testid="saved-state"]'), null);
  const saved = (await storedCards(page)).cards.map((c) => c.card.id).sort();
  assert.deepEqual(saved, ['clinic-a', 'clinic-b', 'clinic-c', 'clinic-d', 'clinic-e']);
  // Full again: a card identical to a saved one changes nothing and asks
  // for no write, so nothing says it is lost.
  await page.evaluate(() => { window.__full = true; });
  await importFiles(page, [file('e.json', clinicCard('clinic-e'))]);
  assert.match(await page.textContent('[data-testid="import-message"]'), /Nothing in it differs/);
  assert.equal(await page.$('[data-testid="not-saved"]'), null);
  assert.equal(await page.$('[data-testid="saved-state"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a removal the browser does not save says a reload brings the card back, and it does', async () => {
  const { context, page, consoleErrors } = await launch();
  await context.addInitScript(FILLING_STORAGE);
  await openRoute(page, '#/protocols');
  // Two cards: removing the last one removes the saved entry, which full storage allows.
  await importFiles(page, [file('a.json', clinicCard('clinic-a')), file('b.json', clinicCard('clinic-b'))]);
  const saved = async () => (await storedCards(page))?.cards.map((c) => c.card.id).sort();
  assert.deepEqual(await saved(), ['clinic-a', 'clinic-b']);
  await openRoute(page, '#/protocols?card=clinic-a');
  await page.evaluate(() => { window.__full = true; });
  await page.click('[data-testid="card-view"] [data-testid="remove-card"]');
  await page.click('[data-testid="confirm-remove"]');
  await page.waitForSelector('[data-testid="card-row"][data-card-id="clinic-a"]', { state: 'detached' });
  assert.match(await page.textContent('[data-testid="protocols-status"]'),
    /^The card “clinic-a” was removed from this page, but this browser did not save the change \(.+\): reloading or closing the page brings the card back, unless a later change to the cards here is saved\.$/);
  assert.deepEqual(await saved(), ['clinic-a', 'clinic-b'], 'still saved');
  // As it says: a reload brings it back.
  await page.reload();
  await page.waitForSelector('[data-testid="card-row"][data-card-id="clinic-a"]');
  // Saved, a removal says so plainly.
  await openRoute(page, '#/protocols?card=clinic-a');
  await page.click('[data-testid="card-view"] [data-testid="remove-card"]');
  await page.click('[data-testid="confirm-remove"]');
  await page.waitForSelector('[data-testid="card-row"][data-card-id="clinic-a"]', { state: 'detached' });
  assert.equal(await page.textContent('[data-testid="protocols-status"]'), 'The card “clinic-a” was removed from this browser.');
  assert.deepEqual(await saved(), ['clinic-b']);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the calculator says why a card imported on a page whose save was refused went when another tab saved', async () => {
  const { context, page, consoleErrors } = await launch();
  await context.addInitScript(FILLING_STORAGE);
  await openRoute(page, '#/protocols');
  await page.evaluate(() => { window.__full = true; });
  await importFiles(page, [file('held.json', clinicCard('clinic-held')), file('same.json', clinicCard('clinic-same'))]);
  await openRoute(page, '#/calculator?protocol=clinic-held&weight_kg=70&age_years=40');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.$('[data-testid="card-left-out"]'), null, 'nothing to say yet');
  // Another tab saves 20 cards, one of them a different card under the id clinic-same.
  const other = await context.newPage();
  await other.goto(page.url());
  await other.waitForSelector('main[data-route="/calculator"]');
  await other.evaluate(([key, crps]) => {
    const cards = Array.from({ length: 20 }, (_, i) => (i === 0
      ? { ...crps, id: 'clinic-same', name: 'Saved by the other tab' }
      : { ...crps, id: `clinic-m${i}`, name: `Clinic card ${i}` }));
    localStorage.setItem(key, JSON.stringify({
      format: 'ketamine-dosing-reference/imported-cards', version: 1,
      cards: cards.map((card) => ({ file_name: `${card.id}.json`, imported_on: '2026-12-03', card })),
    }));
  }, [KEY, builtin('crps-4h')]);
  // Past the limits: no figure, and the page says why.
  await page.waitForSelector('[data-testid="card-left-out"]');
  assert.equal(await page.textContent('[data-testid="card-left-out"]'),
    'The card “clinic-held” imported on this page is no longer on it: another tab saved imported cards meanwhile, and with them it could not be kept within the limits of 20 cards and 2 MB. Import it again on the Protocol cards page after removing a card, or choose another card.');
  assert.match(await page.textContent('[data-testid="unknown-card"]'),
    /^No figure: this card is no longer on this pageThe card “clinic-held” was left out when another tab saved its cards \(see above\)\. Choose another card above, or import it again on the Protocol cards page\.$/);
  assert.equal(await page.$('[data-testid="rate-mg-per-h"]'), null);
  // A different card under the same id: its figures, said to be the other tab's.
  await openRoute(page, '#/calculator?protocol=clinic-same&weight_kg=70&age_years=40');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.match(await page.textContent('main h2'), /Saved by the other tab/);
  assert.equal(await page.textContent('[data-testid="card-left-out"]'),
    'Another tab saved a different card under the id “clinic-same” meanwhile. The figures here come from that card, not from the one imported on this page: check which is meant, and import yours again on the Protocol cards page if needed.');
  // A built-in card: nothing to say.
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70&age_years=40');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.$('[data-testid="card-left-out"]'), null);
  await other.close();
  await context.close();
  assert.deepEqual(consoleErrors, []);
});

test('the editor\'s changes survive leaving the page and a reload, and are never discarded unasked', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols?card=crps-4h');
  // The card leads to the calculator and to its course on a calendar.
  assert.equal(await page.getAttribute('[data-testid="card-calculator"]', 'href'), '#/calculator?protocol=crps-4h');
  await page.click('[data-testid="card-schedule"]');
  await page.waitForSelector('main[data-route="/schedule"]');
  assert.equal(await page.inputValue('#schedule-protocol'), 'crps-4h');
  await page.goBack();
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  const start = JSON.parse(await page.inputValue('[data-testid="editor-text"]'));
  const edited = JSON.stringify({ ...start, name: 'Our clinic CRPS' }, null, 2);
  await setEditorText(page, edited);
  // Away through the navigation, and back: the draft is there, and said so.
  await awayAndBack(page, edited);
  // A reload too.
  await page.reload();
  await page.waitForSelector('[data-testid="card-editor"]');
  assert.equal(await page.inputValue('[data-testid="editor-text"]'), edited);
  // Another card's "Duplicate and edit" asks first; "Keep editing" keeps it.
  await openRoute(page, '#/protocols?card=outpatient-consensus');
  await page.waitForSelector('[data-testid="card-view"][data-card-id="outpatient-consensus"]');
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="editor-replace"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor-replace');
  await page.click('[data-testid="editor-replace-no"]');
  assert.equal(await page.inputValue('[data-testid="editor-text"]'), edited);
  // Close asks too; "Keep editing" keeps the text and focus returns.
  await page.click('[data-testid="editor-close"]');
  await page.waitForSelector('[data-testid="editor-discard"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor-keep');
  await page.click('[data-testid="editor-keep"]');
  await page.waitForSelector('[data-testid="editor-close"]');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'editor-close');
  assert.equal(await page.inputValue('[data-testid="editor-text"]'), edited);
  // Now discard: closed, and nothing comes back on the next visit. The
  // line that said the changes were back goes with them.
  assert.match(await page.textContent('[data-testid="protocols-status"]'), /Your unsaved changes to a copy of crps-4h are back/);
  await page.click('[data-testid="editor-close"]');
  await page.click('[data-testid="editor-discard"]');
  await page.waitForSelector('[data-testid="card-editor"]', { state: 'detached' });
  assert.equal(await page.textContent('[data-testid="protocols-status"]'), '');
  await page.reload();
  await page.waitForSelector('[data-testid="card-view"]');
  assert.equal(await page.$('[data-testid="card-editor"]'), null);
  // An editor without changes closes at once, and opening another replaces it.
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  await page.click('[data-testid="editor-close"]');
  await page.waitForSelector('[data-testid="card-editor"]', { state: 'detached' });
  // Changes downloaded as a file are kept: closing asks nothing; a change
  // made after the download asks again.
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  await setEditorText(page, edited);
  await Promise.all([page.waitForEvent('download'), page.click('[data-testid="editor-download"]')]);
  await setEditorText(page, `${edited} `);
  await page.click('[data-testid="editor-close"]');
  await page.waitForSelector('[data-testid="editor-discard"]');
  await page.click('[data-testid="editor-keep"]');
  await setEditorText(page, edited);
  await page.click('[data-testid="editor-close"]');
  await page.waitForSelector('[data-testid="card-editor"]', { state: 'detached' });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('verify this calculator: every golden example runs in the browser and passes', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  await page.click('[data-testid="verify-run"]');
  await page.waitForSelector('[data-testid="verify-summary"]');
  assert.equal(await page.getAttribute('[data-testid="verify-summary"]', 'data-all-pass'), 'true');
  const n = GOLDEN.cases.length;
  assert.match(await page.textContent('[data-testid="verify-summary"]'), new RegExp(`^${n} of ${n} cases passed`));
  const cases = await page.$$eval('[data-testid="verify-case"]', (els) => els.map((e) => [e.dataset.case, e.dataset.pass]));
  assert.deepEqual(cases, GOLDEN.cases.map((c) => [c.name, 'true']));
  // Expected and actual figures side by side, as the golden file states them.
  const first = GOLDEN.cases.find((c) => c.expect['rate-mg-per-h']);
  const row = await page.$eval(`[data-testid="verify-case"][data-case="${first.name}"]`, (tb) =>
    [...tb.querySelectorAll('[data-testid="verify-check"]')].map((tr) => [...tr.children].map((c) => c.textContent)));
  assert.ok(row.some(([fig, exp, act, res]) => fig === 'rate-mg-per-h' && exp === first.expect['rate-mg-per-h'] && act === exp && res === 'pass'));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('damaged saved data is reported, never overwritten, and can be discarded', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/');
  await page.evaluate((key) => localStorage.setItem(key, '{"format":"ketamine-dosing-reference/imported-cards","version":9,"cards":[]}'), KEY);
  await openRoute(page, '#/protocols');
  await page.reload();
  await page.waitForSelector('[data-testid="saved-state"]');
  assert.match(await page.textContent('[data-testid="saved-state"]'), /newer version of this app/);
  assert.ok(await page.isDisabled('#card-file'));
  assert.match(await page.textContent('[data-testid="import-blocked"]'), /Importing is paused/);
  assert.match(await page.evaluate((key) => localStorage.getItem(key), KEY), /"version":9/, 'left untouched');
  await page.click('[data-testid="discard-saved"]');
  await page.waitForSelector('[data-testid="saved-state"]', { state: 'detached' });
  await importFiles(page, [file('clinic.json', clinicCard('clinic-after'))]);
  assert.equal((await storedCards(page)).cards[0].card.id, 'clinic-after');
  // A saved card that no longer validates is listed with its problems and removable.
  const stored = await storedCards(page);
  stored.cards.push({ file_name: 'old.json', imported_on: '2026-01-01', card: { ...clinicCard('clinic-old'), base_rate: { value: 9, unit: 'mg_per_kg_per_h', evidence: 'illustrative' } } });
  await page.evaluate(([key, v]) => localStorage.setItem(key, v), [KEY, JSON.stringify(stored)]);
  await page.reload();
  await page.waitForSelector('[data-testid="unusable-card"]');
  assert.ok(await page.$('[data-testid="unusable-card"] [data-path="base_rate.value"]'));
  // A link to it says it is here but cannot be used, not that it is missing.
  await openRoute(page, '#/calculator?protocol=clinic-old&weight_kg=70');
  await page.waitForSelector('[data-testid="unknown-card"]');
  assert.match(await page.textContent('[data-testid="unknown-card"]'),
    /^No figure: this card cannot be usedThe card “clinic-old” is saved in this browser but no longer passes this app's checks/);
  assert.equal(await page.$('[data-testid="rate-mg-per-h"]'), null);
  // So do the card picker, the phone's line and the printed sheet.
  assert.equal(await page.textContent('#protocol option:checked'), 'clinic-old (saved here, but it fails this app\'s checks)');
  assert.equal(await page.textContent('[data-testid="phone-rate"]'),
    'No figure: the card “clinic-old” saved in this browser fails this app\'s checks.');
  const sheet = await page.textContent('[data-testid="print-sheet"]');
  assert.match(sheet, /Protocol card: clinic-old \(saved in this browser, but it fails this app's checks\)/);
  assert.match(sheet, /No figure: the card “clinic-old” saved in this browser fails this app's checks\./);
  assert.doesNotMatch(sheet, /not available/);
  await openRoute(page, '#/schedule?protocol=clinic-old');
  assert.equal(await page.textContent('[data-testid="schedule-unknown-card"]'),
    'The card “clinic-old” is saved in this browser but fails this app\'s checks (the Protocol cards page says why), so the first card is shown.');
  await openRoute(page, '#/protocols?card=clinic-old');
  assert.match(await page.textContent('[data-testid="card-not-here"]'),
    /^The card “clinic-old” is saved in this browser but no longer passes this app's checks: see why under “Saved cards that cannot be used” above\./);
  await page.click('[data-testid="unusable-card"] button');
  await page.waitForSelector('[data-testid="unusable-card"]', { state: 'detached' });
  assert.deepEqual((await storedCards(page)).cards.map((c) => c.card.id), ['clinic-after']);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('single file from file://: import, reload, download and verify work under its no-network policy', async () => {
  const { context, page, consoleErrors, foreignRequests } = await launch();
  await recordCspViolations(context);
  await openRoute(page, '#/protocols', SINGLE_URL);
  await importFiles(page, [file('clinic.json', readmeExample())]);
  await page.waitForSelector('[data-testid="import-ok"][data-card-id="clinic-crps-5day"]');
  await page.reload();
  await page.waitForSelector('[data-testid="card-row"][data-card-id="clinic-crps-5day"][data-imported="true"]');
  await openRoute(page, '#/protocols?card=clinic-crps-5day', SINGLE_URL);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="card-view"] [data-testid="download-card"]')]);
  assert.equal(JSON.parse(readFileSync(await download.path(), 'utf8')).id, 'clinic-crps-5day');
  await page.click('[data-testid="verify-run"]');
  assert.equal(await page.getAttribute('[data-testid="verify-summary"]', 'data-all-pass'), 'true');
  await openRoute(page, '#/calculator?protocol=clinic-crps-5day&weight_kg=70&age_years=40', SINGLE_URL);
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '17.5 mg/h');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('accessibility: imported card, reports, editor and verify results pass axe (WCAG 2.2 AA) with no sideways scroll', async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 900 }]) {
    const { context, page, consoleErrors } = await launch({ viewport });
    await openRoute(page, '#/protocols');
    await importFiles(page, [file('hostile.json', hostileCard()), file('broken.json', '{')]);
    await openRoute(page, '#/protocols?card=hostile-text');
    await page.click('[data-testid="card-view"] [data-testid="show-json"]');
    await page.click('[data-testid="card-view"] [data-testid="remove-card"]');
    await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
    await page.click('[data-testid="verify-run"]');
    await page.waitForSelector('[data-testid="verify-summary"]');
    const found = [];
    const check = async (where) => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
      found.push(...results.violations.flatMap((v) => v.nodes.map((n) => `${where}: ${v.id} ${n.target.join(' ')}`)));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) found.push(`${where}: ${overflow}px sideways scroll`);
    };
    await check(`protocols ${viewport.width}px`);
    await openRoute(page, '#/calculator?protocol=hostile-text&weight_kg=70&age_years=40');
    await page.waitForSelector('[data-testid="rate-mg-per-h"]');
    await check(`calculator ${viewport.width}px`);
    assert.deepEqual(found, []);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

/**
 * In the page: the card list's and the card's table cells, each with its
 * width, how many lines its text takes and the words (letter and digit runs) that the browser broke across
 * lines.
 */
function cardTableCells() {
  return [...document.querySelectorAll('table.card-table tbody :is(th, td), table.card-list tbody :is(th, td)')]
    .map((cell) => {
      const broken = [];
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // Field paths and ids (code) may break anywhere, by design.
        if (node.parentElement.closest('code')) continue;
        for (const m of node.data.matchAll(/[A-Za-z0-9]{2,}/g)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) broken.push(m[0]);
        }
      }
      const table = cell.closest('table');
      const all = document.createRange();
      all.selectNodeContents(cell);
      return {
        where: `${table.dataset.testid ?? table.caption?.textContent} ${cell.dataset.label ?? cell.tagName}`,
        width: cell.getBoundingClientRect().width,
        // Lines of text, about: a short value on one line may be narrow.
        lines: all.getBoundingClientRect().height / parseFloat(getComputedStyle(cell).lineHeight),
        broken,
      };
    });
}

test('card tables and the card list are readable from 320 to 1280 px: no squeezed column, no word broken', async () => {
  const rem = 16;
  for (const width of [320, 360, 800, 1280]) {
    const { context, page, consoleErrors } = await launch({ viewport: { width, height: 800 } });
    for (const route of ['#/protocols', '#/protocols?card=crps-4h']) {
      await openRoute(page, route);
      await page.waitForSelector('[data-testid="card-factors"]');
      await settle(page);
      const cells = await page.evaluate(cardTableCells);
      assert.ok(cells.length > 100, `${width}px ${route}: ${cells.length} cells`);
      const narrow = cells.filter((c) => c.width < 6 * rem && c.lines > 1.5)
        .map((c) => `${c.where}: ${Math.round(c.width)}px, ${c.lines.toFixed(1)} lines`);
      assert.deepEqual(narrow, [], `${width}px ${route}: text wrapped in cells narrower than 6rem`);
      const broken = cells.filter((c) => c.broken.length > 0).map((c) => `${c.where}: ${c.broken.join(' ')}`);
      assert.deepEqual(broken, [], `${width}px ${route}: words broken across lines`);
      if (route.includes('crps-4h')) {
        // Was 101,428 px at 360 px (the factor table alone 82,762 px).
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        assert.ok(height < 30000, `${width}px: the page is ${height}px tall`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px ${route}: ${overflow}px sideways scroll`);
    }
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

/** Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`). */
const pdfPages = (pdf) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

test('printing an open card prints that card alone, on a few A4 pages with readable columns', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols?card=crps-4h');
  await page.waitForSelector('[data-testid="card-factors"]');
  await page.click('[data-testid="card-view"] [data-testid="show-json"]');
  await page.emulateMedia({ media: 'print' });
  await settle(page);
  const shown = await page.evaluate(() => {
    const display = (el) => (el ? getComputedStyle(el).display : 'missing');
    return {
      list: display(document.querySelector('[data-testid="card-list"]').closest('.table-scroll')),
      open: display(document.querySelector('[data-testid="card-row"] a[href^="#/calculator"]')?.closest('.table-scroll')),
      import: display(document.getElementById('import')),
      format: display(document.querySelector('.card-format')),
      schema: display(document.querySelector('[data-testid="download-schema"]')?.closest('section')),
      verify: display(document.getElementById('verify')),
      actions: display(document.querySelector('.card-actions')),
      json: display(document.querySelector('[data-testid="card-json"]')),
      h1: display(document.querySelector('main h1')),
      lead: display(document.querySelector('main .lead')),
      card: display(document.querySelector('[data-testid="card-view"]')),
      title: display(document.querySelector('[data-testid="card-view"] h2')),
      figures: display(document.querySelector('[data-testid="card-figures"]')),
      factors: display(document.querySelector('[data-testid="card-factors"]')),
      sources: display(document.querySelector('.card-sources')),
    };
  });
  assert.deepEqual(shown, {
    list: 'none', open: 'none', import: 'none', format: 'none', schema: 'none', verify: 'none',
    actions: 'none', json: 'none', lead: 'none',
    h1: 'block', card: 'block', title: 'block', figures: 'table', factors: 'table', sources: 'block',
  });
  // Columns wide enough for whole words (they were 5 characters wide).
  const columns = await page.$$eval('.card-table th[scope="col"]', (ths) => ths.map((th) => `${th.textContent}: ${Math.round(th.getBoundingClientRect().width)}`));
  const narrow = columns.filter((c) => Number(c.split(': ')[1]) < 4.5 * 16);
  assert.deepEqual(narrow, [], `print columns: ${columns.join(', ')}`);
  const broken = (await page.evaluate(cardTableCells)).filter((c) => c.broken.length > 0)
    .map((c) => `${c.where}: ${c.broken.join(' ')}`);
  assert.deepEqual(broken, [], 'words broken across lines in print');
  // 36 A4 pages before, with single stacked words on some of them.
  const pages = pdfPages(await page.pdf({ format: 'A4' }));
  assert.ok(pages >= 2 && pages <= 8, `${pages} A4 pages`);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('printed at the width of an A4 page, no citation of a card runs out of its cell into the next one\'s figures', async () => {
  // A4 less the margins: about 718 CSS pixels.
  const { context, page, consoleErrors } = await launch({ viewport: { width: 718, height: 1000 } });
  await page.emulateMedia({ media: 'print' });
  for (const card of ['crps-4h', 'outpatient-consensus', 'crps-continuous']) {
    await openRoute(page, `#/protocols?card=${card}`);
    await page.waitForSelector('[data-testid="card-factors"]');
    await settle(page);
    const over = await page.$$eval('.card-table .cite', (cites) => cites
      .map((c) => [c.textContent, c.getBoundingClientRect().right - c.closest('td, th').getBoundingClientRect().right])
      .filter(([, by]) => by > 1)
      .map(([text, by]) => `${text} by ${Math.round(by)} px`));
    assert.deepEqual(over, [], `${card}: citations past their cell in print`);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('each table of a card has a caption, which names its scrolling region', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
    const { context, page, consoleErrors } = await launch({ viewport });
    await openRoute(page, '#/protocols?card=crps-4h');
    await page.waitForSelector('[data-testid="card-factors"]');
    const tables = await page.$$eval('[data-testid="card-view"] table', (ts) => ts.map((t) => {
      const region = t.closest('[role="region"]');
      const caption = t.caption;
      const r = caption?.getBoundingClientRect();
      return {
        caption: caption?.textContent.trim() ?? '',
        shown: r ? r.width > 0 && r.height > 0 : false,
        labelled: region?.getAttribute('aria-labelledby') === caption?.id && !region.hasAttribute('aria-label'),
      };
    }));
    assert.equal(tables.length, 3);
    for (const t of tables) {
      assert.ok(t.caption.length > 10, `${viewport.width}px: caption "${t.caption}"`);
      assert.ok(t.shown, `${viewport.width}px: caption "${t.caption}" is shown`);
      assert.ok(t.labelled, `${viewport.width}px: the region of "${t.caption}" is labelled by it`);
    }
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test('focus is never lost to the page: closing the editor, discarding its changes, removing an unusable saved card', async () => {
  const { context, page, consoleErrors } = await launch();
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return el === document.body || el === null ? 'body' : (el.dataset.testid ?? el.id ?? el.tagName);
  });
  await openRoute(page, '#/protocols?card=crps-4h');
  // "Close the editor" with no changes: back on the button that opened it.
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  await page.click('[data-testid="editor-close"]');
  await page.waitForSelector('[data-testid="card-editor"]', { state: 'detached' });
  await settle(page);
  assert.equal(await focused(), 'edit-card', 'after closing the editor');
  // "Discard them and close": the same.
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  await setEditorText(page, '{}');
  // Asked, Escape keeps editing, the changes in place.
  await page.click('[data-testid="editor-close"]');
  await page.focus('[data-testid="editor-discard"]');
  await page.keyboard.press('Escape');
  await page.waitForSelector('[data-testid="editor-discard"]', { state: 'detached' });
  assert.equal(await page.inputValue('[data-testid="editor-text"]'), '{}');
  await page.click('[data-testid="editor-close"]');
  await page.click('[data-testid="editor-discard"]');
  await page.waitForSelector('[data-testid="card-editor"]', { state: 'detached' });
  await settle(page);
  assert.equal(await focused(), 'edit-card', 'after discarding the changes');
  // An unusable saved card removed: on the status line that says so.
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({
    format: 'ketamine-dosing-reference/imported-cards', version: 1,
    cards: [{ file_name: 'old.json', imported_on: '2026-01-01', card: { id: 'clinic-old', name: 'Old clinic card' } }],
  })), KEY);
  await page.reload();
  await page.waitForSelector('[data-testid="unusable-card"]');
  await page.click('[data-testid="unusable-card"] button');
  await page.waitForSelector('[data-testid="unusable-card"]', { state: 'detached' });
  await settle(page);
  assert.equal(await focused(), 'protocols-status', 'after removing an unusable card');
  assert.match(await page.textContent('[data-testid="protocols-status"]'), /clinic-old. was removed/);
  // One already removed in another tab: the list drops it, focus goes to the line saying so.
  await page.evaluate((key) => localStorage.setItem(key, JSON.stringify({
    format: 'ketamine-dosing-reference/imported-cards', version: 1,
    cards: [{ file_name: 'old.json', imported_on: '2026-01-01', card: { id: 'clinic-gone', name: 'Gone' } }],
  })), KEY);
  await page.reload();
  await page.waitForSelector('[data-testid="unusable-card"]');
  await page.evaluate((key) => localStorage.removeItem(key), KEY);
  await page.click('[data-testid="unusable-card"] button');
  await page.waitForSelector('[data-testid="unusable-card"]', { state: 'detached' });
  await settle(page);
  assert.match(await page.textContent('[data-testid="protocols-status"]'), /clinic-gone. is no longer in this browser/);
  assert.equal(await focused(), 'protocols-status', 'after removing a card already gone');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a card whose rule for an absolute contraindication gives a dose is stopped all the same, and its page says so', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  // outpatient-consensus under another id, its rule for pregnancy turned into a notice.
  const card = { ...builtin('outpatient-consensus'), id: 'clinic-soft', name: 'Clinic soft card' };
  card.factors = card.factors.map((f) => (f.id === 'pregnancy-breastfeeding' ? { ...f, effects: [{ kind: 'notice', text: 'Noted.' }] } : f));
  await importFiles(page, [file('clinic-soft.json', card)]);
  const said = /This card's rules do not stop the calculation for one contraindication, but the calculator stops all the same and shows no dose, as the app gives no dose there whatever a card says: Pregnant or breastfeeding\./;
  assert.match(await page.textContent('[data-testid="import-cautions"]'), said);
  await openRoute(page, '#/protocols?card=clinic-soft');
  assert.match(await page.textContent('[data-testid="card-view"] [data-testid="unruled-note"]'), said);
  await openRoute(page, '#/calculator?protocol=clinic-soft&weight_kg=70&sex=female&pregnant_or_breastfeeding=true');
  await page.waitForSelector('.calc-results [data-testid="block-reason"]');
  assert.equal(await page.$('.calc-results [data-testid="rate-mg-per-h"]'), null, 'no figure');
  assert.equal(await page.getAttribute('.calc-results [data-testid="block-reason"]', 'data-block-id'), 'no-card-rule-pregnancy-breastfeeding');
  assert.match(await page.textContent('.calc-results [data-testid="block-reason"]'), /^Pregnant or breastfeeding: .*The app stops here whatever a card says/);
  // Switched off for a "what if": still stopped.
  await openRoute(page, '#/calculator?protocol=clinic-soft&weight_kg=70&sex=female&pregnant_or_breastfeeding=true&off=pregnancy-breastfeeding');
  await page.waitForSelector('.calc-results [data-testid="block-reason"]');
  assert.equal(await page.$('.calc-results [data-testid="rate-mg-per-h"]'), null, 'no figure with the rule switched off');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('an imported card edited and imported again in place keeps focus on the card, not the page', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  await importFiles(page, [file('clinic-edit.json', clinicCard('clinic-edit'))]);
  // Opened through its own link: the address names the card already.
  await openRoute(page, '#/protocols?card=clinic-edit&entry=card-clinic-edit');
  await page.waitForSelector('[data-testid="card-view"][data-card-id="clinic-edit"]');
  const address = page.url();
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  const text = await page.inputValue('[data-testid="editor-text"]');
  await setEditorText(page, text.replace('Clinic card clinic-edit', 'Clinic card clinic-edit, edited'));
  await page.focus('[data-testid="editor-import"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="card-editor"]', { state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'card-clinic-edit', null, { timeout: 5000 });
  assert.equal(page.url(), address);
  assert.match(await page.textContent('[data-testid="card-view"] h2'), /Clinic card clinic-edit, edited/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('links that go to different cards have different names: two import reports, a copy named like its built-in card', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/protocols');
  const copy = { ...builtin('crps-4h'), id: 'crps-4h-copy' };
  await importFiles(page, [file('copy.json', copy), file('clinic-b.json', clinicCard('clinic-b'))]);
  assert.equal(await page.locator('[data-testid="import-ok"]').count(), 2);
  // A screen reader's list of links: each name leads to one place.
  const clashes = () => page.$$eval('main a[href]', (links) => {
    const places = new Map();
    for (const a of links) {
      const name = (a.getAttribute('aria-label') ?? a.textContent).trim();
      places.set(name, new Set([...(places.get(name) ?? []), a.getAttribute('href')]));
    }
    return [...places].filter(([, hrefs]) => hrefs.size > 1).map(([name, hrefs]) => `${name}: ${[...hrefs].join(' ')}`);
  });
  assert.deepEqual(await clashes(), []);
  assert.equal(await page.textContent('[data-testid="import-ok"][data-card-id="clinic-b"] .link-row'), 'Inspect clinic-bOpen clinic-b in the calculator');
  const names = await page.$$eval('[data-testid="card-row"] th a', (as) => as.map((a) => a.getAttribute('aria-label')));
  assert.ok(names.includes('CRPS outpatient 4-hour infusions (Schwartzman 2009 style) (crps-4h)'), names.join(' | '));
  assert.ok(names.includes('CRPS outpatient 4-hour infusions (Schwartzman 2009 style) (crps-4h-copy)'), names.join(' | '));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('an import from the editor that the browser refuses (its 20 cards kept) is shown, not left below the window', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width: 1280, height: 900 } });
  await openRoute(page, '#/protocols');
  const cards = Array.from({ length: 20 }, (_, i) => ({
    file_name: `c${i}.json`, imported_on: '2026-12-01', card: clinicCard(`clinic-${i + 1}`),
  }));
  await page.evaluate(([key, cards]) => localStorage.setItem(key, JSON.stringify({
    format: 'ketamine-dosing-reference/imported-cards', version: 1, cards,
  })), [KEY, cards]);
  await page.reload();
  await page.waitForSelector('[data-testid="card-row"][data-card-id="clinic-20"]');
  await openRoute(page, '#/protocols?card=crps-4h');
  await page.click('[data-testid="card-view"] [data-testid="edit-card"]');
  await page.waitForSelector('[data-testid="card-editor"]');
  const text = JSON.parse(await page.inputValue('[data-testid="editor-text"]'));
  await setEditorText(page, JSON.stringify({ ...text, id: 'limit-test' }, null, 2));
  await page.click('[data-testid="editor-import"]');
  await page.waitForSelector('[data-testid="import-refused"]');
  await page.waitForFunction(() => document.activeElement?.id === 'import-results');
  const box = await page.$eval('#import-results', (e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom]; });
  assert.ok(box[0] >= 0 && box[0] < 900, `the report's top at ${box[0]}px`);
  assert.match(await page.textContent('[data-testid="import-refused"]'), /20/);
  // The editor and its text are still there to come back to.
  assert.match(await page.inputValue('[data-testid="editor-text"]'), /"id": "limit-test"/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
