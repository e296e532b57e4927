// End-to-end: the treatment schedule on the release build. A link opens a
// card's course from a first day; changing the card or the date redraws it
// and writes the address; the calendar file downloads with one event per
// row; a bad date is explained at its field.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openRoute, closeBrowser, settle } from './helpers.mjs';

after(closeBrowser);

// The status line reads the schedule once the choices pause (700 ms): waits
// until it reads `text` (a string, or a regular expression).
const statusReads = (page, text) => page.waitForFunction(
  ([source, flags]) => new RegExp(source, flags).test(document.querySelector('[data-testid="schedule-status"]')?.textContent ?? ''),
  typeof text === 'string' ? [`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, ''] : [text.source, text.flags],
);

const rows = (page) => page.$$eval('[data-testid="schedule-row"]', (r) => r.map((x) => [x.dataset.kind, x.dataset.date]));

test('a link opens the dated course, edits redraw it and the address follows', async () => {
  const { context, page, consoleErrors } = await launch({ acceptDownloads: true });
  await openRoute(page, '#/schedule?protocol=outpatient-consensus&start=2026-12-07');
  await page.waitForSelector('[data-testid="schedule-row"]');
  assert.deepEqual(await rows(page), [
    ['induction', '2026-12-07'], ['induction', '2026-12-10'], ['induction', '2026-12-12'],
    ['induction', '2026-12-15'], ['induction', '2026-12-17'], ['induction', '2026-12-20'],
    ['booster', '2027-01-17'], ['booster', '2027-02-14'], ['booster', '2027-03-14'],
  ]);
  assert.match(await page.textContent('[data-testid="schedule-table"]'), /Mon 7 Dec 2026/);

  // The calendar file: one event per row, CRLF lines of at most 75 octets.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="schedule-download"]')]);
  assert.equal(download.suggestedFilename(), 'ketamine-course-outpatient-consensus-2026-12-07.ics');
  const ics = readFileSync(await download.path(), 'utf8');
  assert.ok(ics.startsWith('BEGIN:VCALENDAR\r\n'));
  assert.equal((ics.match(/BEGIN:VEVENT\r\n/g) ?? []).length, 9);
  assert.ok(ics.includes('DTSTART;VALUE=DATE:20261207\r\n'));
  for (const line of ics.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, line);

  // Another card and another first day.
  await page.selectOption('#schedule-protocol', 'crps-continuous');
  await page.fill('#schedule-start', '2026-12-30');
  await page.waitForFunction(() => document.querySelector('[data-testid="schedule-row"]')?.dataset.date === '2026-12-30');
  assert.deepEqual((await rows(page)).map(([, d]) => d), ['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  await page.waitForFunction(() => location.hash === '#/schedule?protocol=crps-continuous&start=2026-12-30');
  await page.reload();
  await page.waitForSelector('[data-testid="schedule-row"][data-date="2027-01-03"]');
  // After an edit rewrote the address, the same link followed again reopens
  // what it names.
  await page.fill('#schedule-start', '2027-01-05');
  await page.waitForFunction(() => location.hash.endsWith('start=2027-01-05'));
  await page.evaluate(() => { location.hash = '#/schedule?protocol=crps-continuous&start=2026-12-30'; });
  await page.waitForSelector('[data-testid="schedule-row"][data-date="2026-12-30"]');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('without a date the schedule starts today; a date out of range is explained', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/schedule');
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await page.waitForSelector(`[data-testid="schedule-row"][data-date="${today}"]`);
  assert.equal(await page.inputValue('#schedule-start'), today);
  // The field says what an emptied field means, and is read with it.
  assert.equal(await page.getAttribute('#schedule-start', 'aria-describedby'), 'schedule-start-hint');
  assert.equal(await page.textContent('#schedule-start-hint'), 'Clear the field to start the course today.');
  await openRoute(page, '#/schedule?protocol=crps-4h&start=1999-12-31');
  await page.waitForSelector('[data-testid="schedule-error"]');
  assert.equal(await page.getAttribute('#schedule-start', 'aria-describedby'), 'schedule-start-hint schedule-start-error');
  assert.equal(await page.$('[data-testid="schedule-row"]'), null);
  // Text that is no date: explained, and never put into the date input
  // (the browser warns about that in the console).
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  for (const start of ['2026-02-30', 'garbage']) {
    await openRoute(page, `#/schedule?protocol=crps-4h&start=${start}`);
    await page.waitForSelector('[data-testid="schedule-error"]');
    assert.equal(await page.inputValue('#schedule-start'), '', start);
    assert.equal(await page.$('[data-testid="schedule-row"]'), null, start);
  }
  assert.deepEqual(warnings, []);
  assert.deepEqual(consoleErrors, []);
  // A device clock in 1970: the message names the clock as the cause.
  await page.clock.setFixedTime(new Date('1970-01-01T12:00:00Z'));
  await openRoute(page, '#/schedule?protocol=crps-4h');
  await page.reload();
  await page.waitForSelector('[data-testid="schedule-error"]');
  assert.match(await page.textContent('[data-testid="schedule-error"]'),
    /The first day must be between 2000-01-01 and 2099-12-31\. This device's date is 1970-01-01: set its clock to today, or choose the first day\./);
  await context.close();
});

test('a date typed key by key is taken once its year is whole; a year out of range is explained when the field is left', async () => {
  const { context, page, consoleErrors } = await launch({ locale: 'en-US' });
  await openRoute(page, '#/schedule?protocol=crps-4h');
  await page.waitForSelector('[data-testid="schedule-row"]');
  // The field reports 0002-03-15, 0020-03-15 and 0202-03-15 on the way to
  // 2027-03-15: none of them may be taken, explained or written back.
  await page.focus('#schedule-start');
  // Every text the status line is given while the date is typed.
  await page.$eval('[data-testid="schedule-status"]', (el) => {
    window.__said = [];
    new MutationObserver(() => window.__said.push(el.textContent)).observe(el, { childList: true, characterData: true, subtree: true });
  });
  const seen = [];
  for (const key of '03152027') {
    await page.keyboard.press(key);
    await page.waitForTimeout(50);
    seen.push([key, await page.inputValue('#schedule-start'), await page.$('[data-testid="schedule-error"]') !== null]);
  }
  assert.deepEqual(seen.slice(4), [
    ['2', '0002-03-15', false], ['0', '0020-03-15', false], ['2', '0202-03-15', false], ['7', '2027-03-15', false],
  ]);
  await page.waitForSelector('[data-testid="schedule-row"][data-date="2027-03-15"]');
  await page.waitForFunction(() => location.hash === '#/schedule?protocol=crps-4h&start=2027-03-15');
  // One short sentence is announced, not the table, and only for the date
  // typed, not for the dates it passed through.
  await statusReads(page, /^\d+ dates from Mon 15 Mar 2027 to .+\.$/);
  const said = await page.evaluate(() => [...new Set(window.__said)]);
  assert.equal(said.length, 1, said.join(' | '));
  assert.match(said[0], /^\d+ dates from Mon 15 Mar 2027 to .+\.$/);
  assert.equal(await page.$('[aria-live] [data-testid="schedule-table"]'), null);
  // A whole year out of range: explained once the field is left.
  await page.focus('#schedule-start');
  for (const key of '03151999') await page.keyboard.press(key);
  assert.equal(await page.$('[data-testid="schedule-error"]'), null);
  // Tab leaves the field (past the year and the calendar button inside it).
  for (let i = 0; i < 4 && !(await page.$('[data-testid="schedule-error"]')); i += 1) {
    await page.keyboard.press('Tab');
    await settle(page);
  }
  await page.waitForSelector('[data-testid="schedule-error"]');
  assert.equal(await page.inputValue('#schedule-start'), '1999-03-15');
  assert.equal(await page.$('[data-testid="schedule-row"]'), null);
  await statusReads(page, `No schedule: ${await page.textContent('[data-testid="schedule-error"]')}`);
  // The table Tab was going to went with the schedule: focus is back on the
  // field (whose error it reads), not lost to the page.
  await page.waitForFunction(() => document.activeElement?.id === 'schedule-start');
  await page.waitForFunction(() => location.hash.endsWith('start=1999-03-15'));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a link\'s start that is no date, or two cards, stays explained: tabbing through the field changes nothing', async () => {
  const { context, page, consoleErrors } = await launch({ locale: 'en-US' });
  for (const start of ['garbage', '2000-01-01%20%7C%202001-01-01']) {
    await openRoute(page, `#/schedule?protocol=crps-4h&start=${start}`);
    await page.waitForSelector('[data-testid="schedule-error"]');
    await page.focus('#schedule-start');
    for (let i = 0; i < 5 && await page.evaluate(() => document.activeElement?.id === 'schedule-start'); i += 1) {
      await page.keyboard.press('Tab');
    }
    await page.waitForTimeout(200);
    assert.ok(await page.$('[data-testid="schedule-error"]'), start);
    assert.equal(await page.$('[data-testid="schedule-row"]'), null, start);
    assert.ok(page.url().endsWith(`start=${start}`), page.url());
  }
  // Two cards: neither is drawn, and the page says why.
  await openRoute(page, '#/schedule?protocol=crps-4h&protocol=crps-continuous&start=2026-12-07');
  await page.waitForSelector('[data-testid="schedule-unknown-card"]');
  assert.match(await page.textContent('[data-testid="schedule-unknown-card"]'), /^No schedule: the link names more than one card \(\u201ccrps-4h \| crps-continuous\u201d\): choose one\.$/);
  assert.equal(await page.$('[data-testid="schedule-row"]'), null);
  // The picker shows the two cards, not a third one that looks chosen
  // (which, already shown, could not be picked).
  assert.deepEqual(
    await page.$eval('#schedule-protocol', (s) => [s.value, s.selectedOptions[0]?.textContent]),
    ['crps-4h | crps-continuous', 'crps-4h | crps-continuous (two cards in the link: choose one)'],
  );
  // Choosing one draws it, the first card of the list too.
  const first = await page.$eval('#schedule-protocol', (s) => s.options[1].value);
  await page.selectOption('#schedule-protocol', first);
  await page.waitForFunction((id) => location.hash.includes(`protocol=${id}&`) && document.querySelector('[data-testid="schedule-row"]'), first);
  assert.equal(await page.$('[data-testid="schedule-unknown-card"]'), null);
  assert.equal(await page.$('[data-testid="schedule-two-cards"]'), null);
  await openRoute(page, '#/schedule?protocol=crps-4h&protocol=crps-continuous&start=2026-12-07');
  await page.waitForSelector('[data-testid="schedule-two-cards"]', { state: 'attached' });
  await page.selectOption('#schedule-protocol', 'crps-continuous');
  await page.waitForSelector('[data-testid="schedule-row"][data-date="2026-12-07"]');
  assert.equal(await page.$('[data-testid="schedule-unknown-card"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a date typed that the browser cannot read (02/29/2027, or half typed) is explained at the field, never today', async () => {
  const { context, page, consoleErrors } = await launch({ locale: 'en-US' });
  await openRoute(page, '#/schedule?protocol=crps-4h&start=2027-03-15');
  await page.waitForSelector('[data-testid="schedule-row"][data-date="2027-03-15"]');
  const leave = async () => {
    for (let i = 0; i < 4 && await page.evaluate(() => document.activeElement?.id === 'schedule-start'); i += 1) {
      await page.keyboard.press('Tab');
    }
    await settle(page);
  };
  for (const keys of ['02292027', '0229']) {
    // From an empty field: 0229 leaves the year untyped.
    await page.fill('#schedule-start', '');
    await page.focus('#schedule-start');
    for (const key of keys) await page.keyboard.press(key);
    // The browser reports no value, as for a cleared field, but bad input.
    assert.deepEqual(await page.$eval('#schedule-start', (i) => [i.value, i.validity.badInput]), ['', true], keys);
    await leave();
    await page.waitForSelector('[data-testid="schedule-error"]');
    assert.match(await page.textContent('[data-testid="schedule-error"]'), /^The date in the field is not complete or does not exist/, keys);
    assert.equal(await page.$('[data-testid="schedule-row"]'), null, `${keys}: no schedule, not today's`);
    assert.equal(await page.getAttribute('#schedule-start', 'aria-describedby'), 'schedule-start-hint schedule-start-error');
    await statusReads(page, `No schedule: ${await page.textContent('[data-testid="schedule-error"]')}`);
    // The table went: focus is back on the field, and the address keeps
    // the last date taken.
    await page.waitForFunction(() => document.activeElement?.id === 'schedule-start');
    assert.ok(page.url().endsWith('#/schedule?protocol=crps-4h&start=2027-03-15'), page.url());
  }
  // A real date put in its place is taken. (Set whole, as the date picker
  // does: typed key by key, a slow machine could still be handing focus
  // back to the field, which moves the typing to its first part.)
  await settle(page);
  await page.fill('#schedule-start', '2027-03-16');
  await page.waitForSelector('[data-testid="schedule-row"][data-date="2027-03-16"]');
  assert.equal(await page.$('[data-testid="schedule-error"]'), null);
  // A field cleared (no bad input) still starts the schedule today.
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  await page.fill('#schedule-start', '');
  assert.deepEqual(await page.$eval('#schedule-start', (i) => [i.value, i.validity.badInput]), ['', false]);
  await leave();
  await page.waitForSelector(`[data-testid="schedule-row"][data-date="${today}"]`);
  assert.equal(await page.$('[data-testid="schedule-error"]'), null);
  // A link's date whose month has no such day: said, and no schedule.
  await openRoute(page, '#/schedule?protocol=crps-4h&start=2027-02-29');
  await page.waitForSelector('[data-testid="schedule-error"]');
  assert.equal(await page.textContent('[data-testid="schedule-error"]'), '29 Feb 2027 is not a date: that month has 28 days.');
  assert.equal(await page.$('[data-testid="schedule-row"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the calendar file is stamped with the UTC moment of the download, whatever the time zone', async () => {
  // 12:30 UTC on 4 Dec 2026 is already 5 Dec in Auckland.
  const { context, page, consoleErrors } = await launch({ acceptDownloads: true, timezoneId: 'Pacific/Auckland' });
  await page.clock.setFixedTime(new Date('2026-12-04T12:30:00Z'));
  await openRoute(page, '#/schedule?protocol=outpatient-consensus&start=2026-12-07');
  await page.waitForSelector('[data-testid="schedule-row"]');
  assert.equal(await page.evaluate(() => new Date().getDate()), 5, 'the local date is the 5th');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="schedule-download"]')]);
  const ics = readFileSync(await download.path(), 'utf8');
  assert.equal((ics.match(/\r\nDTSTAMP:20261204T123000Z\r\n/g) ?? []).length, 9);
  assert.equal((ics.match(/DTSTAMP:/g) ?? []).length, 9);
  assert.match(ics, /\r\nUID:outpatient-consensus-[0-9a-f]{8}-2026-12-07-0@ketamine-dosing-reference\r\n/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a card without sources: the basis line credits the card, with a space after the badge', async () => {
  const { context, page, consoleErrors } = await launch();
  const card = JSON.parse(readFileSync(new URL('../../assets/protocols/crps-4h.json', import.meta.url), 'utf8'));
  Object.assign(card, { id: 'clinic-no-sources', name: 'Clinic card without sources' });
  card.phases = { ...card.phases, evidence: 'illustrative', sources: [] };
  delete card.phases.note;
  await openRoute(page, '#/protocols');
  await page.setInputFiles('#card-file', [{ name: 'no-sources.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(card)) }]);
  await page.waitForSelector('[data-testid="import-ok"][data-card-id="clinic-no-sources"]');
  await openRoute(page, '#/schedule?protocol=clinic-no-sources&start=2026-12-07');
  await page.waitForSelector('[data-testid="schedule-basis"]');
  // What a copy of the text and a screen reader get.
  for (const text of [await page.innerText('[data-testid="schedule-basis"]'), await page.textContent('[data-testid="schedule-basis"]')]) {
    assert.equal(text.replace(/\s+/g, ' ').trim(), 'Where these intervals come from: the card; evidence: illustrative (the card gives no source)');
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('an edit made after another schedule link was heard but before it was drawn leaves that link in the address', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/schedule?protocol=outpatient-consensus&start=2026-12-07');
  await page.waitForSelector('[data-testid="schedule-row"][data-date="2026-12-07"]');
  // The app handles the new link's hashchange (dispatched by hand), but Yew
  // draws it in a later task: a date changed in between belongs to the
  // course before the link, and must not be written over the link's entry.
  const after = await page.evaluate(() => {
    history.pushState(null, '', '#/schedule?protocol=crps-continuous&start=2026-12-30');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const start = document.querySelector('#schedule-start');
    start.value = '2026-12-08';
    start.dispatchEvent(new Event('change', { bubbles: true }));
    return [document.querySelector('#schedule-protocol').value, location.hash];
  });
  assert.deepEqual(after, ['outpatient-consensus', '#/schedule?protocol=crps-continuous&start=2026-12-30']);
  // The link is then drawn, and edits are written again.
  await page.waitForSelector('[data-testid="schedule-row"][data-date="2026-12-30"]');
  await page.fill('#schedule-start', '2027-01-05');
  await page.waitForFunction(() => location.hash === '#/schedule?protocol=crps-continuous&start=2027-01-05');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the booster line puts the card\'s own sentence after a heading word; the table sits in its box, its caption off the frame', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width: 1280, height: 900 } });
  await openRoute(page, '#/schedule?protocol=outpatient-consensus&start=2026-12-07');
  await page.waitForSelector('[data-testid="schedule-row"]');
  assert.match(await page.textContent('[data-testid="schedule-booster"]'),
    /^Boosters\. One 4-hour infusion at the last well-tolerated rate\. They are timed by symptoms, when relief wears off;/);
  const layout = await page.$eval('.table-scroll:has([data-testid="schedule-table"])', (box) => {
    const table = box.querySelector('table');
    const caption = table.querySelector('caption');
    const b = box.getBoundingClientRect();
    const t = table.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(caption);
    return {
      // The caption's text starts half a rem (8 px) in from the box's frame.
      textIn: Math.round(range.getClientRects()[0].left - b.left - box.clientLeft),
      // No gap between the frame and the table (there were 12 px above and below).
      above: Math.round(t.top - b.top - box.clientTop),
      below: Math.round(b.bottom - box.clientTop - t.bottom),
    };
  });
  assert.deepEqual(layout, { textIn: 8, above: 0, below: 0 });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
