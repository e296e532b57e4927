// End-to-end: the patient diary on the release build. An entry saved from
// the form is on the chart and in the table and survives a reload; wrong
// input is explained at its field; edit, delete and undo; export, then
// import into an empty browser, and an import never changes a day the
// diary has; saved text that cannot be read is kept and offered as a file;
// a long diary's table shows its newest entries, the rest on request.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openRoute, closeBrowser, settle } from './helpers.mjs';

after(closeBrowser);

const FORMAT = 'ketamine-dosing-reference/diary';
const rows = (page) => page.$$eval('[data-testid="diary-row"]', (r) => r.map((x) => x.dataset.date));
const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('kdr.diary') ?? 'null'));
const today = (page) => page.evaluate(() => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
});

async function openDiary(options = {}) {
  const opened = await launch(options);
  await openRoute(opened.page, '#/diary');
  await opened.page.waitForSelector('#diary-date');
  return opened;
}

test('an entry saved from the form is charted, listed, saved and still there after a reload', async () => {
  const started = Date.now();
  const { context, page, consoleErrors } = await openDiary();
  const day = await today(page);
  assert.equal(await page.inputValue('#diary-date'), day);
  await page.waitForSelector('[data-testid="diary-empty"]');
  // Opening the page, and typing, leaves nothing in the browser's storage.
  await page.fill('#diary-note', 'Floaty');
  await settle(page);
  assert.equal(await saved(page), null);

  await page.fill('#diary-date', '2026-11-02');
  await page.selectOption('#diary-pain', '7');
  await page.selectOption('#diary-sleep', '3');
  await page.check('#diary-infusion');
  await page.check('#diary-effect-dizziness');
  await page.fill('#diary-note', 'Floaty for an hour.');
  assert.match(await page.textContent('#diary-note-count'), /^19 of 1,000 characters$/);
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-row"]');
  assert.match(await page.textContent('[data-testid="diary-notice"]'), /Saved the entry for Mon 2 Nov 2026\./);
  // The form is ready for the next day.
  assert.equal(await page.inputValue('#diary-date'), day);
  assert.equal(await page.inputValue('#diary-pain'), '');
  assert.equal(await page.isChecked('#diary-infusion'), false);

  const cells = await page.$$eval('[data-testid="diary-row"] td[data-label]', (c) => Object.fromEntries(c.map((x) => [x.dataset.label, x.textContent])));
  assert.deepEqual(cells, { Infusion: 'Yes', Pain: '7', Sleep: '3', Mood: '\u2013', 'Side effects': 'Dizziness or light-headedness', Note: 'Floaty for an hour.' });
  assert.equal(await page.textContent('[data-testid="diary-row"] th'), 'Mon 2 Nov 2026');
  assert.equal(await page.$$eval('[data-testid="diary-chart-infusion"]', (g) => g.length), 1);
  assert.match(await page.textContent('#diary-chart-title'), /1 entry from Mon 2 Nov 2026 to Mon 2 Nov 2026, with 1 infusion day marked/);

  // A second day: pain and mood.
  await page.fill('#diary-date', '2026-11-05');
  await page.selectOption('#diary-pain', '4');
  await page.selectOption('#diary-mood', '6');
  await page.click('[data-testid="diary-save"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 2);
  assert.deepEqual(await rows(page), ['2026-11-05', '2026-11-02']);
  // The saved text is the export file's, with when each day was saved (for
  // other tabs to merge with): by this machine's clock, in saving order.
  const { changed, deleted, ...file } = await saved(page);
  assert.deepEqual(file, {
    format: FORMAT, version: 1, entries: [
      { date: '2026-11-02', infusion: true, pain: 7, sleep: 3, side_effects: ['dizziness'], note: 'Floaty for an hour.' },
      { date: '2026-11-05', infusion: false, pain: 4, mood: 6, side_effects: [], note: '' },
    ],
  });
  assert.deepEqual(Object.keys(changed), ['2026-11-02', '2026-11-05']);
  assert.ok(started <= changed['2026-11-02'] && changed['2026-11-02'] <= changed['2026-11-05'] && changed['2026-11-05'] <= Date.now(), JSON.stringify(changed));
  assert.deepEqual(deleted, {});
  // Pain has a line through two points; sleep and mood one point each, no line.
  // Each score's markers are one path, a subpath (M) per point: circles
  // (arcs) for pain, squares for sleep, triangles for mood.
  const markers = (score) => page.getAttribute(`[data-score="${score}"] path.chart-markers`, 'd');
  const pain = await markers('pain');
  assert.equal(pain.match(/M/g).length, 2, pain);
  assert.equal(pain.match(/a/g).length, 4, pain);
  assert.equal(await page.$$eval('[data-score="pain"] .chart-line', (p) => p.length), 1);
  assert.match(await markers('sleep'), /^M[\d.]+ [\d.]+m-3\.5 -3\.5h7v7h-7z$/);
  assert.match(await markers('mood'), /^M[\d.]+ [\d.]+m0 -4\.5l4\.5 8h-9z$/);
  assert.equal(await page.$$eval('[data-score="mood"] .chart-line, [data-score="sleep"] .chart-line', (p) => p.length), 0);

  await page.reload();
  await page.waitForSelector('[data-testid="diary-row"]');
  assert.deepEqual(await rows(page), ['2026-11-05', '2026-11-02']);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('wrong input is explained at its field and nothing is saved', async () => {
  const { context, page, consoleErrors } = await openDiary();
  // Nothing recorded.
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('#diary-save-error');
  assert.match(await page.textContent('#diary-save-error'), /Nothing to save yet/);
  assert.equal(await page.getAttribute('#diary-save', 'aria-describedby'), 'diary-save-error');
  // A day that has not come yet.
  await page.fill('#diary-date', '2099-01-01');
  await page.selectOption('#diary-pain', '2');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('#diary-date-error');
  assert.match(await page.textContent('#diary-date-error'), /has not come yet/);
  // Focus goes to the field at fault.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-date');
  assert.equal(await page.getAttribute('#diary-date', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#diary-date', 'aria-describedby'), 'diary-date-error');
  // What was typed is kept.
  assert.equal(await page.inputValue('#diary-pain'), '2');
  // A second entry for a day.
  await page.fill('#diary-date', '2026-11-02');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-row"]');
  await page.fill('#diary-date', '2026-11-02');
  await page.selectOption('#diary-pain', '5');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('#diary-date-error');
  assert.match(await page.textContent('#diary-date-error'), /already an entry for Mon 2 Nov 2026/);
  assert.equal((await saved(page)).entries.length, 1);
  assert.equal((await saved(page)).entries[0].pain, 2);
  // The day's field keeps its width beside the wider error (it stretched to it).
  const dateWidth = () => page.$eval('#diary-date', (d) => d.getBoundingClientRect().width);
  const errorWidth = await page.$eval('#diary-date-error', (e) => e.getBoundingClientRect().width);
  assert.ok(await dateWidth() < errorWidth, `${await dateWidth()} px field, ${errorWidth} px error`);
  // Another day chosen: the error about the old one goes at once (it stayed
  // until the next save), and the field is no longer marked invalid.
  await page.fill('#diary-date', '2026-11-04');
  await page.waitForSelector('#diary-date-error', { state: 'detached' });
  assert.equal(await page.getAttribute('#diary-date', 'aria-invalid'), null);
  // A note over 1000 characters.
  await page.fill('#diary-date', '2026-11-03');
  await page.fill('#diary-note', 'a'.repeat(1001));
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('#diary-note-error');
  assert.match(await page.textContent('#diary-note-error'), /1,001 characters long; keep it to 1,000\./);
  assert.equal((await saved(page)).entries.length, 1);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('edit in place, delete and undo', async () => {
  const { context, page, consoleErrors } = await openDiary();
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), {
    format: FORMAT, version: 1, entries: [
      { date: '2026-11-02', pain: 7 }, { date: '2026-11-05', pain: 5, note: 'keep me' },
    ],
  });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-row"]');
  // A new entry half typed is set aside during the edit, and comes back after it.
  await page.fill('#diary-note', 'half a thought');
  await page.click('[data-testid="diary-row"][data-date="2026-11-02"] [data-testid="diary-edit"]');
  await page.waitForSelector('text=Edit the entry for Mon 2 Nov 2026');
  assert.equal(await page.inputValue('#diary-note'), '');
  assert.match(await page.textContent('[data-testid="diary-notice"]'), /The new entry you were typing is kept/);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-date');
  assert.equal(await page.inputValue('#diary-pain'), '7');
  await page.selectOption('#diary-pain', '3');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('text=Saved the changes to Mon 2 Nov 2026.');
  assert.deepEqual((await saved(page)).entries.map((e) => [e.date, e.pain]), [['2026-11-02', 3], ['2026-11-05', 5]]);
  assert.equal(await page.inputValue('#diary-note'), 'half a thought');
  await page.fill('#diary-note', '');

  await page.click('[data-testid="diary-row"][data-date="2026-11-05"] [data-testid="diary-delete"]');
  await page.waitForSelector('[data-testid="diary-undo"]');
  // The pressed button is gone: focus moves to Undo, then to the entry put back.
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'diary-undo');
  assert.deepEqual(await rows(page), ['2026-11-02']);
  assert.equal((await saved(page)).entries.length, 1);
  await page.click('[data-testid="diary-undo"]');
  await page.waitForSelector('[data-testid="diary-row"][data-date="2026-11-05"]');
  assert.equal((await saved(page)).entries[1].note, 'keep me');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-edit-2026-11-05');

  // Deleting the whole diary asks first. Each answer removes the buttons
  // pressed, so focus moves: to "Keep them", back to the button that asks,
  // and, once all is gone, to the form's day.
  const focused = () => page.evaluate(() => document.activeElement?.id);
  await page.click('[data-testid="diary-clear"]');
  assert.equal(await focused(), 'diary-clear-no');
  // The button that takes focus is described by the question it answers.
  const question = await page.getAttribute('#diary-clear-no', 'aria-describedby');
  assert.match(await page.textContent(`#${question}`), /^Delete all \d+ entries from this browser\? Export first/);
  await page.click('[data-testid="diary-clear-no"]');
  assert.equal(await focused(), 'diary-clear');
  // Escape gives the safe answer too, from either button.
  for (const on of ['diary-clear-no', 'diary-clear-yes']) {
    await page.click('[data-testid="diary-clear"]');
    await page.focus(`[data-testid="${on}"]`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="diary-clear-yes"]', { state: 'detached' });
    assert.equal(await focused(), 'diary-clear', on);
  }
  await page.click('[data-testid="diary-clear"]');
  assert.equal((await saved(page)).entries.length, 2);
  await page.click('[data-testid="diary-clear-yes"]');
  await page.waitForSelector('[data-testid="diary-empty"]');
  assert.deepEqual((await saved(page)).entries, []);
  // Focus on the line that says so (the form's day was far above it on a phone).
  assert.equal(await focused(), 'diary-notice-text');
  assert.equal(await page.textContent('#diary-notice-text'), 'Deleted the whole diary (2 entries).');
  // What was just done is not printed.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('[data-testid="diary-notice"]'), false);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('export, import into an empty browser, and an import never changes a day the diary has', async () => {
  const first = await openDiary({ acceptDownloads: true });
  const entries = [
    { date: '2026-11-02', infusion: true, pain: 7, sleep: 3, mood: 4, side_effects: ['dizziness'], note: 'First.' },
    { date: '2026-11-05', infusion: false, pain: 5, side_effects: [], note: '' },
  ];
  await first.page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries });
  await first.page.reload();
  await first.page.waitForSelector('[data-testid="diary-row"]');
  const [download] = await Promise.all([first.page.waitForEvent('download'), first.page.click('[data-testid="diary-export"]')]);
  assert.equal(download.suggestedFilename(), `ketamine-diary-${await today(first.page)}.json`);
  const exported = readFileSync(await download.path(), 'utf8');
  assert.deepEqual(JSON.parse(exported), { format: FORMAT, version: 1, entries });
  assert.deepEqual(first.consoleErrors, []);
  await first.context.close();

  // Another browser with one day of its own, the same day differing.
  const second = await openDiary();
  const { page } = second;
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), {
    format: FORMAT, version: 1, entries: [{ date: '2026-11-05', pain: 9 }],
  });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-row"]');
  const dir = mkdtempSync(join(tmpdir(), 'kdr-diary-'));
  const file = join(dir, 'my-diary.json');
  writeFileSync(file, exported);
  await page.setInputFiles('[data-testid="diary-file"]', file);
  await page.waitForSelector('[data-testid="diary-import-ok"]');
  assert.equal(await page.textContent('[data-testid="diary-import-ok"]'),
    '\u201cmy-diary.json\u201d: 1 day added; 1 day already in the diary with a different entry, kept as in this browser (Thu 5 Nov 2026).');
  assert.deepEqual(await rows(page), ['2026-11-05', '2026-11-02']);
  assert.deepEqual((await saved(page)).entries.map((e) => [e.date, e.pain]), [['2026-11-02', 7], ['2026-11-05', 9]]);

  // A file that is not a diary changes nothing.
  const bad = join(dir, 'card.json');
  writeFileSync(bad, JSON.stringify({ format: 'something-else', version: 1, entries: [] }));
  await page.setInputFiles('[data-testid="diary-file"]', bad);
  await page.waitForSelector('[data-testid="diary-import-refused"]');
  assert.equal(await page.textContent('[data-testid="diary-import-refused"]'),
    '\u201ccard.json\u201d was not imported, nothing changed: it is not a diary file saved by this app. A diary file is named ketamine-diary-YYYY-MM-DD.json.');
  assert.equal((await saved(page)).entries.length, 2);
  // A protocol card, as #/protocols offers it, is named as one.
  const card = join(dir, 'crps-4h.json');
  writeFileSync(card, readFileSync(new URL('../../assets/protocols/crps-4h.json', import.meta.url)));
  await page.setInputFiles('[data-testid="diary-file"]', card);
  await page.waitForFunction(() => document.querySelector('[data-testid="diary-import-refused"]')?.textContent.startsWith('\u201ccrps-4h.json'));
  assert.equal(await page.textContent('[data-testid="diary-import-refused"]'),
    '\u201ccrps-4h.json\u201d was not imported, nothing changed: it is not a diary file: it looks like a protocol card (a file for the calculator), not a diary saved by this app. A diary file is named ketamine-diary-YYYY-MM-DD.json.');
  assert.equal((await saved(page)).entries.length, 2);
  assert.deepEqual(second.consoleErrors, []);
  await second.context.close();
});

test('saved text that cannot be read is kept, offered as a file, and replaced only on a yes', async () => {
  const { context, page, consoleErrors } = await openDiary({ acceptDownloads: true });
  const damaged = '{"format":"ketamine-dosing-reference/diary","version":1,"entries":[{"date":"2026-11-0';
  await page.evaluate((t) => localStorage.setItem('kdr.diary', t), damaged);
  await page.reload();
  await page.waitForSelector('[data-testid="diary-unreadable"]');
  assert.match(await page.textContent('[data-testid="diary-unreadable"]'), /cannot be read .*It has not been changed or deleted/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="diary-download-unreadable"]')]);
  assert.equal(readFileSync(await download.path(), 'utf8'), damaged);
  // Saving is refused meanwhile, and the saved text is untouched.
  await page.selectOption('#diary-pain', '4');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('#diary-save-error');
  assert.equal(await page.evaluate(() => localStorage.getItem('kdr.diary')), damaged);
  await page.click('[data-testid="diary-fresh"]');
  assert.equal(await page.evaluate(() => localStorage.getItem('kdr.diary')), damaged);
  // Focus on the safe answer; Escape gives it, and focus is back on the button that asks.
  await page.waitForFunction(() => document.activeElement?.id === 'diary-fresh-no');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.id === 'diary-fresh');
  assert.equal(await page.$('[data-testid="diary-fresh-yes"]'), null);
  await page.click('[data-testid="diary-fresh"]');
  await page.click('[data-testid="diary-fresh-yes"]');
  await page.waitForFunction(() => !document.querySelector('[data-testid="diary-unreadable"]'));
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-row"]');
  assert.equal((await saved(page)).entries[0].pain, 4);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('two tabs of the diary keep each other\'s entries', async () => {
  const { context, page: first, consoleErrors } = await openDiary();
  const second = await context.newPage();
  const secondErrors = [];
  second.on('pageerror', (e) => secondErrors.push(e.message));
  await openRoute(second, '#/diary');
  await second.waitForSelector('#diary-date');

  await first.fill('#diary-date', '2026-11-02');
  await first.selectOption('#diary-pain', '6');
  await first.click('[data-testid="diary-save"]');
  // The other tab shows it without a reload ...
  await second.waitForSelector('[data-testid="diary-row"][data-date="2026-11-02"]');
  // ... and what it saves next keeps it. A row arriving next to the one in
  // focus leaves the focus on the same day's button.
  await first.focus('#diary-edit-2026-11-02');
  await second.fill('#diary-date', '2026-11-01');
  await second.selectOption('#diary-mood', '4');
  await second.click('[data-testid="diary-save"]');
  await first.waitForSelector('[data-testid="diary-row"][data-date="2026-11-01"]');
  assert.equal(await first.evaluate(() => document.activeElement?.id), 'diary-edit-2026-11-02');
  assert.deepEqual((await saved(first)).entries.map((e) => e.date), ['2026-11-01', '2026-11-02']);
  assert.deepEqual(await rows(first), ['2026-11-02', '2026-11-01']);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(secondErrors, []);
  await context.close();
});

// Both tabs press "Save entry" in the same moment, each before it has heard
// of the other's write: the browser keeps the later write, so each tab must
// merge what the other wrote when it hears of it. Ten rounds.
async function saveInBoth(first, second, firstDay, secondDay) {
  for (const [page, day] of [[first, firstDay], [second, secondDay]]) {
    await page.fill('#diary-date', day);
    await page.selectOption('#diary-pain', '5');
  }
  const press = () => document.querySelector('[data-testid="diary-save"]').click();
  await Promise.all([first.evaluate(press), second.evaluate(press)]);
}

async function twoDiaryTabs() {
  const opened = await openDiary();
  const second = await opened.context.newPage();
  const secondErrors = [];
  second.on('pageerror', (e) => secondErrors.push(e.message));
  await openRoute(second, '#/diary');
  await second.waitForSelector('#diary-date');
  return { ...opened, second, secondErrors };
}

// Waits until both tabs and the saved text hold exactly `days`.
async function agreeOn(first, second, days) {
  const want = [...days].sort();
  const same = async () => {
    const stored = ((await saved(first))?.entries ?? []).map((e) => e.date);
    const a = (await rows(first)).sort();
    const b = (await rows(second)).sort();
    return JSON.stringify([stored, a, b]) === JSON.stringify([want, want, want]);
  };
  for (let i = 0; i < 100 && !(await same()); i += 1) await first.waitForTimeout(50);
  assert.deepEqual(((await saved(first))?.entries ?? []).map((e) => e.date), want, 'saved text');
  assert.deepEqual((await rows(first)).sort(), want, 'first tab');
  assert.deepEqual((await rows(second)).sort(), want, 'second tab');
}

test('two tabs saving in the same moment both keep both days, ten times over', async () => {
  const { context, page: first, consoleErrors, second, secondErrors } = await twoDiaryTabs();
  const days = [];
  for (let round = 0; round < 10; round += 1) {
    const a = `2026-10-${String(2 * round + 1).padStart(2, '0')}`;
    const b = `2026-10-${String(2 * round + 2).padStart(2, '0')}`;
    await saveInBoth(first, second, a, b);
    days.push(a, b);
    await agreeOn(first, second, days);
  }
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(secondErrors, []);
  await context.close();
});

test('a day deleted in one tab as the other saves a new day stays deleted, and the new day stays', async () => {
  const { context, page: first, consoleErrors, second, secondErrors } = await twoDiaryTabs();
  const kept = [];
  for (let round = 0; round < 5; round += 1) {
    const gone = `2026-09-${String(2 * round + 1).padStart(2, '0')}`;
    const added = `2026-09-${String(2 * round + 2).padStart(2, '0')}`;
    await first.fill('#diary-date', gone);
    await first.selectOption('#diary-pain', '5');
    await first.click('[data-testid="diary-save"]');
    await agreeOn(first, second, [...kept, gone]);
    await second.fill('#diary-date', added);
    await second.selectOption('#diary-mood', '3');
    await Promise.all([
      first.evaluate((d) => document.querySelector(`[data-testid="diary-row"][data-date="${d}"] [data-testid="diary-delete"]`).click(), gone),
      second.evaluate(() => document.querySelector('[data-testid="diary-save"]').click()),
    ]);
    kept.push(added);
    await agreeOn(first, second, kept);
  }
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(secondErrors, []);
  await context.close();
});

test('a tab that missed another tab\'s save (asleep) takes it up when shown again, and its own next save keeps it', async () => {
  // The first tab can stop hearing storage events, as a sleeping tab would
  // (a listener added before the app's).
  const { context, page: first, consoleErrors } = await launch();
  await first.addInitScript(() => {
    window.deaf = false;
    window.addEventListener('storage', (e) => { if (window.deaf) e.stopImmediatePropagation(); });
  });
  await openRoute(first, '#/diary');
  await first.waitForSelector('#diary-date');
  const second = await context.newPage();
  const secondErrors = [];
  second.on('pageerror', (e) => secondErrors.push(e.message));
  await openRoute(second, '#/diary');
  await second.waitForSelector('#diary-date');
  await first.evaluate(() => { window.deaf = true; });
  await second.fill('#diary-date', '2026-08-01');
  await second.selectOption('#diary-pain', '4');
  await second.click('[data-testid="diary-save"]');
  await second.waitForSelector('[data-testid="diary-row"][data-date="2026-08-01"]');
  await first.waitForTimeout(500);
  assert.deepEqual(await rows(first), []);
  // Shown again: the saved diary is read and merged.
  await first.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await first.waitForSelector('[data-testid="diary-row"][data-date="2026-08-01"]');
  await first.fill('#diary-date', '2026-08-02');
  await first.selectOption('#diary-pain', '5');
  await first.click('[data-testid="diary-save"]');
  await agreeOn(first, second, ['2026-08-01', '2026-08-02']);
  // The same when the page comes back from the browser's back-forward cache.
  await second.fill('#diary-date', '2026-08-03');
  await second.selectOption('#diary-pain', '6');
  await second.click('[data-testid="diary-save"]');
  await first.waitForTimeout(500);
  assert.equal(await first.$('[data-testid="diary-row"][data-date="2026-08-03"]'), null);
  await first.evaluate(() => window.dispatchEvent(new Event('pageshow')));
  await first.waitForSelector('[data-testid="diary-row"][data-date="2026-08-03"]');
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(secondErrors, []);
  await context.close();
});

test('a full storage is named on the page, and another tab\'s change to another key loses nothing', async () => {
  const { context, page: first, consoleErrors } = await openDiary();
  const second = await context.newPage();
  await openRoute(second, '#/');
  // The other tab fills this origin's storage to the last few bytes.
  const junk = await second.evaluate(() => {
    const keys = [];
    for (let size = 8 * 1024 * 1024; size >= 8;) {
      try {
        localStorage.setItem(`junk-${keys.length}`, 'x'.repeat(size));
        keys.push(`junk-${keys.length}`);
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return keys;
  });
  assert.ok(junk.length > 0);
  // Each tab checks the quota against its own copy of the storage, which
  // learns of the other tab's writes a moment later: wait until this tab
  // sees the last one (without this the save here could still fit).
  await first.waitForFunction((key) => localStorage.getItem(key) !== null, junk[junk.length - 1]);
  await first.fill('#diary-date', '2026-11-02');
  await first.selectOption('#diary-pain', '6');
  await first.click('[data-testid="diary-save"]');
  await first.waitForSelector('[data-testid="diary-not-saved"]');
  assert.match(await first.textContent('[data-testid="diary-not-saved"]'), /not keeping the diary/);
  assert.equal(await saved(first), null);
  // The other tab frees the space: storage events for its own keys, which
  // must not replace this tab's unsaved diary with the (empty) saved one.
  // This tab notes the storage events after the app's own listener (added
  // first) has had each of them.
  await first.evaluate(() => {
    window.__storageKeys = [];
    window.addEventListener('storage', (e) => window.__storageKeys.push(e.key));
  });
  await second.evaluate((keys) => { for (const k of keys) localStorage.removeItem(k); }, junk);
  await second.evaluate(() => localStorage.setItem('kdr.other', 'x'));
  await first.waitForFunction(() => window.__storageKeys.includes('kdr.other'));
  await settle(first);
  await first.waitForTimeout(50);
  assert.deepEqual(await rows(first), ['2026-11-02']);
  // The next change is kept again, with the unsaved entry.
  await first.fill('#diary-date', '2026-11-03');
  await first.selectOption('#diary-pain', '5');
  await first.click('[data-testid="diary-save"]');
  await first.waitForFunction(() => localStorage.getItem('kdr.diary') !== null);
  assert.deepEqual((await saved(first)).entries.map((e) => e.date), ['2026-11-02', '2026-11-03']);
  await first.waitForSelector('[data-testid="diary-not-saved"]', { state: 'detached' });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a side effect the reference does not know, from a file, is shown and can be unticked', async () => {
  const { context, page, consoleErrors } = await openDiary();
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), {
    format: FORMAT, version: 1, entries: [{ date: '2026-11-02', side_effects: ['dizziness', 'itchy-skin'] }],
  });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-row"]');
  assert.equal(await page.textContent('[data-testid="diary-row"] td[data-label="Side effects"]'), 'Dizziness or light-headedness, itchy-skin');
  await page.click('[data-testid="diary-edit"]');
  assert.equal(await page.isChecked('#diary-effect-itchy-skin'), true);
  await page.uncheck('#diary-effect-itchy-skin');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('text=Saved the changes to Mon 2 Nov 2026.');
  assert.deepEqual((await saved(page)).entries[0].side_effects, ['dizziness']);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the form offers the side effects a patient can notice, in everyday words; one found only by tests shows only where it was ticked', async () => {
  const { context, page, consoleErrors } = await openDiary();
  const labels = () => page.$$eval('.diary-effects label', (ls) => ls.map((l) => l.textContent));
  const offered = await labels();
  assert.equal(offered.length, 9);
  assert.ok(offered.includes('Bladder symptoms (passing urine often or urgently, discomfort)'));
  assert.ok(!offered.some((l) => /misuse|Liver/.test(l)), offered.join(' | '));
  assert.equal(await page.$('#diary-effect-liver-injury'), null);
  // An entry from an earlier version that ticked it keeps it, by name, and it can be unticked.
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), {
    format: FORMAT, version: 1, entries: [{ date: '2026-11-02', side_effects: ['liver-injury'], pain: 2 }],
  });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-row"]');
  assert.equal(await page.textContent('[data-testid="diary-row"] td[data-label="Side effects"]'), 'Liver injury with repeated infusions');
  await page.click('[data-testid="diary-edit"]');
  assert.equal(await page.isChecked('#diary-effect-liver-injury'), true);
  // Unticked, its box stays while the entry is edited, so the change can be taken back.
  await page.uncheck('#diary-effect-liver-injury');
  assert.equal(await page.isChecked('#diary-effect-liver-injury'), false);
  await page.check('#diary-effect-liver-injury');
  await page.uncheck('#diary-effect-liver-injury');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('text=Saved the changes to Mon 2 Nov 2026.');
  assert.deepEqual((await saved(page)).entries[0].side_effects, []);
  assert.equal(await page.$('#diary-effect-liver-injury'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a long diary opens with its newest 100 entries, and shows the rest on request', async () => {
  const { context, page, consoleErrors } = await openDiary();
  // 250 days, one entry each, the newest on 2026-11-30.
  const day = (i) => new Date(Date.UTC(2026, 10, 30) - i * 86400000).toISOString().slice(0, 10);
  const entries = Array.from({ length: 250 }, (_, i) => ({ date: day(249 - i), pain: i % 11 }));
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-more"]');
  let shown = await rows(page);
  assert.equal(shown.length, 100);
  assert.deepEqual([shown[0], shown[99]], [day(0), day(99)]);
  assert.equal(await page.textContent('[data-testid="diary-more-status"]'), 'The table shows the newest 100 of 250 entries.');
  assert.equal(await page.textContent('[data-testid="diary-show-more"]'), 'Show 100 more entries');
  assert.equal(await page.textContent('[data-testid="diary-show-all"]'), 'Show all 250 entries');
  // The chart still draws every day.
  assert.match(await page.textContent('#diary-chart-title'), / 250 entries from Thu 26 Mar 2026 to Mon 30 Nov 2026,/);

  // More: the next 100, and the keyboard goes on from the first of them.
  await page.click('[data-testid="diary-show-more"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 200);
  await page.waitForFunction((id) => document.activeElement?.id === id, `diary-edit-${day(100)}`);
  assert.equal(await page.textContent('[data-testid="diary-show-more"]'), 'Show 50 more entries');
  assert.equal(await page.$('[data-testid="diary-show-all"]'), null);
  // The rest: every row, and nothing more to offer.
  await page.click('[data-testid="diary-show-more"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 250);
  await page.waitForFunction((id) => document.activeElement?.id === id, `diary-edit-${day(200)}`);
  assert.equal(await page.$('[data-testid="diary-more"]'), null);
  shown = await rows(page);
  assert.equal(shown[249], day(249));

  // "Show all" from the first step, after a reload.
  await page.reload();
  await page.waitForSelector('[data-testid="diary-show-all"]');
  await page.click('[data-testid="diary-show-all"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 250);
  await page.waitForFunction((id) => document.activeElement?.id === id, `diary-edit-${day(100)}`);

  // An undone delete that comes back below the rows shown is brought into
  // view, and focus goes to it: 100 days, the oldest deleted, a newer day
  // imported, then Undo (the entry is now the 101st row). The saved text is
  // replaced while the diary is not open: an open diary would take the
  // replacement for another tab's older text and write its days back.
  await openRoute(page, '#/');
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries: entries.slice(150) });
  await page.reload();
  await openRoute(page, '#/diary');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 100);
  assert.equal(await page.$('[data-testid="diary-more"]'), null);
  await page.click(`[data-testid="diary-row"][data-date="${day(99)}"] [data-testid="diary-delete"]`);
  await page.waitForSelector('[data-testid="diary-undo"]');
  await page.setInputFiles('[data-testid="diary-file"]', {
    name: 'newer.json', mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: FORMAT, version: 1, entries: [{ date: '2026-12-01', pain: 2 }] })),
  });
  await page.waitForSelector('[data-testid="diary-import-ok"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 100);
  await page.click('[data-testid="diary-undo"]');
  await page.waitForFunction((id) => document.activeElement?.id === id, `diary-edit-${day(99)}`);
  shown = await rows(page);
  assert.equal(shown.length, 101);
  assert.deepEqual([shown[0], shown[100]], ['2026-12-01', day(99)]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the edit form shows the entry\'s scores after the form was used, cancel and Escape go back to the row', async () => {
  const { context, page, consoleErrors } = await openDiary();
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), {
    format: FORMAT, version: 1, entries: [{ date: '2026-11-20', pain: 3 }, { date: '2026-11-21', mood: 8 }],
  });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-row"]');
  // The patient picks scores in the new-entry form first (the selects are
  // then "dirty": their options' selected attributes no longer move them).
  await page.selectOption('#diary-pain', '9');
  await page.selectOption('#diary-sleep', '2');
  await page.click('[data-testid="diary-row"][data-date="2026-11-20"] [data-testid="diary-edit"]');
  await page.waitForSelector('text=Edit the entry for Fri 20 Nov 2026');
  assert.equal(await page.inputValue('#diary-pain'), '3');
  assert.equal(await page.inputValue('#diary-sleep'), '');
  assert.equal(await page.inputValue('#diary-mood'), '');
  // Cancel: the typed entry is back, shown as it is; focus on the row's Edit.
  await page.click('[data-testid="diary-cancel-edit"]');
  await page.waitForSelector('text=New entry');
  assert.equal(await page.inputValue('#diary-pain'), '9');
  assert.equal(await page.inputValue('#diary-sleep'), '2');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-edit-2026-11-20');
  assert.match(await page.textContent('[data-testid="diary-notice"]'),
    /^Editing cancelled: the entry for Fri 20 Nov 2026 is unchanged, and the new entry you were typing is back in the form\.$/);
  // Another entry's scores, then Escape in the form cancels the edit.
  await page.click('[data-testid="diary-row"][data-date="2026-11-21"] [data-testid="diary-edit"]');
  await page.waitForSelector('text=Edit the entry for Sat 21 Nov 2026');
  assert.deepEqual(await Promise.all(['#diary-pain', '#diary-sleep', '#diary-mood'].map((s) => page.inputValue(s))), ['', '', '8']);
  await page.selectOption('#diary-mood', '');
  await page.keyboard.press('Escape');
  await page.waitForSelector('text=New entry');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-edit-2026-11-21');
  assert.equal((await saved(page)).entries[1].mood, 8);
  // An edit that clears a score saves it cleared.
  await page.click('[data-testid="diary-row"][data-date="2026-11-20"] [data-testid="diary-edit"]');
  await page.waitForSelector('text=Edit the entry for Fri 20 Nov 2026');
  await page.selectOption('#diary-pain', '');
  await page.selectOption('#diary-mood', '4');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('text=Saved the changes to Fri 20 Nov 2026.');
  assert.deepEqual((await saved(page)).entries[0], { date: '2026-11-20', infusion: false, mood: 4, side_effects: [], note: '' });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('printed, the table has its figures under their headings and every entry', async () => {
  const { context, page, consoleErrors } = await openDiary();
  const entries = Array.from({ length: 130 }, (_, i) => {
    const d = new Date(Date.UTC(2026, 5, 1 + i));
    return { date: d.toISOString().slice(0, 10), infusion: i === 0, pain: 8, sleep: 2, mood: 5, side_effects: ['dizziness'], note: 'bad day' };
  });
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries });
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 100);
  await page.emulateMedia({ media: 'print' });
  // The print-out: each visible cell under the visible heading of its column.
  const table = () => page.evaluate(() => {
    const shown = (el) => getComputedStyle(el).display !== 'none';
    const heads = [...document.querySelectorAll('[data-testid="diary-table"] thead th')].filter(shown).map((th) => th.textContent);
    const last = [...document.querySelectorAll('[data-testid="diary-row"]')].pop();
    const cells = [...last.children].filter(shown).map((c) => c.textContent);
    return { heads, cells };
  });
  const { heads, cells } = await table();
  assert.deepEqual(heads, ['Day', 'Infusion', 'Pain', 'Sleep', 'Mood', 'Side effects', 'Note']);
  assert.deepEqual(cells, ['Wed 1 Jul 2026', 'No', '8', '2', '5', 'Dizziness or light-headedness', 'bad day']);
  // Printing (the browser's beforeprint) puts every entry in the table.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 130);
  const all = await table();
  assert.deepEqual(all.cells, ['Mon 1 Jun 2026', 'Yes', '8', '2', '5', 'Dizziness or light-headedness', 'bad day']);
  assert.equal(await page.$('[data-testid="diary-more"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('when the browser keeps nothing, entries stay while the tab is open, across pages', async () => {
  const { context, page, consoleErrors } = await openDiary();
  await page.addInitScript(() => {
    Storage.prototype.setItem = function setItem() { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await page.reload();
  await page.waitForSelector('#diary-date');
  await page.fill('#diary-date', '2026-11-20');
  await page.selectOption('#diary-pain', '3');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-not-saved"]');
  assert.match(await page.textContent('[data-testid="diary-not-saved"]'),
    /stays while this tab is open, also when you visit other pages of this app, but is lost when the tab is closed or reloaded/);
  // A half-typed entry too.
  await page.fill('#diary-note', 'still typing');
  await page.click('text=side effects, for patients');
  await page.waitForSelector('main[data-route="/side-effects"]');
  await page.goBack();
  await page.waitForSelector('[data-testid="diary-row"][data-date="2026-11-20"]');
  assert.equal(await page.inputValue('#diary-note'), 'still typing');
  await page.waitForSelector('[data-testid="diary-not-saved"]');
  assert.equal(await page.isEnabled('[data-testid="diary-export"]'), true);
  // Through the navigation as well.
  await page.click('nav >> text=Sources');
  await page.waitForSelector('main[data-route="/sources"]');
  await page.click('nav >> text=Patient diary');
  await page.waitForSelector('[data-testid="diary-row"][data-date="2026-11-20"]');
  // A reload would lose them: the browser asks first, from any page.
  await page.click('nav >> text=Sources');
  await page.waitForSelector('main[data-route="/sources"]');
  const asked = new Promise((resolve) => {
    page.once('dialog', (d) => { resolve(d.type()); d.dismiss(); });
    setTimeout(() => resolve('no question'), 5000);
  });
  await page.reload({ timeout: 3000 }).catch(() => {});
  assert.equal(await asked, 'beforeunload');
  await page.click('nav >> text=Patient diary');
  await page.waitForSelector('[data-testid="diary-row"][data-date="2026-11-20"]');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a browser that keeps the diary lets the page be left without a question', async () => {
  const { context, page } = await openDiary();
  await page.selectOption('#diary-pain', '3');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-row"]');
  await page.fill('#diary-note', 'half typed');
  let asked = 0;
  page.on('dialog', (d) => { asked += 1; d.dismiss(); });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-row"]');
  assert.equal(asked, 0);
  await context.close();
});

test('a half-typed entry stays when the patient follows the form\'s link and comes back, and what was saved meanwhile is merged', async () => {
  const { context, page, consoleErrors } = await openDiary();
  await page.selectOption('#diary-pain', '8');
  await page.check('#diary-effect-dizziness');
  await page.fill('#diary-note', 'half typed');
  await page.click('text=side effects, for patients');
  await page.waitForSelector('main[data-route="/side-effects"]');
  // Another tab saves a day while this page is away.
  await page.evaluate((format) => localStorage.setItem('kdr.diary', JSON.stringify({
    format, version: 1, entries: [{ date: '2026-11-02', pain: 3 }],
  })), FORMAT);
  await page.goBack();
  await page.waitForSelector('[data-testid="diary-row"][data-date="2026-11-02"]');
  assert.equal(await page.inputValue('#diary-pain'), '8');
  assert.equal(await page.isChecked('#diary-effect-dizziness'), true);
  assert.equal(await page.inputValue('#diary-note'), 'half typed');
  await page.click('[data-testid="diary-save"]');
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('kdr.diary')).entries.length === 2);
  const entries = (await saved(page)).entries;
  assert.deepEqual(entries.map((e) => [e.date, e.pain, e.note ?? '']),
    [['2026-11-02', 3, ''], [await today(page), 8, 'half typed']]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a saved diary the browser would not give when the page opened is not written over', async () => {
  const days = [{ date: '2026-11-10', pain: 1 }, { date: '2026-11-20', pain: 2 }, { date: '2026-11-21', pain: 3 }];
  const text = JSON.stringify({ format: FORMAT, version: 1, entries: days });
  // Refused once (the first read of each load), or every time.
  for (const times of [1, Infinity]) {
    const { context, page } = await openDiary();
    await page.evaluate((t) => localStorage.setItem('kdr.diary', t), text);
    await page.addInitScript((times) => {
      const get = Storage.prototype.getItem;
      window.browserGetItem = get;
      let refused = 0;
      Storage.prototype.getItem = function getItem(key) {
        if (key === 'kdr.diary' && refused < times) {
          refused += 1;
          throw new DOMException('refused', 'UnknownError');
        }
        return get.call(this, key);
      };
    }, times === Infinity ? 1e9 : times);
    await page.reload();
    if (times === Infinity) {
      await page.waitForSelector('[data-testid="diary-not-saved"]');
      assert.match(await page.textContent('[data-testid="diary-not-saved"]'), /did not let the app read the saved diary \(.*refused.*\)\. What you enter stays in this tab.*nothing is written over it meanwhile/);
    }
    await page.selectOption('#diary-pain', '6');
    await page.click('[data-testid="diary-save"]');
    await page.waitForSelector(`[data-testid="diary-row"][data-date="${await today(page)}"]`);
    await settle(page);
    // The page's getItem may refuse: read with the browser's own.
    const stored = await page.evaluate(() => JSON.parse(window.browserGetItem.call(localStorage, 'kdr.diary')));
    if (times === 1) {
      // Read again before the write: the three days and the new one.
      assert.deepEqual(stored.entries.map((e) => e.date), ['2026-11-10', '2026-11-20', '2026-11-21', await today(page)]);
      await page.waitForSelector('[data-testid="diary-not-saved"]', { state: 'detached' });
      assert.deepEqual(await rows(page), [await today(page), '2026-11-21', '2026-11-20', '2026-11-10']);
    } else {
      // Never read: the saved three are left as they were; the new entry
      // is held by the tab, which says so.
      assert.deepEqual(stored.entries, days);
      assert.equal(await page.isVisible('[data-testid="diary-not-saved"]'), true);
    }
    await context.close();
  }
});

test('on a 320 px phone an entry\'s blank side effects and note read "–", the chart labels only its first and last day, and its legend and the form keep their widths', async () => {
  const { context, page, consoleErrors } = await openDiary({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const entries = ['2026-11-23', '2026-11-27', '2026-12-01'].map((date, i) => ({ date, infusion: i === 0, pain: 5 + i }));
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries });
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 3);
  const cells = await page.$$eval('[data-testid="diary-row"]:first-child td[data-label]', (c) => Object.fromEntries(c.map((x) => [x.dataset.label, x.textContent])));
  assert.deepEqual(cells, { Infusion: 'No', Pain: '7', Sleep: '\u2013', Mood: '\u2013', 'Side effects': '\u2013', Note: '\u2013' });
  const ticks = await page.$$eval('[data-testid="diary-chart"] .chart-tick', (t) => t.map((x) => [x.textContent, getComputedStyle(x).display !== 'none']));
  assert.deepEqual(ticks.map(([, shown]) => shown), [true, false, true], JSON.stringify(ticks));
  // An infusion day's line is drawn at least 1.5 px wide on screen, not
  // scaled down with the drawing (it was 0.75 px here).
  const onScreen = await page.$eval('[data-testid="diary-chart"] .chart-infusion line', (l) => {
    const style = getComputedStyle(l);
    const scale = l.ownerSVGElement.getBoundingClientRect().width / l.ownerSVGElement.viewBox.baseVal.width;
    return parseFloat(style.strokeWidth) * (style.vectorEffect === 'non-scaling-stroke' ? 1 : scale);
  });
  assert.ok(onScreen >= 1.5, `${onScreen} px`);
  // Each legend swatch keeps its 34 px, also where its label wraps (they shrank).
  const swatches = () => page.$$eval('.diary-legend svg', (s) => s.map((x) => x.getBoundingClientRect().width));
  assert.deepEqual(await swatches(), [34, 34, 34, 34]);
  // The three scores' selects are one width (pain's, under a longer hint, was wider).
  const selects = () => page.$$eval('.diary-fields select', (s) => s.map((x) => Math.round(x.getBoundingClientRect().width)));
  assert.equal(new Set(await selects()).size, 1, JSON.stringify(await selects()));
  // Wider, the middle day is labelled too.
  await page.setViewportSize({ width: 800, height: 640 });
  await settle(page);
  assert.deepEqual(await page.$$eval('[data-testid="diary-chart"] .chart-tick', (t) => t.map((x) => getComputedStyle(x).display !== 'none')), [true, true, true]);
  assert.deepEqual(await swatches(), [34, 34, 34, 34]);
  assert.equal(new Set(await selects()).size, 1, JSON.stringify(await selects()));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a half-typed entry and an unsaved edit come back after a reload, said, and go once saved, cancelled or cleared', async () => {
  const { context, page, consoleErrors } = await openDiary();
  const kept = () => page.evaluate(() => sessionStorage.getItem('kdr.diary-draft'));
  await page.selectOption('#diary-pain', '7');
  await page.fill('#diary-note', 'half typed');
  await settle(page);
  await page.reload();
  await page.waitForSelector('#diary-date');
  await page.waitForFunction(() => document.querySelector('#diary-note').value === 'half typed');
  assert.equal(await page.inputValue('#diary-pain'), '7');
  assert.equal(await page.textContent('[data-testid="diary-notice"]'), 'Your unsaved entry was brought back into the form.');
  // "Clear the form" empties it, and a button in its place brings the
  // entry back, as it was, until the form is typed in again.
  await page.click('[data-testid="diary-clear-form"]');
  await settle(page);
  assert.equal(await page.inputValue('#diary-note'), '');
  assert.equal(await kept(), null);
  assert.equal(await page.$('[data-testid="diary-clear-form"]'), null);
  // Focus stays in place, on the button that took the pressed one's place:
  // a screen reader reads its name, which says what happened and the undo.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-bring-back');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.equal(await page.inputValue('#diary-note'), 'half typed');
  assert.equal(await page.inputValue('#diary-pain'), '7');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-clear-form');
  assert.notEqual(await kept(), null);
  assert.equal(await page.$('[data-testid="diary-bring-back"]'), null);
  await page.click('[data-testid="diary-clear-form"]');
  await settle(page);
  await page.selectOption('#diary-sleep', '2');
  await settle(page);
  assert.equal(await page.$('[data-testid="diary-bring-back"]'), null);
  await page.click('[data-testid="diary-clear-form"]');
  await settle(page);
  // Given up: a reload finds an empty form.
  await page.reload();
  await page.waitForSelector('#diary-date');
  await settle(page);
  assert.equal(await page.inputValue('#diary-note'), '');
  assert.equal(await page.textContent('[data-testid="diary-notice"]'), '');

  // Saved: nothing is kept.
  await page.fill('#diary-date', '2026-11-22');
  await page.selectOption('#diary-pain', '3');
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-row"][data-date="2026-11-22"]');
  await settle(page);
  assert.equal(await kept(), null);

  // An unsaved edit comes back onto its entry.
  await page.click('#diary-edit-2026-11-22');
  await page.selectOption('#diary-pain', '9');
  await page.fill('#diary-note', 'worse');
  await settle(page);
  await page.reload();
  await page.waitForSelector('[data-testid="diary-cancel-edit"]');
  assert.equal(await page.textContent('#diary-form-title'), 'Edit the entry for Sun 22 Nov 2026');
  assert.equal(await page.inputValue('#diary-pain'), '9');
  assert.equal(await page.inputValue('#diary-note'), 'worse');
  assert.equal(await page.textContent('[data-testid="diary-notice"]'), 'Your unsaved changes to the entry for Sun 22 Nov 2026 were brought back into the form.');
  // The saved entry is unchanged until saved.
  assert.equal((await saved(page)).entries[0].pain, 3);
  await page.click('[data-testid="diary-cancel-edit"]');
  await settle(page);
  assert.equal(await kept(), null);

  // An edit whose entry another tab changed since comes back as a new
  // entry, and saving it is refused: the other tab's entry stays.
  await page.click('#diary-edit-2026-11-22');
  await page.selectOption('#diary-pain', '9');
  await settle(page);
  await page.evaluate((format) => localStorage.setItem('kdr.diary', JSON.stringify({
    format, version: 1, entries: [{ date: '2026-11-22', pain: 5 }],
  })), FORMAT);
  await page.reload();
  await page.waitForFunction(() => document.querySelector('#diary-pain').value === '9');
  assert.equal(await page.textContent('#diary-form-title'), 'New entry');
  assert.match(await page.textContent('[data-testid="diary-notice"]'), /as a new entry, because that entry was changed or deleted since: saving them replaces nothing\. Sun 22 Nov 2026 has an entry already/);
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-error"]');
  assert.deepEqual((await saved(page)).entries, [{ date: '2026-11-22', pain: 5 }]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a browser that refuses session storage says a reload loses what is typed', async () => {
  const { context, page, consoleErrors } = await openDiary();
  await page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    Storage.prototype.setItem = function setItem(key, value) {
      if (this === window.sessionStorage) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return set.call(this, key, value);
    };
  });
  await page.reload();
  await page.waitForSelector('#diary-date');
  await page.selectOption('#diary-pain', '4');
  await page.waitForSelector('[data-testid="diary-form-not-kept"]');
  assert.match(await page.textContent('[data-testid="diary-form-not-kept"]'), /cannot be kept in this browser \(the browser's storage for this page is full\)/);
  // Saved, the line goes.
  await page.click('[data-testid="diary-save"]');
  await page.waitForSelector('[data-testid="diary-form-not-kept"]', { state: 'detached' });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('at 200 % text on a 320 or 360 px phone, every part of an entry fits the list\'s width: the day and Edit and Delete wrap', async () => {
  const { context, page, consoleErrors } = await openDiary({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const entries = [
    { date: '2026-11-22', infusion: true, pain: 7, sleep: 3, mood: 4, side_effects: ['dizziness', 'nausea'], note: 'A long note about the day, with words such as light-headedness.' },
    { date: '2026-11-29', pain: 2 },
  ];
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries });
  await page.reload();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="diary-row"]').length === 2);
  // Text at 200 % (the app's policy refuses a <style> element, not a style
  // set through the DOM): the check below first proves it took effect.
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '32px');
  for (const width of [320, 360]) {
    await page.setViewportSize({ width, height: 640 });
    await settle(page);
    const past = await page.evaluate(() => {
      const list = document.querySelector('.diary-scroll');
      const edge = list.getBoundingClientRect().right;
      const out = [];
      for (const el of list.querySelectorAll('[data-testid="diary-row"], [data-testid="diary-row"] *')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.right > edge + 0.5) out.push(`${el.tagName}.${el.className} "${el.textContent.slice(0, 20)}" ${Math.round(r.right - edge)} px`);
        // Nothing runs out of its own box either (the day's heading).
        if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) out.push(`${el.tagName} "${el.textContent.slice(0, 20)}" runs out of its box`);
      }
      // Nor any text, by its glyphs.
      const walk = document.createTreeWalker(list.querySelector('tbody'), NodeFilter.SHOW_TEXT);
      for (let node = walk.nextNode(); node; node = walk.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && r.right > edge + 0.5) out.push(`text "${node.textContent.slice(0, 20)}" ${Math.round(r.right - edge)} px`);
      }
      if (list.scrollWidth > list.clientWidth + 1) out.push(`the list scrolls sideways by ${list.scrollWidth - list.clientWidth} px`);
      return out;
    });
    assert.deepEqual(past, [], `at ${width} px`);
    // The day is whole, and Edit and Delete are on screen.
    const th = await page.$eval('[data-testid="diary-row"] th', (el) => [el.textContent, el.scrollWidth <= el.clientWidth + 1]);
    assert.deepEqual(th, ['Sun 29 Nov 2026', true]);
    for (const button of await page.$$('[data-testid="diary-row"] button')) {
      const box = await button.boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= width, `a button at ${box.x}+${box.width} of ${width} px`);
    }
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the chart shows every entry or the 30, 90 or 365 days up to the latest one, as chosen', async () => {
  const { context, page, consoleErrors } = await openDiary();
  // A short diary: no choice to make.
  const short = [{ date: '2026-09-01', pain: 3 }, { date: '2026-09-20', pain: 4 }];
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries: short });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-chart"]');
  assert.equal(await page.$('[data-testid="diary-chart-period"]'), null);
  // Entries on 1 Jan, 1 Sep, 2 Oct and 31 Oct.
  const entries = ['2026-01-01', '2026-09-01', '2026-10-02', '2026-10-31'].map((date) => ({ date, pain: 5 }));
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-chart-period"]');
  const marks = async () => (await page.getAttribute('[data-score="pain"] .chart-markers', 'd')).match(/M/g).length;
  const options = await page.$$eval('#diary-chart-period option', (o) => o.map((x) => [x.value, x.textContent]));
  assert.deepEqual(options, [['all', 'All entries'], ['30', '30 days to the latest entry'], ['90', '90 days to the latest entry']]);
  assert.equal(await page.textContent('label[for="diary-chart-period"]'), 'Chart over');
  // A control like the form's selects: as tall, in the page's type size.
  const look = (id) => page.$eval(id, (s) => [s.getBoundingClientRect().height, getComputedStyle(s).fontSize]);
  assert.deepEqual(await look('#diary-chart-period'), await look('#diary-pain'));
  assert.equal(await marks(), 4);
  await page.selectOption('#diary-chart-period', '30');
  await page.waitForFunction(() => document.querySelector('#diary-chart-title').textContent.includes('over the 30 days'));
  assert.equal(await marks(), 2);
  assert.match(await page.textContent('#diary-chart-title'),
    /over the 30 days to Sat 31 Oct 2026: 2 entries from Fri 2 Oct 2026 to Sat 31 Oct 2026, .* 2 older entries are not on it; choose “All entries” to see them\./);
  assert.deepEqual(await page.$$eval('[data-testid="diary-chart"] .chart-tick', (t) => t.map((x) => x.textContent)), ['2 Oct 2026', '16 Oct 2026', '31 Oct 2026']);
  await page.selectOption('#diary-chart-period', '90');
  await page.waitForFunction(() => document.querySelector('#diary-chart-title').textContent.includes('over the 90 days'));
  assert.equal(await marks(), 3);
  await page.selectOption('#diary-chart-period', 'all');
  await page.waitForFunction(() => !document.querySelector('#diary-chart-title').textContent.includes('over the'));
  assert.equal(await marks(), 4);
  // The choice stays while the diary changes, and the rows are all listed.
  await page.selectOption('#diary-chart-period', '30');
  await page.fill('#diary-date', '2026-11-01');
  await page.selectOption('#diary-pain', '2');
  await page.click('[data-testid="diary-save"]');
  await page.waitForFunction(() => document.querySelector('#diary-chart-title').textContent.includes('to Sun 1 Nov 2026'));
  assert.equal(await page.inputValue('#diary-chart-period'), '30');
  // 3 Oct to 1 Nov: 31 Oct and 1 Nov.
  assert.equal(await marks(), 2);
  assert.equal((await rows(page)).length, 5);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('over a long course the chart\'s lines stop across more than 7 days without a reading, and say so', async () => {
  const { context, page, consoleErrors } = await openDiary();
  // July daily, an empty August, September weekly.
  const entries = [
    ...[1, 2, 3].map((d) => ({ date: `2026-07-0${d}`, pain: 4 + d })),
    ...[1, 8, 15].map((d) => ({ date: `2026-09-${String(d).padStart(2, '0')}`, pain: 3 })),
  ];
  await page.evaluate((d) => localStorage.setItem('kdr.diary', JSON.stringify(d)), { format: FORMAT, version: 1, entries });
  await page.reload();
  await page.waitForSelector('[data-testid="diary-chart"]');
  const line = await page.getAttribute('[data-score="pain"] .chart-line', 'd');
  assert.equal(line.match(/M/g).length, 2, line);
  assert.equal(line.match(/L/g).length, 4, line);
  assert.equal((await page.getAttribute('[data-score="pain"] .chart-markers', 'd')).match(/M/g).length, 6);
  assert.equal(await page.textContent('[data-testid="diary-chart-gaps"]'),
    'A line stops where no reading was recorded for more than 7 days, and goes on from the next reading; a reading on its own shows as a mark.');
  assert.match(await page.textContent('#diary-chart-title'), /A line stops where no reading was recorded for more than 7 days/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('on a phone, in dark mode: the note box is the page\'s colour like the other fields, the file picker\'s button like the app\'s, Save the largest target, and side-by-side buttons apart', async () => {
  const { context, page, consoleErrors } = await openDiary({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, colorScheme: 'dark' });
  const look = (sel) => page.$eval(sel, (e) => { const s = getComputedStyle(e); return [s.backgroundColor, s.color]; });
  // It was the browser's grey (rgb(59, 59, 59)) beside the selects' page colour.
  assert.deepEqual(await look('#diary-note'), await look('#diary-pain'));
  // The file picker's button: the app's button border and type, not the browser's.
  const picker = await page.$eval('#diary-file', (e) => {
    const b = getComputedStyle(e, '::file-selector-button');
    return [b.borderTopColor, b.fontSize, parseFloat(b.minHeight)];
  });
  const button = await page.$eval('[data-testid="diary-export"]', (e) => getComputedStyle(e).fontSize);
  assert.equal(picker[1], button);
  assert.ok(picker[2] >= 36, JSON.stringify(picker));
  // Save: at least 44 px tall.
  assert.ok(await page.$eval('#diary-save', (e) => e.getBoundingClientRect().height) >= 44);
  // Save and "Clear the form" at least 12 px apart (they were 5 px).
  await page.fill('#diary-note', 'typed');
  await page.waitForSelector('[data-testid="diary-clear-form"]');
  const gap = await page.evaluate(() => document.querySelector('[data-testid="diary-clear-form"]').getBoundingClientRect().left
    - document.querySelector('#diary-save').getBoundingClientRect().right);
  assert.ok(gap >= 12, `${gap} px`);
  // With text at 200 %, "Clear the form" wraps under Save: flush with it,
  // and a gap between them (it was indented 26 px and touched it).
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  await settle(page);
  const wrapped = await page.evaluate(() => {
    const save = document.querySelector('#diary-save').getBoundingClientRect();
    const clear = document.querySelector('[data-testid="diary-clear-form"]').getBoundingClientRect();
    return { below: clear.top >= save.bottom, gap: clear.top - save.bottom, indent: clear.left - save.left };
  });
  assert.ok(wrapped.below && wrapped.gap >= 6 && Math.abs(wrapped.indent) < 1, JSON.stringify(wrapped));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('on a 320 px phone, what Save did is brought into view under the button, refused or saved, and focus stays on Save', async () => {
  const { context, page, consoleErrors } = await openDiary({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
  const saveAtTheBottom = () => page.$eval('#diary-save', (el) => window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 2));
  const inView = (sel) => page.$eval(sel, (el) => {
    const r = el.getBoundingClientRect();
    return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight + 1;
  });
  // Nothing chosen: the reason is under the button.
  await saveAtTheBottom();
  await page.tap('#diary-save');
  await page.waitForSelector('#diary-save-error');
  await page.waitForFunction(() => { const r = document.querySelector('#diary-save-error').getBoundingClientRect(); return r.bottom <= window.innerHeight + 1; }, null, { timeout: 3000 });
  assert.ok(await inView('#diary-save-error'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-save');
  // Saved: the line that says so is under the button, in view.
  await page.selectOption('#diary-pain', '5');
  await saveAtTheBottom();
  await page.tap('#diary-save');
  await page.waitForSelector('#diary-notice-text');
  await page.waitForFunction(() => { const r = document.querySelector('#diary-notice-text').getBoundingClientRect(); return r.bottom <= window.innerHeight + 1; }, null, { timeout: 3000 });
  assert.match(await page.textContent('#diary-notice-text'), /^Saved the entry for /);
  assert.ok(await inView('#diary-notice-text'));
  assert.ok(await inView('#diary-save'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'diary-save');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a form left untouched on a screen that stayed on overnight moves to the new day when it is used; one begun before midnight keeps its day', async () => {
  for (const [begun, expected] of [[false, ['2026-12-04', 'Fri 4 Dec 2026']], [true, ['2026-12-03', 'Thu 3 Dec 2026']]]) {
    const { context, page, consoleErrors } = await launch();
    await page.clock.install({ time: new Date(2026, 11, 3, 21, 0) });
    await openRoute(page, '#/diary');
    await page.waitForSelector('#diary-date');
    assert.equal(await page.inputValue('#diary-date'), '2026-12-03');
    if (begun) await page.selectOption('#diary-sleep', '6');
    // The page stays shown: no visibility change tells it the day moved.
    await page.clock.setSystemTime(new Date(2026, 11, 4, 9, 0));
    await page.click('#diary-pain');
    await page.selectOption('#diary-pain', '4');
    await page.check('#diary-infusion');
    assert.equal(await page.inputValue('#diary-date'), expected[0], `begun: ${begun}`);
    await page.click('[data-testid="diary-save"]');
    await page.waitForSelector('[data-testid="diary-row"]');
    assert.equal(await page.textContent('#diary-notice-text'), `Saved the entry for ${expected[1]}.`);
    assert.deepEqual(await rows(page), [expected[0]]);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});
