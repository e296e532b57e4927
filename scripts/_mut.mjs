import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';
import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.goto(process.env.URL);
await p.waitForSelector('[data-testid="rate-mg-per-h"]');
await p.fill('#weight', '40'); await p.focus('#weight'); await p.keyboard.press('Home');
await p.evaluate(() => {
  window.__m = [];
  new MutationObserver((l) => { for (const r of l) window.__m.push(r); }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
});
await p.keyboard.press('1');
await p.waitForTimeout(100);
const out = await p.evaluate(() => {
  const path = (n) => { const parts = []; let e = n.nodeType === 1 ? n : n.parentElement; while (e && e !== document.body && parts.length < 4) { parts.unshift(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : '') + (e.dataset?.testid ? `[${e.dataset.testid}]` : '')); e = e.parentElement; } return parts.join('>'); };
  const agg = {};
  for (const r of window.__m) { const k = `${r.type}${r.attributeName ? ':' + r.attributeName : ''} ${path(r.target)} +${r.addedNodes.length}-${r.removedNodes.length}`; agg[k] = (agg[k] ?? 0) + 1; }
  return { n: window.__m.length, agg };
});
console.log(out.n); for (const [k, v] of Object.entries(out.agg).sort((a, b) => b[1] - a[1])) console.log(v, k);
await b.close();
