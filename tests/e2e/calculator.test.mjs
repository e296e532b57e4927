// End-to-end: the calculator on the release build. Every golden example of
// the engine is reproduced through a share link and by operating the form;
// typing updates the result; steps switch off and on; compare mode; copy link
// and reopen; blocks hide every figure; invalid input shows a message and no
// figure; keyboard-only operation up to the print sheet; the print view.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openRoute, closeBrowser, addressSettled, settle, BASE_URL } from './helpers.mjs';
import { CASES, FIGURES, linkFor, resultInPage, check } from './golden.mjs';

after(closeBrowser);

// The live region reads the result once typing pauses (700 ms): waits until
// it reads `re`.
const liveReads = (page, re) => page.waitForFunction(
  ([source, flags]) => new RegExp(source, flags).test(document.querySelector('[data-testid="live-rate"]')?.textContent ?? ''),
  [re.source, re.flags],
);


/** Everything the result shows, read through the stable test hooks. */
const readResult = (page) => page.evaluate(resultInPage, FIGURES);

test(`every built-in golden example (${CASES.length}) through a share link`, async () => {
  assert.ok(CASES.length >= 90, 'the golden file covers the built-in cards');
  const { context, page, consoleErrors } = await launch();
  for (const c of CASES) {
    // Only the fragment changes from case to case, so the calculator would
    // still be on screen, showing the case before, when its page is found:
    // going through the home page makes the calculator the one the link
    // mounts.
    await openRoute(page, '#/');
    await openRoute(page, linkFor(c));
    await settle(page);
    check(c, await readResult(page));
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

/** Sets one share-link parameter by operating the form, as a user would. */
async function setParam(page, name, value) {
  const select = (id, v) => page.selectOption(`#${id}`, v);
  switch (name) {
    case 'weight_kg': await select('weight-unit', 'kg'); return page.fill('#weight', value);
    case 'weight_lb': await select('weight-unit', 'lb'); return page.fill('#weight', value);
    case 'height_cm': await select('height-unit', 'cm'); return page.fill('#height', value);
    case 'height_in': await select('height-unit', 'in'); return page.fill('#height', value);
    case 'age_years': return page.fill('#age', value);
    case 'infusion_number': return page.fill('#infusion_number', value);
    case 'sex': case 'pain': case 'hepatic': case 'cardiovascular': case 'cyp2b6':
    case 'psychosis': case 'substance_use':
      return select(name, value);
    case 'pregnant_or_breastfeeding': case 'raised_iop': case 'raised_icp': case 'renal_impairment':
      return page.setChecked(`#${name}`, value === 'true');
    case 'medications':
      for (const id of value.split(',').map((v) => v.trim()).filter(Boolean)) await page.setChecked(`#med-${id}`, true);
      return undefined;
    case 'concentration_mg_per_ml':
      if (['1', '2', '5'].includes(value)) return select('concentration', value);
      await select('concentration', 'custom');
      return page.fill('#concentration_custom', value);
    default:
      throw new Error(`no form control for ${name}`);
  }
}

test(`every built-in golden example (${CASES.length}) by operating the form`, async () => {
  const { context, page, consoleErrors } = await launch();
  for (const c of CASES) {
    // Through the home page, so that each case starts from a calculator the
    // link mounts (see the share-link test above).
    await openRoute(page, '#/');
    await openRoute(page, '#/calculator?protocol=crps-4h');
    await page.selectOption('#protocol', c.card);
    // Units first: switching a unit converts the value already typed.
    const params = Object.entries(c.params).sort(([a], [b]) => (a.startsWith('weight') || a.startsWith('height') ? -1 : 0) - (b.startsWith('weight') || b.startsWith('height') ? -1 : 0));
    for (const [name, value] of params) await setParam(page, name, value);
    for (const id of c.disabled ?? []) {
      const toggle = await page.$(`.calc-results tr[data-step-id="${id}"] [data-testid="step-toggle"]`);
      // A block cannot be switched off: the scenario stays blocked, with no switch to press.
      if (toggle) await toggle.click();
      else assert.ok(c.expect.block, `${c.name}: no switch for ${id}`);
    }
    await settle(page);
    check(c, await readResult(page));
    // The address shows what the page shows.
    await addressSettled(page);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('typing into the weight field updates the result at once and the live region once typing pauses', async () => {
  const { context, page } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '24.5 mg/h');
  assert.match(await page.textContent('[data-testid="live-rate"]'), /24\.5 mg\/h/);
  await page.fill('#weight', '80');
  await settle(page);
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '25 mg/h');
  assert.equal(await page.textContent('[data-testid="session-total-mg"]'), '100 mg');
  assert.match(await page.textContent('[data-testid="live-rate"]'), /24\.5 mg\/h/, 'not yet');
  await liveReads(page, /25 mg\/h/);
  assert.equal(await page.getAttribute('[data-testid="live-rate"]', 'aria-live'), 'polite');
  // The address follows the state once typing pauses, so reload keeps the scenario.
  await addressSettled(page);
  assert.match(page.url(), /weight_kg=80/);
  await page.reload();
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.inputValue('#weight'), '80');
  // Decimal comma.
  await page.fill('#weight', '72,5');
  await settle(page);
  assert.equal(await page.textContent('[data-testid="dosing-weight-kg"]'), '72.5 kg');
  // lb is converted and the kg value shown.
  await page.selectOption('#weight-unit', 'lb');
  await settle(page);
  assert.equal(await page.inputValue('#weight'), '159.8');
  assert.equal(await page.textContent('[data-testid="dosing-weight-kg"]'), '72.5 kg');
  // The field's hint, read with it, gives the range in lb and the kg used,
  // as the engine reads it, while it is typed.
  const hint = () => page.textContent('#weight-hint');
  assert.match(await page.getAttribute('#weight', 'aria-describedby'), /\bweight-hint\b/);
  assert.equal(await hint(), '66.1–661.4 lb (typed to 0.1 lb), converted to kg: 159.8 lb is 72.5 kg');
  await page.fill('#weight', '110.21');
  await settle(page);
  assert.equal(await hint(), '66.1–661.4 lb (typed to 0.1 lb), converted to kg: 110.21 lb is 49.99 kg');
  // A trailing zero sets the precision read, so it is echoed with the value,
  // in the hint and on the printed sheet: typed again, it gives the same kg.
  await page.fill('#weight', '110.20');
  await settle(page);
  assert.equal(await hint(), '66.1–661.4 lb (typed to 0.1 lb), converted to kg: 110.20 lb is 49.99 kg');
  assert.match(await page.textContent('.print-sheet'), /Weight:\s*110\.20 lb \(49\.99 kg\)/);
  await page.fill('#weight', '661.5');
  await settle(page);
  assert.equal(await hint(), '66.1–661.4 lb (typed to 0.1 lb), converted to kg for the calculation');
  // A height in inches typed as feet and inches: the number to type instead.
  await page.selectOption('#height-unit', 'in');
  await page.fill('#height', "5'10");
  await settle(page);
  assert.equal(await page.textContent('#height-error'),
    '! Height: "5\'10" reads as feet and inches, but the field takes the height in inches as one number: type 70.');
  await context.close();
});

test('switching a weight on a threshold to lb and back never moves it across the threshold', async () => {
  const { context, page } = await launch();
  const step = '.calc-results tr[data-testid="factor-step"][data-factor-id="weight-under-50"]';
  await openRoute(page, '#/calculator?protocol=crps-continuous&weight_kg=50');
  assert.equal(await page.$(step), null, '50 kg is not below 50 kg');
  const rate = await page.textContent('[data-testid="rate-mg-per-h"]');
  await page.selectOption('#weight-unit', 'lb');
  await settle(page);
  // 110.2 lb is 49.986 kg, used at 0.1 kg: 50 kg.
  assert.equal(await page.inputValue('#weight'), '110.2');
  assert.equal(await page.$(step), null, '110.2 lb is used as 50 kg');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), rate);
  await page.fill('#weight', '110.1');
  await settle(page);
  assert.match(await page.textContent(step), /actual weight 49\.9 kg/);
  await page.selectOption('#weight-unit', 'kg');
  await settle(page);
  assert.equal(await page.inputValue('#weight'), '49.9');
  assert.ok(await page.$(step));
  // Typed to 0.01 kg just below the threshold: 110.2 lb would be 50 kg, so
  // the switch writes 110.21 lb (49.99 kg), and the step and rate stay.
  await page.fill('#weight', '49.99');
  await settle(page);
  const below = await page.textContent('[data-testid="rate-mg-per-h"]');
  assert.match(await page.textContent(step), /actual weight 49\.99 kg/);
  // The dosing weight is shown as read, not as "50 kg" beside the step.
  assert.equal(await page.textContent('[data-testid="dosing-weight-kg"]'), '49.99 kg');
  await page.selectOption('#weight-unit', 'lb');
  await settle(page);
  assert.equal(await page.inputValue('#weight'), '110.21');
  assert.match(await page.textContent(step), /actual weight 49\.99 kg/);
  assert.equal(await page.textContent('[data-testid="dosing-weight-kg"]'), '49.99 kg');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), below);
  await page.selectOption('#weight-unit', 'kg');
  await settle(page);
  assert.equal(await page.inputValue('#weight'), '49.99');
  // A refused weight stays refused in the other unit.
  await page.fill('#weight', '29.96');
  await settle(page);
  await page.selectOption('#weight-unit', 'lb');
  await settle(page);
  assert.equal(await page.inputValue('#weight'), '66.05');
  assert.equal(await page.getAttribute('#weight', 'aria-invalid'), 'true');
  assert.equal(await page.$('[data-testid="rate-mg-per-h"]'), null);
  // A height typed to six decimals of a cm has no exact value in inches: the
  // unit list goes back to cm, and the field's hint, read with it, says why.
  await page.fill('#height', '175.123456');
  await settle(page);
  await page.selectOption('#height-unit', 'in');
  await settle(page);
  assert.equal(await page.inputValue('#height-unit'), 'cm');
  assert.equal(await page.inputValue('#height'), '175.123456');
  assert.match(await page.textContent('#height-hint'), /A height with 6 decimals has no exact value in inches, so it stays in cm\. To switch to inches, use 5 decimals or fewer\./);
  assert.match(await page.getAttribute('#height', 'aria-describedby'), /\bheight-hint\b/);
  // The unit list is described by the same hint, so it is heard there too.
  assert.equal(await page.getAttribute('#height-unit', 'aria-describedby'), 'height-hint');
  await page.fill('#height', '175.12345');
  await settle(page);
  assert.equal(await page.textContent('#height-hint'), '120–230 cm');
  await page.selectOption('#height-unit', 'in');
  await settle(page);
  assert.equal(await page.inputValue('#height-unit'), 'in');
  await context.close();
});

test('removing an unknown medication with the keyboard keeps focus in the form', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&medications=xyz,abc');
  const focused = () => page.evaluate(() => [document.activeElement.id, document.activeElement.textContent.trim()]);
  // Focused and pressed in one step. Two fresh-clone runs in about ten
  // failed here: once the Enter removed nothing (focus and key press were
  // separate then), once focus never reached the entry that took the
  // removed one's place (it was moved on a timer then; now when the form
  // has been drawn). Neither was reproduced, with the CPU slowed 8 times
  // either.
  await page.press('#remove-medication-0', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="remove-unknown-medication"]').length === 1);
  // The entry that took its place.
  await page.waitForFunction(() => document.activeElement.id === 'remove-medication-0');
  assert.deepEqual(await focused(), ['remove-medication-0', 'Remove \u201cabc\u201d']);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="remove-unknown-medication"]').length === 0);
  // None left: the first medicine of the list.
  const first = await page.$eval('.medication-groups input[type="checkbox"]', (box) => box.id);
  await page.waitForFunction((id) => document.activeElement.id === id, first);
  // The last of two: the one before it.
  await openRoute(page, '#/calculator?protocol=crps-4h&medications=xyz,abc');
  await page.press('#remove-medication-1', 'Enter');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="remove-unknown-medication"]').length === 1);
  await page.waitForFunction(() => document.activeElement.id === 'remove-medication-0');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a medication this app does not know can be removed from the form, and typed ids tick their box', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=82&age=71&medications=sertraline,MAOI');
  assert.match(await page.textContent('[data-testid="field-error"][data-field="medications"]'), /sertraline/);
  assert.equal(await page.$('[data-testid="rate-mg-per-h"]'), null);
  // "MAOI" is read as the engine reads it: its box is ticked.
  assert.equal(await page.isChecked('#med-maoi'), true);
  await page.click('[data-testid="remove-unknown-medication"]');
  await settle(page);
  assert.equal(await page.$('[data-testid="remove-unknown-medication"]'), null);
  assert.equal(await page.$('[data-testid="field-error"][data-field="medications"]'), null);
  // The MAOI blocks on this card; unticking it gives a figure, with age 71 and weight 82 kept.
  await page.setChecked('#med-maoi', false);
  await settle(page);
  assert.ok(await page.$('[data-testid="rate-mg-per-h"]'));
  assert.equal(await page.inputValue('#weight'), '82');
  assert.equal(await page.inputValue('#age'), '71');
  await addressSettled(page);
  assert.doesNotMatch(page.url(), /sertraline|maoi/i);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('invalid input shows a message next to the field and no figure, never a console error', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h');
  for (const bad of ['abc', '-5', '1e400', '', 'NaN', 'Infinity', '   ']) {
    await page.fill('#weight', bad);
    await settle(page);
    const err = await page.textContent('[data-testid="field-error"][data-field="weight"]');
    assert.match(err, /Weight: /, `"${bad}"`);
    assert.equal(await page.getAttribute('#weight', 'aria-invalid'), 'true');
    assert.match(await page.getAttribute('#weight', 'aria-describedby'), /weight-error/);
    for (const id of FIGURES) assert.equal(await page.$(`[data-testid="${id}"]`), null, `"${bad}": no ${id}`);
    await liveReads(page, /No figure/);
  }
  await page.fill('#weight', '70');
  await settle(page);
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '24.5 mg/h');
  assert.equal(await page.$('[data-testid="field-error"]'), null);
  // A share link with garbage values shows them as invalid input.
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=abc&age_years=-5&sex=robot&unknown=1');
  const fields = await page.$$eval('[data-testid="field-error"]', (els) => els.map((e) => e.dataset.field).sort());
  assert.deepEqual(fields, ['age', 'sex', 'weight']);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('an age typed key by key announces nothing in between: no alert for the 4 of 45', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  await page.fill('#age', '');
  await liveReads(page, /No figure/);
  // Record every text the live region takes, and any alert that appears.
  await page.evaluate(() => {
    window.__heard = [];
    const live = document.querySelector('[data-testid="live-rate"]');
    new MutationObserver(() => window.__heard.push(live.textContent)).observe(live, { childList: true, characterData: true, subtree: true });
    window.__alerts = 0;
    new MutationObserver(() => { window.__alerts += document.querySelectorAll('[role="alert"]').length; })
      .observe(document.body, { childList: true, subtree: true });
  });
  await page.type('#age', '45', { delay: 150 });
  // On screen, the block came and went at once.
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  await liveReads(page, /24\.5 mg\/h/);
  const heard = await page.evaluate(() => window.__heard);
  assert.equal(heard.length, 1, JSON.stringify(heard));
  assert.doesNotMatch(heard[0], /Stopped/);
  assert.equal(await page.evaluate(() => window.__alerts), 0);
  // A block that stays is read once typing pauses.
  await page.fill('#age', '4');
  await liveReads(page, /^Stopped/);
  assert.equal(await page.$('[role="alert"]'), null);
  // Warnings that appear are said by count, after the figures (the phone's
  // line keeps to the figures).
  await page.fill('#age', '45');
  await liveReads(page, /^Illustrative rate 24\.5 mg\/h, 0\.35 mg\/kg\/h, pump rate [0-9.]+ mL\/h\.$/);
  await page.selectOption('#hepatic', 'mild');
  const warnings = await page.$$eval('.warnings li', (l) => l.length);
  assert.ok(warnings >= 1);
  const said = warnings === 1 ? '1 warning' : `${warnings} warnings`;
  await liveReads(page, new RegExp(`^Illustrative rate .* mL/h\\. ${said}, under Warnings\\.$`));
  assert.doesNotMatch(await page.textContent('[data-testid="phone-rate"]'), /warning/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('each figure stays inside its tile with its unit whole, on one line from 1024 px, at text sizes up to 200 %, in compare mode too', async () => {
  const links = [
    '#/calculator?protocol=crps-4h&weight_kg=70',
    '#/calculator?protocol=crps-4h&s2_protocol=outpatient-consensus&s2_weight_kg=150&s3_protocol=crps-continuous&active=2',
  ];
  const sizes = [[320, 640], [360, 740], [414, 800], [1100, 800], [1280, 800], [1920, 1080]];
  for (const [width, height] of sizes) {
    const { context, page, consoleErrors } = await launch({ viewport: { width, height } });
    for (const text of ['100%', '150%', '175%', '200%']) for (const link of links) {
      await openRoute(page, link);
      await page.waitForSelector('.figure dd');
      await page.evaluate((t) => { document.documentElement.style.fontSize = t; }, text);
      await settle(page);
      const where = `${width} px, text ${text}: ${link}`;
      const shown = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        figures: [...document.querySelectorAll('.calc-results .figure dd')].map((dd) => {
          const size = parseFloat(getComputedStyle(dd).fontSize);
          const unit = dd.querySelector('.unit') ?? dd;
          const units = document.createRange();
          units.selectNodeContents(unit);
          return {
            text: dd.textContent,
            oneLine: dd.getBoundingClientRect().height < size * 1.9,
            inside: dd.scrollWidth <= dd.clientWidth && dd.getBoundingClientRect().right <= dd.parentElement.getBoundingClientRect().right,
            unitWhole: new Set([...units.getClientRects()].map((r) => Math.round(r.top))).size === 1,
          };
        }),
      }));
      assert.equal(shown.page, width, `${where}: the page scrolls sideways`);
      assert.ok(shown.figures.some((f) => f.text.endsWith('mcg/kg/min')), where);
      assert.deepEqual(shown.figures.filter((f) => !f.inside || !f.unitWhole), [], where);
      if (text === '100%' && width >= 1024) assert.deepEqual(shown.figures.filter((f) => !f.oneLine), [], where);
    }
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test('on a phone a wide table\'s caption wraps within its box: read whole without scrolling sideways', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width: 320, height: 700 } });
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=80');
  await page.waitForSelector('.calc-results table.breakdown caption');
  const captions = await page.$$eval('.calc-results .table-scroll', (boxes) => boxes.map((box) => {
    const caption = box.querySelector(':scope > table > caption');
    return { text: caption?.textContent.slice(0, 20), box: box.clientWidth, table: box.scrollWidth, caption: caption?.getBoundingClientRect().width };
  }));
  // The step table is wider than its box, and its caption is not.
  assert.ok(captions.length >= 2, JSON.stringify(captions));
  assert.ok(captions[0].table > captions[0].box, JSON.stringify(captions));
  // (clientWidth is a whole number of px; the box itself may be 266.4 px wide.)
  for (const c of captions) assert.ok(c.caption <= c.box + 1, JSON.stringify(c));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the breakdown chart keeps its labels and figures at the page\'s text size on a phone, with bars in proportion', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width: 320, height: 700 } });
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=80');
  await page.waitForSelector('.calc-results [data-testid="breakdown-chart"]');
  await page.locator('.calc-results [data-testid="breakdown-chart"]').scrollIntoViewIfNeeded();
  const chart = await page.$eval('.calc-results [data-testid="breakdown-chart"]', (c) => ({
    rows: [...c.querySelectorAll('.chart-row')].map((r) => ({
      label: r.dataset.barLabel,
      value: r.querySelector('.chart-value').textContent,
      width: Number(r.querySelector('rect').getAttribute('width')),
      text: Math.min(...[...r.querySelectorAll('.chart-label, .chart-value')].map((t) => parseFloat(getComputedStyle(t).fontSize))),
      right: Math.max(...[...r.children].map((t) => t.getBoundingClientRect().right)),
    })),
    width: document.documentElement.clientWidth,
  }));
  // Base 0.35 × 80 = 28 mg/h, capped at 25 mg/h: bars at 100% and 89.3%.
  assert.deepEqual(chart.rows.map((r) => [r.value, r.width]).filter(([v]) => /^2[58] mg\/h$/.test(v)).slice(0, 1), [['28 mg/h', 100]]);
  assert.deepEqual(chart.rows.at(-1), { ...chart.rows.at(-1), label: 'Illustrative rate', value: '25 mg/h', width: 89.3 });
  for (const r of chart.rows) {
    assert.ok(r.text >= 12, `${r.label}: text ${r.text} px`);
    assert.ok(r.right <= chart.width, `${r.label}: within the screen (${r.right} of ${chart.width})`);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a link with parameters the calculator does not know names them above the form', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&Weight_kg=150&weight=150&age_yrs=80');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(
    await page.textContent('[data-testid="ignored-params"]'),
    'This link gives 3 parameters the calculator does not know, so their values were not used: \u201cWeight_kg\u201d, \u201cweight\u201d, \u201cage_yrs\u201d. Check every field below before reading a figure.',
  );
  // The notice stays while the fields are edited (the rewritten address no
  // longer holds the names), and a link without such names has none.
  await page.fill('#weight', '80');
  await addressSettled(page);
  assert.equal(await page.isVisible('[data-testid="ignored-params"]'), true);
  await page.evaluate(() => { location.hash = '#/calculator?protocol=crps-4h&weight_kg=70'; });
  await page.waitForFunction(() => document.querySelector('#weight')?.value === '70');
  assert.equal(await page.$('[data-testid="ignored-params"]'), null);
  assert.equal(await page.$('[data-testid="active-param"]'), null);
  // `active=3` on a link with two scenarios: the first is shown, and said so.
  await page.evaluate(() => { location.hash = '#/calculator?weight_kg=70&s2_weight_kg=90&active=3'; });
  await page.waitForSelector('[data-testid="active-param"]');
  assert.equal(
    await page.textContent('[data-testid="active-param"]'),
    'This link asks to show scenario 3, which it does not hold, so scenario 1 is shown. Ask the sender which scenario they meant.',
  );
  assert.equal(await page.inputValue('#weight'), '70');
  // Once another scenario is chosen, it no longer holds, and goes.
  await page.click('#scenario-tab-2');
  await page.waitForSelector('[data-testid="active-param"]', { state: 'detached' });
  await page.evaluate(() => { location.hash = '#/calculator?weight_kg=70&s2_weight_kg=90&active=2'; });
  await page.waitForFunction(() => document.querySelector('#weight')?.value === '90');
  assert.equal(await page.$('[data-testid="active-param"]'), null);
  assert.equal(await page.$('[data-testid="renumbered"]'), null);
  // A link that skips scenario 2: its scenario 3 is the second here, and said so.
  await page.evaluate(() => { location.hash = '#/calculator?s3_weight_kg=95&active=3'; });
  await page.waitForSelector('[data-testid="renumbered"]');
  assert.equal(
    await page.textContent('[data-testid="renumbered"]'),
    'This link has no scenario 2, so its scenario 3 is shown as scenario 2.',
  );
  assert.equal(await page.inputValue('#weight'), '95');
  assert.equal(await page.getAttribute('#scenario-tab-2', 'aria-pressed'), 'true');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a block replaces every figure with the reason and the rule that fired', async () => {
  const { context, page } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=70');
  assert.ok(await page.isVisible('[data-testid="rate-mg-per-h"]'));
  await page.setChecked('#pregnant_or_breastfeeding', true);
  await settle(page);
  assert.equal(await page.getAttribute('[data-testid="block-reason"]', 'data-block-id'), 'pregnancy-breastfeeding');
  assert.ok((await page.textContent('[data-testid="block-rule"]')).length > 5);
  for (const id of [...FIGURES, 'factor-step', 'warning']) {
    assert.equal(await page.$(`.calc-results [data-testid="${id}"]`), null, `no ${id} when blocked`);
  }
  await page.setChecked('#pregnant_or_breastfeeding', false);
  await settle(page);
  assert.equal(await page.$('[data-testid="block-reason"]'), null, 'block-reason only when blocked');
  await context.close();
});

test('a stopped calculation still lists the warnings that apply, on screen, in the live line and on paper', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=70&medications=theophylline,opioid,tricyclic');
  await page.waitForSelector('.calc-results [data-testid="block-reason"]');
  assert.equal(await page.getAttribute('.calc-results [data-testid="block-reason"]', 'data-block-id'), 'theophylline');
  for (const id of FIGURES) assert.equal(await page.$(`.calc-results [data-testid="${id}"]`), null, `no ${id}`);
  const shown = await page.$$eval('.calc-results .block-panel [data-testid="warning"]', (l) => l.map((x) => x.dataset.messageId));
  assert.deepEqual(shown, ['opioid-cns-depressant', 'tricyclic']);
  assert.match(await page.textContent('.calc-results .block-panel .warnings h3'), /^Warnings that also apply$/);
  await liveReads(page, /^Stopped, no dose: .* 2 warnings, under Warnings\.$/);
  const printed = await page.$$eval('[data-testid="print-block-warning"]', (l) => l.map((x) => x.textContent));
  assert.equal(printed.length, 2);
  // Without the stop, the same two warnings with the dose.
  await page.setChecked('#med-theophylline', false);
  await page.waitForSelector('.calc-results [data-testid="rate-mg-per-h"]');
  assert.deepEqual(await page.$$eval('.calc-results [data-testid="warning"]', (l) => l.map((x) => x.dataset.messageId)), shown);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

/**
 * Types `kg` into the weight field and, in the first turn of the page that
 * shows it (when the render was long, before its effects have run), follows
 * the navigation's link to the factors page: well within the address write's
 * pause.
 */
async function typeWeightThenFollowFactors(page, kg) {
  await page.evaluate(async (kg) => {
    const weight = document.querySelector('#weight');
    weight.value = kg;
    weight.dispatchEvent(new Event('input', { bubbles: true }));
    const started = performance.now();
    do {
      await new Promise((resolve) => { setTimeout(resolve, 0); });
      if (performance.now() - started > 10000) throw new Error('the keystroke was not rendered');
    } while (document.querySelector('[data-testid="dosing-weight-kg"]')?.textContent !== `${kg} kg`);
    document.querySelector('nav a[href="#/factors"]').click();
  }, kg);
}

test('the address is written once typing pauses; leaving the page first keeps the next page and the scenario', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  await addressSettled(page);
  // A keystroke, then a click on another page's link well within the pause:
  // no address write may drag the address back to the calculator.
  await typeWeightThenFollowFactors(page, '80');
  await page.waitForSelector('main[data-route="/factors"]');
  await page.waitForTimeout(600);
  assert.ok(page.url().endsWith('#/factors'), page.url());
  // The navigation still reopens the scenario as it was last shown.
  const back = page.locator('nav a[href^="#/calculator"]');
  assert.match(await back.getAttribute('href'), /weight_kg=80/);
  await back.click();
  await page.waitForSelector('main[data-route="/calculator"] [data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '25 mg/h');
  await addressSettled(page);
  assert.match(page.url(), /weight_kg=80/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// At full speed, and with the CPU slowed 30 times: then the keystroke's
// render takes longer than a frame, Yew hands the browser a turn before the
// render's effects run, and the click lands before the address write has
// even been scheduled (a CI machine under load did exactly that).
for (const slowdown of [1, 30]) {
  test(`a link followed while the address write waits: Back returns to what was typed (CPU slowed ${slowdown}x)`, async () => {
    const { context, page, consoleErrors } = await launch();
    await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
    await addressSettled(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
    // Work left from loading (Yew continues long work in later turns) ends
    // first, so the keystroke's render usually starts at once.
    await page.waitForTimeout(300);
    await typeWeightThenFollowFactors(page, '50');
    await page.waitForSelector('main[data-route="/factors"]');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    assert.match(await page.locator('nav a[href^="#/calculator"]').getAttribute('href'), /weight_kg=50/);
    await page.goBack();
    await page.waitForSelector('main[data-route="/calculator"] [data-testid="rate-mg-per-h"]');
    assert.match(page.url(), /weight_kg=50/);
    assert.equal(await page.inputValue('#weight'), '50');
    assert.equal(await page.textContent('[data-testid="dosing-weight-kg"]'), '50 kg');
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
}

test('a link followed in the turn after another calculator link opened keeps that link (CPU slowed 30x)', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  await addressSettled(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 30 });
  await page.waitForTimeout(300);
  // Another calculator link opens (as Back or a pasted link would); in the
  // next turn, while the page may still show the old scenario, a link to
  // another page is followed. The old scenario must not be written over
  // the new link's history entry.
  await page.evaluate(async () => {
    // The turn after the browser's hashchange (a timer set before it may
    // run first: the two come from different task queues, and under load
    // the timer's can win; that would be the same turn as the link, which
    // the next test covers).
    const changed = new Promise((resolve) => {
      window.addEventListener('hashchange', () => { setTimeout(resolve, 0); }, { once: true });
    });
    location.hash = '#/calculator?protocol=crps-4h&weight_kg=55';
    await changed;
    document.querySelector('nav a[href="#/factors"]').click();
  });
  await page.waitForSelector('main[data-route="/factors"]');
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.goBack();
  await page.waitForSelector('main[data-route="/calculator"] [data-testid="rate-mg-per-h"]');
  assert.match(page.url(), /weight_kg=55/);
  assert.equal(await page.inputValue('#weight'), '55');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

/**
 * After a link to the factors page was followed from the calculator just as
 * the 55 kg link opened: Back returns to that link, drawn, and typing is
 * written to the address again once the app has seen it.
 */
async function backToTheLinkThenType(page) {
  await page.waitForSelector('main[data-route="/factors"]');
  await page.goBack();
  await page.waitForSelector('main[data-route="/calculator"] [data-testid="rate-mg-per-h"]');
  assert.match(page.url(), /weight_kg=55/);
  assert.equal(await page.inputValue('#weight'), '55');
  await page.fill('#weight', '60');
  await page.waitForFunction(() => /weight_kg=60/.test(location.hash));
}

test('a link clicked in the same turn as another calculator link opened, before its hashchange, keeps that link', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  await addressSettled(page);
  // The order a loaded machine can give the test above: the click comes
  // before the new address's hashchange has run, so the page still shows
  // (and would write) the old scenario. The address moved without the app
  // seeing it, so nothing may be written over the new entry.
  await page.evaluate(() => {
    location.hash = '#/calculator?protocol=crps-4h&weight_kg=55';
    document.querySelector('nav a[href="#/factors"]').click();
  });
  await backToTheLinkThenType(page);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a link clicked after another calculator link was heard but before it was drawn keeps that link', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  await addressSettled(page);
  // The order behind the slowed test above: the app has handled the new
  // address's hashchange, but Yew has not drawn it yet (it draws in a later
  // task, and a run under way can yield to the browser for several ms), so
  // the page still shows the old scenario when the click comes. Here the
  // hashchange is dispatched by hand, so the click comes before the drawing
  // every time.
  const written = await page.evaluate(() => {
    history.pushState(null, '', '#/calculator?protocol=crps-4h&weight_kg=55');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    const heard = document.querySelector('#weight').value;
    document.querySelector('nav a[href="#/factors"]').click();
    return heard;
  });
  assert.equal(written, '70', 'the click came before the new link was drawn');
  await backToTheLinkThenType(page);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('an address write that comes due after a link moved the address, before its hashchange, keeps the new page', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  await addressSettled(page);
  await page.evaluate(async () => {
    const weight = document.querySelector('#weight');
    weight.value = '80';
    weight.dispatchEvent(new Event('input', { bubbles: true }));
    // The address moves as a followed link moves it, but its hashchange is
    // held back until the pending address write (150 ms) has come due: the
    // order a busy browser can run them in.
    history.pushState(null, '', '#/factors?entry=older-age');
    await new Promise((resolve) => { setTimeout(resolve, 600); });
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  });
  await page.waitForSelector('main[data-route="/factors"]');
  assert.ok(page.url().endsWith('#/factors?entry=older-age'), page.url());
  // The scenario is not lost: the navigation reopens it.
  assert.match(await page.locator('nav a[href^="#/calculator"]').getAttribute('href'), /weight_kg=80/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('choosing "custom…" bag concentration keeps the figure until one is typed', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70&concentration_mg_per_ml=2');
  const pump = '[data-testid="pump-rate-ml-per-h"]';
  const before = await page.textContent(pump);
  assert.equal(await page.$('#concentration_custom'), null);
  await page.selectOption('#concentration', 'custom');
  await page.waitForSelector('#concentration_custom');
  assert.equal(await page.inputValue('#concentration_custom'), '2');
  assert.equal(await page.inputValue('#concentration'), 'custom');
  assert.equal(await page.textContent(pump), before, 'the pump rate did not move');
  await page.fill('#concentration_custom', '4');
  await page.waitForFunction(([sel, old]) => document.querySelector(sel)?.textContent !== old, [pump, before]);
  // A listed concentration closes the custom field again.
  await page.selectOption('#concentration', '1');
  await page.waitForFunction(() => document.querySelector('#concentration_custom') === null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a step switched off and on: marked in the table, chart and link, rate moves', async () => {
  const { context, page } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=70&age_years=70');
  const row = '.calc-results tr[data-testid="factor-step"][data-factor-id="age-65-plus"]';
  assert.equal(await page.getAttribute(row, 'data-state'), 'on');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '17.5 mg/h');
  // The reduced start still climbs: said under the ladder.
  assert.match(await page.textContent('.calc-results [data-testid="ladder-note"]'),
    /^The factors lowered the starting rate to 17\.5 mg\/h, but the ladder still climbs to 50 mg\/h by infusion \d+/);
  await page.click(`${row} [data-testid="step-toggle"]`);
  await settle(page);
  assert.equal(await page.getAttribute(row, 'data-state'), 'off');
  assert.match(await page.textContent(row), /switched off/);
  assert.doesNotMatch(await page.textContent(row), /switched off\)?\s*switched off/, 'said once');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '35 mg/h');
  assert.equal(await page.$('.calc-results [data-testid="ladder-note"]'), null);
  // Above the figures, whoever opens the link is told.
  assert.match(await page.textContent('.calc-results [data-testid="what-if"]'), /^What if: 1 step that applies to this patient is switched off \(Age 65 or older\)\./);
  await liveReads(page, /^What if, with steps switched off: Illustrative rate 35 mg\/h/);
  assert.match(await page.textContent('[data-testid="print-what-if"]'), /^What if: 1 step/);
  await addressSettled(page);
  assert.match(page.url(), /off=age-65-plus/);
  assert.match(await page.inputValue('[data-testid="share-link"]'), /off=age-65-plus/);
  assert.ok(await page.$('.breakdown-chart .bar-off'), 'the chart marks the switched-off step');
  assert.equal(await page.inputValue('#age'), '70', 'patient inputs are unchanged');
  await page.click(`${row} [data-testid="step-toggle"]`);
  await settle(page);
  assert.equal(await page.getAttribute(row, 'data-state'), 'on');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '17.5 mg/h');
  assert.equal(await page.$('[data-testid="what-if"]'), null);
  assert.equal(await page.getAttribute('[data-testid="calculator-schedule"]', 'href'), '#/schedule?protocol=outpatient-consensus');
  await context.close();
});

test('a step switched off from the keyboard keeps the focus on its own button, also when a floor step goes', async () => {
  const { context, page } = await launch();
  // Age 65+ with liver disease and a CYP3A4 inhibitor: the multipliers go
  // below the floor, so switching one off takes the floor's row away.
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=70&age_years=72&hepatic=moderate&medications=clarithromycin,opioid');
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.tagName);
  assert.ok(await page.$('.calc-results tr[data-step-id="floor"]'), 'the floor bites at first');
  await page.focus('.calc-results tr[data-factor-id="hepatic-moderate"] [data-testid="step-toggle"]');
  await page.keyboard.press('Space');
  await settle(page);
  assert.equal(await focused(), 'Switch on: Moderate liver disease (switched off)');
  await page.focus('.calc-results tr[data-factor-id="age-65-plus"] [data-testid="step-toggle"]');
  await page.keyboard.press('Space');
  await settle(page);
  assert.equal(await page.$('.calc-results tr[data-step-id="floor"]'), null, 'the floor no longer bites');
  assert.equal(await focused(), 'Switch on: Age 65 or older (switched off)');
  // Pressed again, the same factor comes back on, not its neighbour.
  await page.keyboard.press('Space');
  await settle(page);
  assert.equal(await focused(), 'Switch off: Age 65 or older');
  assert.equal(await page.getAttribute('.calc-results tr[data-factor-id="age-65-plus"]', 'data-state'), 'on');
  assert.equal(await page.getAttribute('.calc-results tr[data-factor-id="hepatic-moderate"]', 'data-state'), 'off');
  await addressSettled(page);
  assert.match(page.url(), /[?&]off=hepatic-moderate(&|$)/);
  await context.close();
});

test('a link that gives a field twice with different values shows no figure until one is kept', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&psychosis=active&psychosis=none&weight_kg=70&weight_kg=150');
  await page.waitForSelector('[data-testid="invalid-input"]');
  assert.equal(await page.$('.calc-results [data-testid="rate-mg-per-h"]'), null);
  const text = await page.textContent('[data-testid="invalid-input"]');
  // Not a live region (it changes with every keystroke); the announcer
  // says there is no figure once typing pauses.
  assert.equal(await page.getAttribute('[data-testid="invalid-input"]', 'role'), null);
  assert.equal(await page.getAttribute('[data-testid="invalid-input"]', 'aria-live'), null);
  assert.match(text, /Weight: the link gives more than one value \("70 \| 150"\); keep the one you mean\./);
  assert.match(text, /Psychosis: the link gives more than one value \("active \| none"\)/);
  assert.equal(await page.inputValue('#weight'), '70 | 150');
  // The address keeps the conflict (a reload shows it again).
  await addressSettled(page);
  await page.reload();
  await page.waitForSelector('[data-testid="invalid-input"]');
  // Keeping one value each brings the figure back.
  await page.fill('#weight', '70');
  await page.selectOption('#psychosis', 'none');
  await page.waitForSelector('.calc-results [data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('.calc-results [data-testid="rate-mg-per-h"]'), '24.5 mg/h');
  // Two different cards: said so, no figure.
  await openRoute(page, '#/calculator?protocol=crps-4h&protocol=outpatient-consensus');
  await page.waitForSelector('[data-testid="unknown-card"] >> text=No figure: the link names more than one card');
  await liveReads(page, /^No figure: the link names more than one card/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('"Start again" can be undone until something changes', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=123&age_years=71&s2_protocol=headache-inpatient&s2_weight_kg=88');
  const tabs = (n) => page.waitForFunction((k) => document.querySelectorAll('[data-testid="scenario-tab"]').length === k, n);
  await tabs(2);
  // The status region that says so is on the page, empty, before the press
  // (one added with its text in it is often not read out), and is the same
  // element after it.
  assert.deepEqual(await page.$eval('[data-testid="reset-status"]', (el) => {
    el.dataset.before = 'yes';
    return [el.getAttribute('role'), el.textContent];
  }), ['status', '']);
  // With scenarios side by side, the button says it leaves one.
  assert.equal(await page.textContent('[data-testid="reset"]'), 'Start again from the example adult, one scenario');
  await page.click('[data-testid="reset"]');
  await page.waitForSelector('[data-testid="reset-undo"]');
  assert.equal(await page.textContent('[data-testid="reset"]'), 'Start again from the example adult');
  assert.deepEqual(await page.$eval('[data-testid="reset-status"]', (el) => [el.dataset.before, el.textContent]),
    ['yes', 'Started again: every scenario is now the example adult on the default card. Undo']);
  assert.equal(await page.inputValue('#weight'), '70');
  await tabs(1);
  await page.click('[data-testid="reset-undo"]');
  await tabs(2);
  assert.equal(await page.$('[data-testid="reset-undo"]'), null);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'reset');
  await addressSettled(page);
  assert.match(page.url(), /protocol=outpatient-consensus&card_check=[0-9a-f]{8}&weight_kg=123/);
  assert.match(page.url(), /s2_protocol=headache-inpatient&s2_card_check=[0-9a-f]{8}&s2_weight_kg=88/);
  // Reset again, then a change: the undo is no longer offered.
  await page.click('[data-testid="reset"]');
  await page.waitForSelector('[data-testid="reset-undo"]');
  await page.fill('#weight', '71');
  await page.waitForSelector('[data-testid="reset-undo"]', { state: 'detached' });
  // Back to the example's figure: still no undo (it would undo more than shown).
  await page.fill('#weight', '70');
  await settle(page);
  assert.equal(await page.$('[data-testid="reset-undo"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('compare mode: up to three scenarios side by side, each with its own breakdown', async () => {
  const { context, page } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male');
  await page.click('[data-testid="add-scenario"]');
  // Focus moves to the copy's button, which says it is being edited.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'scenario-tab-2');
  assert.match(await page.textContent('#scenario-tab-2'), /, being edited$/);
  // Its accessible name is given whole (no space before the comma).
  assert.match(await page.getAttribute('#scenario-tab-2', 'aria-label'), /^Scenario 2 \([a-z0-9-]+\), being edited$/);
  assert.match(await page.getAttribute('#scenario-tab-1', 'aria-label'), /^Scenario 1 \([a-z0-9-]+\)$/);
  await page.selectOption('#protocol', 'crps-4h');
  await page.click('[data-testid="add-scenario"]');
  // The add button is gone at three: focus is not lost with it.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'scenario-tab-3');
  await page.fill('#weight', '80');
  await settle(page);
  assert.equal(await page.$('[data-testid="add-scenario"]'), null, 'no fourth scenario');
  const rates = await page.$$eval('[data-scenario]', (els) => els.map((s) => [s.dataset.scenario,
    s.querySelector('[data-testid="rate-mg-per-h"]')?.textContent, s.querySelectorAll('table.breakdown').length]));
  assert.deepEqual(rates, [['1', '50 mg/h', 1], ['2', '25 mg/h', 1], ['3', '25 mg/h', 1]]);
  await addressSettled(page);
  assert.match(page.url(), /s2_protocol=crps-4h/);
  assert.match(page.url(), /s3_weight_kg=80/);
  // The link restores all three.
  const url = page.url();
  const second = await context.newPage();
  await second.goto(url);
  await second.waitForSelector('[data-scenario="3"] [data-testid="rate-mg-per-h"]');
  assert.equal(await second.textContent('[data-scenario="3"] [data-testid="session-total-mg"]'), '100 mg');
  await page.click('[data-testid="remove-scenario"] >> nth=0');
  await settle(page);
  assert.equal(await page.$$eval('[data-scenario]', (els) => els.length), 2);
  // Focus stays in the scenario bar: on the first tab, or the one before.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'scenario-tab-1');
  await page.click('[data-testid="remove-scenario"] >> nth=1');
  await settle(page);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'scenario-tab-1');
  await context.close();
});

test('on a 1024 px laptop the result goes below the form, so the step table\'s text has room', async () => {
  for (const [width, stacked] of [[1024, true], [1099, true], [1100, false], [1280, false]]) {
    const { context, page } = await launch({ viewport: { width, height: 800 } });
    await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=150&age_years=70&infusion_number=3&medications=opioid');
    await page.waitForSelector('.calc-results table.breakdown');
    const g = await page.evaluate(() => ({
      inputsBottom: document.querySelector('.calc-inputs').getBoundingClientRect().bottom,
      resultsTop: document.querySelector('.calc-results').getBoundingClientRect().top,
      effect: document.querySelector('.calc-results table.breakdown thead th:nth-child(2)').getBoundingClientRect().width,
      phoneLine: getComputedStyle(document.querySelector('[data-testid="phone-rate"]')).display !== 'none',
    }));
    assert.equal(g.resultsTop >= g.inputsBottom, stacked, `${width}: ${JSON.stringify(g)}`);
    // Stacked, the live line stays at the bottom of the screen.
    assert.equal(g.phoneLine, stacked, `${width}`);
    if (stacked) assert.ok(g.effect >= 200, `${width}: the Effect column is ${g.effect} px wide`);
    await context.close();
  }
});

test('on a phone the line kept at the bottom is never cut short (figures, what if, drug), and at large text sizes stays in the form\'s flow', async () => {
  const links = [
    ['#/calculator?protocol=crps-4h', /^Illustrative 24\.5 mg\/h, 0\.35 mg\/kg\/h, pump 24\.5 mL\/h$/],
    // Compare mode, a what if and S-ketamine: the longest line.
    ['#/calculator?protocol=crps-4h&s2_protocol=fibromyalgia-short&s2_weight_kg=299.99&s2_age_years=70&s2_off=age-65-plus&active=2',
      /^Scenario 2: What if, illustrative [\d.]+ mg\/h, [\d.]+ mg\/kg\/h, pump [\d.]+ mL\/h \(S-ketamine as base\)$/],
  ];
  for (const width of [320, 360, 414]) {
    const { context, page } = await launch({ viewport: { width, height: 740 } });
    for (const text of ['100%', '125%', '150%', '200%']) for (const [link, line] of links) {
      await openRoute(page, link);
      await page.waitForSelector('[data-testid="phone-rate"]:not(:empty)');
      await page.evaluate((t) => { document.documentElement.style.fontSize = t; }, text);
      await settle(page);
      const bar = await page.$eval('[data-testid="phone-rate"]', (e) => ({
        text: e.textContent, whole: e.scrollHeight <= e.clientHeight + 1, position: getComputedStyle(e).position,
      }));
      const where = `${width} px, text ${text}: ${bar.text}`;
      assert.match(bar.text, line, where);
      assert.ok(bar.whole, where);
      // Kept at the bottom at 100 %; in the flow from 150 % (it needed four or more lines).
      if (text === '100%') assert.equal(bar.position, 'sticky', where);
      if (text >= '150%') assert.equal(bar.position, 'static', where);
    }
    await context.close();
  }
});

test('with scenarios side by side, the line kept at the bottom of a tablet says which scenario it shows', async () => {
  const { context, page } = await launch({ viewport: { width: 768, height: 1024 } });
  await openRoute(page, '#/calculator?protocol=crps-4h&s2_weight_kg=100&active=2');
  await page.waitForSelector('[data-testid="phone-rate"]:not(:empty)');
  assert.match(await page.textContent('[data-testid="phone-rate"]'), /^Scenario 2: Illustrative 25 mg\/h/);
  await page.click('#scenario-tab-1');
  await page.waitForFunction(() => document.querySelector('[data-testid="phone-rate"]').textContent.startsWith('Scenario 1: Illustrative 24.5 mg/h'));
  // One scenario: no number.
  await openRoute(page, '#/calculator?protocol=crps-4h');
  await page.waitForSelector('[data-testid="phone-rate"]:not(:empty)');
  assert.match(await page.textContent('[data-testid="phone-rate"]'), /^Illustrative 24.5 mg\/h/);
  await context.close();
});

test('on a laptop and a projector the header, menu and footer line up with the calculator, and at 1920 px the picker shows each card\'s whole name', async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 2560, height: 1440 }]) {
    const { context, page, consoleErrors } = await launch({ viewport });
    await openRoute(page, '#/calculator?protocol=crps-4h');
    await page.waitForSelector('[data-testid="rate-mg-per-h"]');
    const shown = await page.evaluate(() => {
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      const select = document.querySelector('.card-picker select');
      const style = getComputedStyle(select);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = style.font;
      // Room for the text: the box less its padding and about 1.5rem of arrow.
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 1.5 * parseFloat(style.fontSize);
      const names = [...select.options].map((o) => o.textContent.replace(/ \([a-z0-9-]+\)$/, ''));
      return {
        edges: ['.site-header', '.site-nav', '.site-footer'].map((sel) => [sel, Math.round(box(sel).left), Math.round(box(sel).right)]),
        main: [Math.round(box('main').left), Math.round(box('main').right)],
        cutNames: names.filter((n) => ctx.measureText(n).width > room),
        count: names.length,
      };
    });
    const where = `${viewport.width} px`;
    for (const [sel, left, right] of shown.edges) assert.deepEqual([left, right], shown.main, `${where}: ${sel}`);
    assert.equal(shown.count, 5, where);
    if (viewport.width >= 1920) assert.deepEqual(shown.cutNames, [], where);
    else assert.ok(shown.cutNames.length > 0, `${where}: the picker is narrow here, so this check must see it`);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
  // The text pages keep their narrower measure, header and all.
  const { context, page } = await launch({ viewport: { width: 1920, height: 1080 } });
  await openRoute(page, '#/factors');
  await page.waitForSelector('main h1');
  const widths = await page.evaluate(() => ['.site-header', 'main'].map((sel) => Math.round(document.querySelector(sel).getBoundingClientRect().width)));
  assert.equal(widths[0], widths[1]);
  assert.ok(widths[0] < 1700, `${widths}`);
  await context.close();
});

test('side by side (from 1100 px), the result stays in view beside any field being edited, and scrolls on its own', async () => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 1920, height: 1080 }]) {
    const { context, page, consoleErrors } = await launch({ viewport });
    await openRoute(page, '#/calculator?protocol=outpatient-consensus');
    await page.waitForSelector('[data-testid="rate-mg-per-h"]');
    const rateInView = () => page.$eval('[data-testid="rate-mg-per-h"]', (el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    // Fields far down the form: the rate was 1,400 to 3,300 px above them.
    for (const field of ['#age', '#infusion_number']) {
      await page.focus(field);
      await page.fill(field, field === '#age' ? '70' : '2');
      await page.waitForFunction(() => window.scrollY > 300);
      assert.ok(await rateInView(), `${viewport.width}: ${field}`);
    }
    // The result, taller than the screen, scrolls inside its column, with
    // room inside its edge for a focus ring (5 px: 3 px and a 2 px offset).
    const own = await page.$eval('.calc-results', (el) => [getComputedStyle(el).position, getComputedStyle(el).overflowY,
      el.scrollHeight > el.clientHeight, parseFloat(getComputedStyle(el).paddingLeft) >= 5, parseFloat(getComputedStyle(el).paddingTop) >= 5]);
    assert.deepEqual(own, ['sticky', 'auto', true, true, true], `${viewport.width}`);
    // From the top of the page, the wheel over the result reaches its last
    // part (the print button): the column's scroll goes on to the page.
    await page.evaluate(() => window.scrollTo(0, 0));
    const box = await page.$eval('.calc-results', (el) => { const r = el.getBoundingClientRect(); return [r.left + r.width / 2, Math.min(r.top + 100, window.innerHeight - 10)]; });
    await page.mouse.move(box[0], box[1]);
    for (let i = 0; i < 40; i += 1) await page.mouse.wheel(0, 400);
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="print-sheet-button"]').getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    }, null, { timeout: 5000 });
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
  // Stacked (a 1024 px laptop), the result is in the page's flow.
  const { context, page } = await launch({ viewport: { width: 1024, height: 768 } });
  await openRoute(page, '#/calculator?protocol=outpatient-consensus');
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.$eval('.calc-results', (el) => getComputedStyle(el).position), 'static');
  await context.close();
});

test('compare mode on a projector and a phone: the scenarios at a glance side by side, no step-table figure half hidden', async () => {
  const link = '#/calculator?protocol=crps-4h&weight_kg=70&s2_protocol=crps-4h&s2_weight_kg=80'
    + '&s3_protocol=crps-continuous&s3_weight_kg=70&s3_age_years=70&s3_off=age-65-plus&active=2';
  for (const viewport of [{ width: 1024, height: 768 }, { width: 1280, height: 720 }, { width: 1920, height: 1080 }, { width: 360, height: 640 }]) {
    const { context, page, consoleErrors } = await launch({ viewport });
    await openRoute(page, link);
    await page.waitForSelector('[data-testid="comparison"]');
    const table = await page.$$eval('[data-testid="comparison"] tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
    assert.deepEqual(table, [
      ['Figure', 'Scenario 1', 'Scenario 2 (being edited)', 'Scenario 3'],
      ['Protocol card', 'crps-4h', 'crps-4h', 'crps-continuous'],
      ['Result', 'Illustrative figures', 'Illustrative figures', 'What if, switched off: Age 65 or older'],
      ['Infusion or day', 'infusion 1', 'infusion 1', 'day 1'],
      ['Dosing weight', '70 kg', '80 kg', '70 kg'],
      ['Rate', '24.5 mg/h', '25 mg/h', '10 mg/h'],
      ['Per kg', '0.35 mg/kg/h', '0.31 mg/kg/h', '0.14 mg/kg/h'],
      ['Total', '98 mg per session', '100 mg per session', '240 mg per 24 h'],
      ['Pump rate', '24.5 mL/h (1 mg/mL bag)', '25 mL/h (1 mg/mL bag)', '10 mL/h (1 mg/mL bag)'],
      // 80 kg is held at the card's hourly cap, which warns.
      ['Warnings and notices', 'none', '1 warning', 'none'],
    ], JSON.stringify(viewport));
    const geometry = await page.evaluate(() => {
      const box = document.querySelector('.compare-glance');
      const heads = [...document.querySelectorAll('[data-testid="comparison"] thead th')].map((th) => th.getBoundingClientRect());
      // In each step table, the sticky "What if" column covers no part of
      // the column before it.
      const overlaps = [...document.querySelectorAll('.scenario-result table.breakdown')].map((t) => {
        const row = t.querySelector('thead tr');
        const cells = [...row.children];
        const sticky = cells.findIndex((c) => getComputedStyle(c).position === 'sticky');
        if (sticky < 1) return 0;
        return Math.max(0, cells[sticky - 1].getBoundingClientRect().right - cells[sticky].getBoundingClientRect().left);
      });
      return {
        pageScrolls: document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth,
        tableFits: box.scrollWidth <= box.clientWidth,
        sameRow: heads.every((h) => Math.abs(h.top - heads[0].top) < 1),
        overlaps,
      };
    });
    assert.equal(geometry.pageScrolls, false, JSON.stringify(viewport));
    assert.equal(geometry.sameRow, true, JSON.stringify(viewport));
    if (viewport.width >= 1024) assert.equal(geometry.tableFits, true, JSON.stringify(viewport));
    assert.equal(geometry.overlaps.length, 3);
    // At 1280 px each full result has the width of a single one; narrower,
    // the step tables scroll under their switches, as a single one does.
    if (viewport.width >= 1280) {
      assert.deepEqual(geometry.overlaps.map((o) => o < 1), [true, true, true], `${JSON.stringify(viewport)}: ${geometry.overlaps}`);
    }
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
  // One scenario: no comparison.
  const { context, page } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h');
  assert.equal(await page.$('[data-testid="comparison"]'), null);
  await context.close();
});

test('copy link where the page has no clipboard API (plain http on a ward server): copied the older way, or left selected with a message', async () => {
  for (const works of [true, false]) {
    const { context, page, consoleErrors } = await launch();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
    await page.addInitScript((works) => {
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });
      window.copiedTexts = [];
      document.execCommand = function execCommand(command) {
        if (command === 'copy' && works) window.copiedTexts.push(String(window.getSelection()) || document.activeElement.value.slice(document.activeElement.selectionStart, document.activeElement.selectionEnd));
        return works;
      };
    }, works);
    await openRoute(page, '#/calculator?protocol=crps-4h');
    await page.fill('#weight', '64');
    await page.click('[data-testid="copy-link"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]').textContent !== '');
    const link = await page.inputValue('[data-testid="share-link"]');
    const status = await page.textContent('[data-testid="copy-status"]');
    assert.equal(await page.$('[data-testid="share-file"]'), null, 'a served link is not a file on this computer');
    // The link is selected in its field either way, ready for Ctrl+C.
    assert.deepEqual(await page.evaluate(() => {
      const f = document.activeElement;
      return [f.id, f.selectionStart, f.selectionEnd];
    }), ['share-link', 0, link.length]);
    if (works) {
      assert.equal(status, 'Link copied.');
      assert.deepEqual(await page.evaluate(() => window.copiedTexts), [link]);
      // Copied again: a new element in the status region, so it is read out again.
      const first = await page.$('[data-testid="copy-status"] > span');
      await page.click('[data-testid="copy-link"]');
      await page.waitForFunction((old) => {
        const now = document.querySelector('[data-testid="copy-status"] > span');
        return now && now !== old;
      }, first);
      assert.equal(await page.textContent('[data-testid="copy-status"]'), 'Link copied.');
      assert.equal(await page.evaluate(() => window.copiedTexts.length), 2);
    } else {
      assert.match(status, /did not allow copying: the link above is selected, copy it with Ctrl\+C/);
    }
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test('copy link, then open it: the same scenario', async () => {
  const { context, page } = await launch();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE_URL });
  await openRoute(page, '#/calculator?protocol=crps-4h');
  await page.fill('#weight', '64');
  await page.selectOption('#hepatic', 'moderate');
  await page.click('[data-testid="copy-link"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="copy-status"]').textContent.includes('copied'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.inputValue('[data-testid="share-link"]'));
  const rate = await page.textContent('[data-testid="rate-mg-per-h"]');
  const other = await context.newPage();
  await other.goto(copied);
  await other.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await other.textContent('[data-testid="rate-mg-per-h"]'), rate);
  assert.equal(await other.inputValue('#weight'), '64');
  assert.equal(await other.inputValue('#hepatic'), 'moderate');
  await context.close();
});

test('a link to a card this browser does not have says so instead of failing', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=clinic-own-card&weight_kg=70');
  assert.match(await page.textContent('[data-testid="unknown-card"]'), /clinic-own-card/);
  assert.equal(await page.$('[data-testid="rate-mg-per-h"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('each step links to its factor entry and its sources', async () => {
  const { context, page } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=70&age_years=70');
  const link = '.calc-results tr[data-factor-id="age-65-plus"] th a';
  assert.equal(await page.getAttribute(link, 'href'), '#/factors?entry=older-age');
  assert.ok(await page.$$eval('.calc-results tr[data-factor-id="age-65-plus"] a.cite', (as) => as.length) > 0);
  await page.click(link);
  await page.waitForSelector('main[data-route="/factors"]');
  await page.waitForFunction(() => document.activeElement?.id === 'older-age');
  await context.close();
});

test('keyboard only: from the first field to the printed sheet', async () => {
  const { context, page } = await launch();
  await context.addInitScript(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await openRoute(page, '#/calculator?protocol=crps-4h');
  await page.focus('#protocol');
  let steps = 0;
  // Tab to the weight field and type.
  while (await page.evaluate(() => document.activeElement?.id) !== 'weight' && steps++ < 10) await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('80');
  await settle(page);
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '25 mg/h');
  // Tab onwards until the print button, then Enter.
  steps = 0;
  while (await page.evaluate(() => document.activeElement?.dataset.testid) !== 'print-sheet-button' && steps++ < 200) {
    await page.keyboard.press('Tab');
  }
  assert.ok(steps < 200, 'the print button is reachable by Tab');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await context.close();
});

test('the print view is the one-page worked sheet', async () => {
  const { context, page } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=150&height_cm=175&sex=male&age_years=70&off=age-65-plus');
  assert.equal(await page.isVisible('[data-testid="print-sheet"]'), false, 'hidden on screen');
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.isVisible('[data-testid="print-sheet"]'));
  assert.equal(await page.isVisible('.calc-inputs'), false);
  assert.equal(await page.isVisible('nav'), false);
  const sheet = await page.textContent('[data-testid="print-sheet"]');
  for (const text of ['outpatient-consensus', 'version 1.1.3', 'not a prescription', 'Steps switched off (what if): Age 65 or older',
    '102.3 kg', 'Printed 20', 'app 0.1.0', 'Titration ladder (illustrative): infusion', 'This sheet is for infusion 1.', 'Weight:150 kg', 'Age:70 years', 'Sex:male',
    'Cardiovascular status:no known cardiovascular disease', `Reopen in the app: ${BASE_URL}/#/calculator?`]) {
    assert.ok(sheet.includes(text), `the sheet has "${text}"`);
  }
  assert.ok(await page.$$eval('[data-testid="print-sheet"] table.breakdown tbody tr', (r) => r.length) >= 4);
  // Each source in full, with where to look it up (paper has no links):
  // its DOI, its PubMed number or the site of the page it was read on.
  const cited = await page.$$eval('[data-testid="print-sources"] li', (li) => li.map((x) => x.textContent));
  assert.ok(cited.length >= 3, `${cited}`);
  for (const line of cited) assert.match(line, /^\[[A-Za-z0-9-]+\] .+\. (doi:\S+|PMID \d+|[a-z0-9.-]+\.[a-z]{2,})$/, line);
  // With its publisher, as the sources page gives it.
  assert.ok(cited.includes('[R3] Schwenk ES, Viscusi ER, Buvanendran A, et al. (2018). Consensus guidelines on the use of intravenous ketamine infusions for acute pain management from the American Society of Regional Anesthesia and Pain Medicine, the American Academy of Pain Medicine, and the American Society of Anesthesiologists. Regional Anesthesia and Pain Medicine 43(5):456-466. doi:10.1097/AAP.0000000000000806'), `${cited}`);
  assert.ok(cited.some((line) => line.startsWith('[R2] ') && line.endsWith('. Guideline Central. guidelinecentral.com')), `${cited}`);
  const pdf = await page.pdf({ format: 'A4', margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'the sheet prints on one page');
  await context.close();
});

test('the What if switches\' edge is painted where the step table passes under them, also in forced colours', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width: 360, height: 740 } });
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&weight_kg=120&age_years=70');
  await page.waitForSelector('.calc-results table.breakdown.with-toggles');
  // The strip just left of the first row's switch: the edge is drawn there or nowhere.
  const clip = await page.evaluate(() => {
    const cell = document.querySelector('.calc-results table.breakdown.with-toggles tbody tr td:last-child');
    cell.scrollIntoView({ block: 'center' });
    const r = cell.getBoundingClientRect();
    return { x: Math.round(r.left) - 10, y: Math.round(r.top) + 2, width: 10, height: Math.max(8, Math.min(20, Math.round(r.height) - 4)) };
  });
  const hideEdge = () => page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('table.breakdown.with-toggles :is(th, td):last-child { box-shadow: none !important; border-left-color: transparent !important; } table.breakdown.with-toggles :is(th, td):last-child::before { display: none !important; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  });
  const showEdge = () => page.evaluate(() => { document.adoptedStyleSheets = document.adoptedStyleSheets.slice(0, -1); });
  for (const forcedColors of ['none', 'active']) {
    await page.emulateMedia({ forcedColors });
    await settle(page);
    const drawn = await page.screenshot({ clip });
    await hideEdge();
    await settle(page);
    const bare = await page.screenshot({ clip });
    await showEdge();
    assert.ok(!drawn.equals(bare), `forced colours ${forcedColors}: the edge changes the pixels beside the switches`);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a tablet turned upright while a field is being typed in keeps that field on screen', async () => {
  for (const [id, from, to] of [['age', [1024, 768], [768, 1024]], ['med-opioid', [1024, 768], [768, 1024]], ['weight', [820, 1180], [1180, 820]]]) {
    const { context, page, consoleErrors } = await launch({ viewport: { width: from[0], height: from[1] }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
    await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
    await page.waitForSelector('[data-testid="rate-mg-per-h"]');
    await page.tap(`#${id}`);
    await page.setViewportSize({ width: to[0], height: to[1] });
    // The browser moves the page on the frame after the resize; the app's answer follows it.
    const inView = () => page.$eval(`#${id}`, (el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
    await page.waitForFunction((sel) => {
      const r = document.querySelector(sel).getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    }, `#${id}`, { timeout: 3000 }).catch(() => {});
    assert.ok(await inView(), `${id}: ${from.join('×')} to ${to.join('×')}, the focused field is on screen`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), id, 'still focused');
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test('on a phone with its keyboard up, an error that appears under the field being typed in is not left under the rate line', async () => {
  for (const id of ['weight', 'height']) {
    const { context, page, consoleErrors } = await launch({ viewport: { width: 360, height: 420 }, hasTouch: true, isMobile: true });
    await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70&height_cm=170');
    await page.waitForSelector('[data-testid="phone-rate"]');
    // The field just above the rate line, focused where it is (as a tap there does).
    await page.evaluate((id) => {
      const field = document.getElementById(id);
      const bar = document.querySelector('[data-testid="phone-rate"]').getBoundingClientRect();
      scrollBy(0, field.getBoundingClientRect().bottom - (bar.top - 4));
      field.focus({ preventScroll: true });
    }, id);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    await page.waitForSelector(`#${id}-error`);
    await page.waitForFunction((id) => {
      const e = document.getElementById(`${id}-error`).getBoundingClientRect();
      return e.bottom <= document.querySelector('[data-testid="phone-rate"]').getBoundingClientRect().top + 0.5;
    }, id, { timeout: 3000 }).catch(() => {});
    const r = await page.evaluate((id) => {
      const e = document.getElementById(`${id}-error`).getBoundingClientRect();
      const bar = document.querySelector('[data-testid="phone-rate"]').getBoundingClientRect();
      return { top: e.top, bottom: e.bottom, bar: bar.top };
    }, id);
    assert.ok(r.top >= 0 && r.bottom <= r.bar + 0.5, `${id}: error ${Math.round(r.top)}..${Math.round(r.bottom)}, rate line from ${Math.round(r.bar)}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), id);
    assert.deepEqual(consoleErrors, []);
    await context.close();
  }
});

test('on a phone the rate stays in view at the bottom of the screen while the form is edited', async () => {
  const { context, page, consoleErrors } = await launch({ viewport: { width: 390, height: 844 } });
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=70');
  await page.waitForSelector('[data-testid="phone-rate"]');
  await page.fill('#weight', '60');
  await page.waitForFunction(() => document.querySelector('[data-testid="phone-rate"]').textContent.includes('21 mg/h'));
  // In view while the weight field is: its bottom at the screen's bottom.
  await page.focus('#weight');
  const box = await page.evaluate(() => {
    const r = document.querySelector('[data-testid="phone-rate"]').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, height: innerHeight };
  });
  assert.ok(box.bottom <= box.height + 0.5 && box.top >= 0, JSON.stringify(box));
  assert.equal(await page.getAttribute('[data-testid="phone-rate"]', 'aria-hidden'), 'true');
  // On a screen too short for it (a phone on its side, 400% zoom) it stays
  // in the form's flow instead of covering a third of the screen.
  const position = () => page.$eval('[data-testid="phone-rate"]', (e) => getComputedStyle(e).position);
  assert.equal(await position(), 'sticky');
  await page.setViewportSize({ width: 844, height: 390 });
  assert.equal(await position(), 'static');
  await page.setViewportSize({ width: 320, height: 200 });
  assert.equal(await position(), 'static');
  // Not on a wide screen, where the result is beside the form.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await page.isVisible('[data-testid="phone-rate"]'), false);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a stop on valid fields is shown while an unrelated field is refused, on screen, in the live line and on paper', async () => {
  const { context, page, consoleErrors } = await launch();
  // crps-4h does not use height: a height out of range must not hide the stop.
  await openRoute(page, '#/calculator?protocol=crps-4h&age_years=17&height_cm=500');
  await page.waitForSelector('.calc-results [data-testid="block-reason"][data-block-id="under-18"]');
  assert.match(await page.textContent('.calc-results [data-testid="invalid-input"]'), /Also refused[\s\S]*Height/);
  assert.ok(await page.$('#height[aria-invalid="true"]'), 'the height field keeps its error');
  assert.equal(await page.$('.calc-results [data-testid="rate-mg-per-h"]'), null);
  await page.waitForFunction(() => /^Stopped, no dose: Specialist guidance only/.test(document.querySelector('[data-testid="phone-rate"]')?.textContent ?? ''));
  assert.match(await page.textContent('[data-testid="print-sheet"]'), /Stopped: no dose is calculated[\s\S]*Under 18 years[\s\S]*Also refused/);
  // The refused field held the stop back only where the rule reads it: a
  // refused age gives no under-18 stop, only the field's error.
  await page.fill('#age', '1x');
  await page.waitForSelector('.calc-results [data-testid="block-reason"]', { state: 'detached' });
  assert.match(await page.textContent('.calc-results [data-testid="invalid-input"]'), /No figure until every input is valid/);
  // A medicine the app does not know beside one that stops: the stop shows.
  await openRoute(page, '#/calculator?protocol=crps-4h&medications=maoi,unknownmed');
  await page.waitForSelector('.calc-results [data-testid="block-reason"][data-block-id="maoi"]');
  assert.match(await page.textContent('.calc-results [data-testid="invalid-input"]'), /unknownmed/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a known hypersensitivity to ketamine stops the calculation, from the link and from the form', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=outpatient-consensus&hypersensitivity=true');
  await page.waitForSelector('[data-testid="block-reason"][data-block-id="ketamine-hypersensitivity"]');
  assert.equal(await page.isChecked('#hypersensitivity'), true);
  assert.equal(await page.$('.calc-results [data-testid="rate-mg-per-h"]'), null);
  await page.uncheck('#hypersensitivity');
  await page.waitForSelector('.calc-results [data-testid="rate-mg-per-h"]');
  await page.check('#hypersensitivity');
  await page.waitForSelector('[data-testid="block-reason"][data-block-id="ketamine-hypersensitivity"]');
  await addressSettled(page);
  assert.match(page.url(), /hypersensitivity=true/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a second reason to stop, met while the first stands, is said by the live region', async () => {
  const { context, page, consoleErrors } = await launch();
  await openRoute(page, '#/calculator?protocol=crps-4h&age_years=15');
  await page.waitForSelector('[data-testid="block-reason"]');
  await liveReads(page, /^Stopped, no dose: /);
  assert.doesNotMatch(await page.textContent('[data-testid="live-rate"]'), /more reason/);
  await page.check('#hypersensitivity');
  await liveReads(page, / 1 more reason to stop is listed\.$/);
  await page.check('#raised_icp');
  await liveReads(page, / 2 more reasons to stop are listed\.$/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
