// End-to-end: the app shell on the release build. Every route renders, links
// and typed URLs navigate, back/forward and reload keep the page, and the
// console stays free of errors.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { launch, openRoute, closeBrowser, waitForApp, routePath, ROUTES, settle, linkRowDots } from './helpers.mjs';

after(closeBrowser);

test('every route renders its page with a heading, the notice and the footer', async () => {
  const { page, context, consoleErrors, foreignRequests } = await launch();
  for (const [fragment, headingText] of ROUTES) {
    await openRoute(page, fragment);
    assert.equal(await page.getAttribute('main', 'data-route'), routePath(fragment), fragment);
    const h1 = await page.textContent('main h1');
    assert.ok(h1 && h1.includes(headingText), `${fragment}: heading "${h1}" lacks "${headingText}"`);
    // The tab's title names the page (the home page is the app's name).
    const title = await page.title();
    if (fragment === '#/') assert.equal(title, 'Ketamine Dosing Reference');
    else assert.match(title, new RegExp(`^[^\u2013]*${headingText}[^\u2013]* \u2013 Ketamine Dosing Reference$`), fragment);
    // Printed, every page but the calculator (which prints its own sheet)
    // keeps its heading.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.isVisible('main h1'), fragment !== '#/calculator', `${fragment}: printed heading`);
    await page.emulateMedia({ media: 'screen' });
    assert.match(await page.textContent('[data-testid="notice"]'), /not a prescription/);
    assert.match(await page.textContent('[data-testid="build-date"]'), /^\d{4}-\d{2}-\d{2}$/);
    assert.match(await page.textContent('[data-testid="content-version"]'), /^\d{4}\.\d+\.\d+$/);
    const current = await page.$$eval('nav a[aria-current="page"]', (as) => as.map((a) => a.getAttribute('href').split('?')[0]));
    assert.deepEqual(current, [fragment === '#/' ? '#/' : fragment], `${fragment}: current nav entry`);
  }
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(foreignRequests, []);
  await context.close();
});

test('headings: one h1 on every page, and no level skipped below it (also with warnings, a block and a card open)', async () => {
  const { page, context } = await launch();
  const extra = [
    '#/calculator?protocol=crps-4h&weight_kg=150&height_cm=160&sex=female&age=70&infusion_number=2&medications=opioid',
    '#/calculator?protocol=crps-4h&psychosis=active',
    '#/calculator?protocol=crps-4h&weight_kg=abc',
    '#/protocols?card=crps-4h',
  ];
  for (const fragment of [...ROUTES.map(([f]) => f), ...extra]) {
    await openRoute(page, fragment);
    await page.waitForTimeout(100);
    const levels = await page.$$eval('main :is(h1, h2, h3, h4, h5, h6)', (hs) => hs
      .filter((h) => h.getClientRects().length > 0)
      .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 40)]));
    assert.equal(levels.filter(([l]) => l === 1).length, 1, `${fragment}: ${JSON.stringify(levels)}`);
    for (let i = 1; i < levels.length; i += 1) {
      assert.ok(levels[i][0] <= levels[i - 1][0] + 1, `${fragment}: "${levels[i][1]}" (h${levels[i][0]}) after "${levels[i - 1][1]}" (h${levels[i - 1][0]})`);
    }
  }
  await context.close();
});

test('a link to an imported card\'s entry finds it once the saved cards are read, and says nothing is missing', async () => {
  const { page, context, consoleErrors } = await launch();
  const card = JSON.parse(readFileSync(new URL('../../assets/protocols/crps-4h.json', import.meta.url), 'utf8'));
  card.id = 'my-clinic-card';
  card.name = 'My clinic card';
  await openRoute(page, '#/');
  await page.evaluate((c) => localStorage.setItem('kdr.imported-cards', JSON.stringify({
    format: 'ketamine-dosing-reference/imported-cards', version: 1,
    cards: [{ file_name: 'my-clinic-card.json', imported_on: '2026-12-01', card: c }],
  })), card);
  await page.reload();
  // The entry focused is the app's answer to the link once the saved cards
  // are read (the same look that would name a missing entry); then the page
  // is drawn, and a short margin after that.
  const answered = async () => {
    await page.waitForFunction(() => document.activeElement?.id === 'card-my-clinic-card');
    await page.waitForSelector('[data-testid="card-view"][data-card-id="my-clinic-card"]');
    await settle(page);
    await page.waitForTimeout(50);
  };
  await openRoute(page, '#/protocols?card=my-clinic-card&entry=card-my-clinic-card');
  await answered();
  assert.equal(await page.$('[data-testid="missing-entry"]'), null);
  // A reload opens it the same way (the entry is there only once the saved
  // cards are read).
  await page.reload();
  await answered();
  assert.equal(await page.$('[data-testid="missing-entry"]'), null);
  // An entry that is not there, even after the saved cards are read, is named.
  await openRoute(page, '#/protocols?card=my-clinic-card&entry=card-no-such-card');
  await page.waitForSelector('[data-testid="missing-entry"]');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a card imported, replaced or removed in another tab is read again here: no figure from a card that changed or went', async () => {
  const { page, context, consoleErrors } = await launch();
  const card = JSON.parse(readFileSync(new URL('../../assets/protocols/crps-4h.json', import.meta.url), 'utf8'));
  card.id = 'clinic-x';
  card.name = 'Clinic X';
  const save = (p, c) => p.evaluate((c) => localStorage.setItem('kdr.imported-cards', JSON.stringify({
    format: 'ketamine-dosing-reference/imported-cards', version: 1,
    cards: c ? [{ file_name: 'clinic-x.json', imported_on: '2026-12-01', card: c }] : [],
  })), c);
  await openRoute(page, '#/calculator?protocol=clinic-x&weight_kg=70');
  await page.waitForSelector('[data-testid="unknown-card"]');
  // Another tab imports it: this one computes with it.
  const other = await context.newPage();
  await other.goto(page.url());
  await save(other, card);
  await page.waitForSelector('.calc-results [data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('.calc-results [data-testid="rate-mg-per-h"]'), '24.5 mg/h');
  // Replaced with another base rate: the new figure.
  await save(other, { ...card, version: '2.0.0', base_rate: { ...card.base_rate, value: 0.1 } });
  await page.waitForFunction(() => document.querySelector('.calc-results [data-testid="rate-mg-per-h"]')?.textContent === '7 mg/h');
  // Removed: no figure.
  await save(other, null);
  await page.waitForSelector('[data-testid="unknown-card"]');
  assert.equal(await page.$('.calc-results [data-testid="rate-mg-per-h"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('clicking navigation links changes the page, back/forward and reload keep it', async () => {
  const { page, context, consoleErrors } = await launch();
  await openRoute(page, '#/');
  await page.click('nav >> text=Side effects');
  await page.waitForSelector('main[data-route="/side-effects"]');
  assert.ok(page.url().endsWith('#/side-effects'));
  await page.click('nav >> text=Sources');
  await page.waitForSelector('main[data-route="/sources"]');
  await page.goBack();
  await page.waitForSelector('main[data-route="/side-effects"]');
  await page.goForward();
  await page.waitForSelector('main[data-route="/sources"]');
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getAttribute('main', 'data-route'), '/sources');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('Back after following a link returns to where the page was; a new link opens at the top', async () => {
  const { page, context, consoleErrors } = await launch({ viewport: { width: 1280, height: 700 } });
  // On a slow machine the browser's own restoring of the position comes
  // before the app has drawn the page, which used to move to the top.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await openRoute(page, '#/calculator?protocol=crps-4h&weight_kg=150&height_cm=160&sex=female&age=70');
  // A citation far down the calculator, scrolled to the middle of the window.
  const link = page.locator('main a[href^="#/sources?entry="]:visible').last();
  await link.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  const before = await page.evaluate(() => window.scrollY);
  assert.ok(before > 300, `scrolled ${before}`);
  await link.click();
  await page.waitForSelector('main[data-route="/sources"]');
  await page.goBack();
  await page.waitForSelector('main[data-route="/calculator"]');
  // Held there once the app has drawn the page.
  await page.waitForTimeout(1500);
  assert.ok(Math.abs(await page.evaluate(() => window.scrollY) - before) <= 1,
    `back at ${await page.evaluate(() => window.scrollY)}, was ${before}`);
  // The calculator still holds the link's scenario, and focus is back on
  // the link followed, so the keyboard goes on from there.
  assert.match(page.url(), /weight_kg=150/);
  const href = await link.getAttribute('href');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), href);
  // Scrolled elsewhere, then Forward and Back: where it was last, not
  // where it was when the link was followed.
  await page.evaluate(() => window.scrollTo(0, 200));
  await page.waitForTimeout(800);
  await page.goForward();
  await page.waitForSelector('main[data-route="/sources"]');
  await page.waitForTimeout(1500);
  await page.goBack();
  await page.waitForSelector('main[data-route="/calculator"]');
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.scrollY), 200);
  // A new link from the middle of a page opens the next page at the very
  // top (the header's notice in view), with focus on the main region.
  const next = page.locator('main a[href^="#/schedule"]:visible').first();
  await next.evaluate((a) => a.scrollIntoView({ block: 'center' }));
  assert.ok(await page.evaluate(() => window.scrollY > 300));
  await next.click();
  await page.waitForSelector('main[data-route="/schedule"]');
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a page chosen from the menu opens at the very top with its title in view and focus on it, on a phone and a wide screen', async () => {
  const { page, context, consoleErrors } = await launch({ viewport: { width: 390, height: 844 } });
  for (const [from, link, route] of [
    ['#/', 'Side effects', '/side-effects'],
    ['#/side-effects', 'Dosing factors', '/factors'],
    ['#/factors', 'Calculator', '/calculator'],
  ]) {
    await openRoute(page, from);
    await page.click('#nav-toggle');
    assert.equal(await page.getAttribute('#nav-toggle', 'aria-expanded'), 'true');
    await page.locator('#site-nav-links a', { hasText: link }).first().click();
    await page.waitForSelector(`main[data-route="${route}"]`);
    await page.waitForTimeout(800);
    // The menu has folded; the window is at the very top, so the notice
    // and the page's title are on screen.
    assert.equal(await page.getAttribute('#nav-toggle', 'aria-expanded'), 'false', route);
    assert.equal(await page.evaluate(() => window.scrollY), 0, route);
    const title = await page.$eval('main h1', (h) => { const r = h.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
    assert.ok(title.top >= 0 && title.bottom <= 844, `${route}: title at ${title.top} to ${title.bottom}`);
    assert.ok(await page.$eval('.site-header', (h) => h.getBoundingClientRect().top >= 0), route);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main', route);
  }
  // On a wide screen too (the links always shown): at the very top.
  await page.setViewportSize({ width: 1280, height: 900 });
  await openRoute(page, '#/');
  await page.locator('#site-nav-links a', { hasText: 'Treatment phases' }).first().click();
  await page.waitForSelector('main[data-route="/phases"]');
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('moving to another page builds its elements afresh; a new query on the same page keeps them', async () => {
  const { page, context, consoleErrors } = await launch();
  await openRoute(page, '#/factors');
  // Pages without state of their own are plain functions: only the route key
  // stops the next page from taking over these elements.
  const heading = await page.$('main h1');
  await page.click('nav >> text=Monitoring');
  await page.waitForSelector('main[data-route="/monitoring"]');
  assert.equal(await heading.evaluate((h) => h.isConnected), false, 'the old heading was reused');
  const monitoring = await page.$('main h1');
  await page.evaluate(() => { window.location.hash = '#/monitoring?entry=no-such-entry'; });
  await page.waitForSelector('[data-testid="missing-entry"]');
  assert.equal(await monitoring.evaluate((h) => h.isConnected), true, 'the same page was rebuilt');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('a link holding tens of thousands of values is not read: the page says so and opens at once', async () => {
  const { page, context, consoleErrors } = await launch();
  // 50,000 step ids in reverse order and 20,000 unknown parameters: read one
  // by one they kept the calculator busy for seconds.
  const ids = Array.from({ length: 50000 }, (_, i) => `x${String(49999 - i).padStart(5, '0')}`).join(',');
  const names = Array.from({ length: 20000 }, (_, i) => `u${i}=1`).join('&');
  await openRoute(page, `#/calculator?protocol=crps-4h&weight_kg=90&off=${ids}&${names}`, undefined, '/calculator');
  const notice = await page.waitForSelector('[data-testid="refused-link"]');
  assert.match(await notice.textContent(), /^The link this page was opened with held 70,002 values, more than the 2,000 a link from this app can hold, so it was not read/);
  // The example adult, not the link's 90 kg.
  await page.waitForSelector('[data-testid="rate-mg-per-h"]');
  assert.equal(await page.textContent('[data-testid="rate-mg-per-h"]'), '24.5 mg/h');
  assert.equal(await page.$('[data-testid="ignored-params"]'), null);
  // A link the app reads again clears it.
  await page.evaluate(() => { window.location.hash = '#/factors'; });
  await page.waitForSelector('main[data-route="/factors"]');
  assert.equal(await page.$('[data-testid="refused-link"]'), null);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('typing a URL navigates and an unknown route shows a way home', async () => {
  const { page, context, consoleErrors } = await launch();
  await openRoute(page, '#/');
  await page.evaluate(() => { window.location.hash = '#/phases'; });
  await page.waitForSelector('main[data-route="/phases"]');
  await openRoute(page, '#/no-such-page', undefined, '/not-found');
  assert.equal(await page.getAttribute('main', 'data-route'), '/not-found');
  await page.click('main >> text=Go to the home page');
  await page.waitForSelector('main[data-route="/"]');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('keyboard: the skip link is first and moves focus to the main region', async () => {
  const { page, context } = await launch();
  await openRoute(page, '#/');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.ok(page.url().endsWith('#/'), 'the skip link keeps the route');
  // Then Tab reaches a control inside main, not the navigation again.
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)));
  await context.close();
});

test('the layout fits a 360 px phone without horizontal page scroll', async () => {
  const { page, context } = await launch({ viewport: { width: 360, height: 740 } });
  // Also links with one long word where an id goes (a card, a medicine),
  // which the scenario tabs and the medicine's remove button show whole.
  const long = (c) => c.repeat(150);
  const hostile = [
    [`#/calculator?protocol=${long('b')}`],
    [`#/calculator?protocol=${long('b')}&s2_protocol=crps-4h`],
    [`#/calculator?medications=${long('a')}`],
  ];
  for (const [fragment] of [...ROUTES, ...hostile]) {
    await openRoute(page, fragment);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${fragment}: page is ${overflow}px wider than the phone screen`);
  }
  // The home page's ways in are big enough to tap (44 px tall).
  await openRoute(page, '#/');
  const sizes = await page.$$eval('.start-links a', (links) => links.map((a) => {
    const r = a.getBoundingClientRect();
    return [a.textContent, r.width, r.height];
  }));
  assert.equal(sizes.length, 8);
  // The educators' way into compare mode: two patients side by side.
  await page.click('text=Compare two patients');
  await page.waitForSelector('[data-testid="comparison"]');
  assert.match(await page.textContent('[data-testid="comparison"]'), /70 kg.*100 kg/);
  await page.goBack();
  await page.waitForSelector('.start-links');
  for (const [text, width, height] of sizes) {
    assert.ok(height >= 44 && width >= 44, `${text}: ${width} × ${height} px`);
  }
  await context.close();
});

test('the home page\'s rows of links: a dot between two links on a line, none hanging at a line\'s end or leading the next', async () => {
  for (const width of [360, 1280]) {
    const { page, context } = await launch({ viewport: { width, height: 800 } });
    await openRoute(page, '#/');
    const rows = await linkRowDots(page, 'main');
    assert.equal(rows.length, 3, `${width}px`);
    const items = rows.flat();
    for (const item of items) {
      assert.equal(item.dot, !item.lineStart, `${width}px, ${item.text}: dot ${item.dot}, first on its line ${item.lineStart}`);
      assert.ok(item.linkWhole, `${width}px, ${item.text}: link cut off`);
    }
    // On a phone some rows wrap (a link starts a line, no dot before it); on
    // a desktop the first two of each row share a line, a dot between them.
    if (width === 360) assert.ok(items.filter((i) => i.lineStart).length > rows.length, 'phone: a row wraps');
    else assert.deepEqual(rows.map((r) => r[1].dot), [true, true, true], 'desktop: a dot between the first two');
    await context.close();
  }
});

test('dark mode follows the system setting', async () => {
  const { page, context } = await launch({ colorScheme: 'dark' });
  await openRoute(page, '#/');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)');
  await context.close();
  const light = await launch({ colorScheme: 'light' });
  await openRoute(light.page, '#/');
  assert.equal(await light.page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(255, 255, 255)');
  await light.context.close();
});

/** Text-showing operators (Tj, TJ) in a PDF's content streams, and its page count. */
function pdfText(pdf) {
  const s = pdf.toString('latin1');
  const pages = (s.match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
  let ops = 0;
  const re = /stream\r?\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index + m[0].length;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    try {
      ops += (inflateSync(pdf.subarray(start, end)).toString('latin1').match(/\bT[jJ]\b/g) ?? []).length;
    } catch { /* not a compressed content stream (an image, a font) */ }
    re.lastIndex = end;
  }
  return { pages, ops };
}

test('every printed page names the app and says "Page N of M"', async () => {
  const { page, context, consoleErrors } = await launch();
  await openRoute(page, '#/protocols?card=crps-4h');
  await page.waitForSelector('[data-testid="card-factors"]');
  const margins = await page.evaluate(() => {
    const out = {};
    const walk = (rules) => {
      for (const r of rules) {
        if (r instanceof CSSPageRule) for (const m of r.cssRules ?? []) out[m.name] = m.style.content;
        if (r.cssRules) walk(r.cssRules);
      }
    };
    for (const sheet of document.styleSheets) walk(sheet.cssRules);
    return out;
  });
  assert.deepEqual(margins, { 'top-left': '"Ketamine Dosing Reference"', 'bottom-right': '"Page " counter(page) " of " counter(pages)' });
  // Printed, the boxes add text to every page: a card runs to several.
  const printed = pdfText(await page.pdf({ format: 'A4' }));
  await page.evaluate(() => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync('@page { @top-left { content: none } @bottom-right { content: none } }');
    document.adoptedStyleSheets = [sheet];
  });
  const bare = pdfText(await page.pdf({ format: 'A4' }));
  assert.ok(printed.pages >= 3 && printed.pages === bare.pages, JSON.stringify({ printed, bare }));
  assert.ok(printed.ops - bare.ops >= 2 * printed.pages, `text on every page: ${JSON.stringify({ printed, bare })}`);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('print media hides the navigation and keeps the notice', async () => {
  const { page, context } = await launch();
  await openRoute(page, '#/');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('nav')).display), 'none');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector('[data-testid="notice"]')).display), 'none');
  await context.close();
});

