// Regenerates docs/screenshot.png (the README's picture) from the single-file
// copy, with Debian's Chromium. Usage: scripts/build.sh && node scripts/screenshot.mjs
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const file = pathToFileURL(join(ROOT, 'dist-single', 'ketamine-dosing-reference.html')).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
await page.goto(`${file}#/calculator?protocol=crps-4h&weight_kg=70&height_cm=175&sex=male&age=40`);
await page.waitForSelector('[data-testid="rate-mg-per-h"]');
await page.screenshot({ path: join(ROOT, 'docs', 'screenshot.png') });
await browser.close();
console.log('wrote docs/screenshot.png');
