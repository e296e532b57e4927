// The engine's golden examples (assets/golden/engine-golden.json) as the
// browser tests use them: the share link of each built-in case, the in-page
// reader of everything the result shows, and the comparison with what the
// golden file expects. Shared by the Chromium tests (tests/e2e) and the other
// engines' tests (tests/engines).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export const GOLDEN = JSON.parse(readFileSync(new URL('../../assets/golden/engine-golden.json', import.meta.url), 'utf8'));
export const BUILT_IN = new Set(['crps-4h', 'outpatient-consensus', 'crps-continuous', 'headache-inpatient', 'fibromyalgia-short']);
export const CASES = GOLDEN.cases.filter((c) => BUILT_IN.has(c.card));
export const FIGURES = ['dosing-weight-kg', 'rate-mg-per-h', 'rate-mg-per-kg-per-h', 'rate-mcg-per-kg-per-min',
  'session-total-mg', 'duration-h', 'pump-rate-ml-per-h'];

export function linkFor(c) {
  const params = new URLSearchParams({ protocol: c.card, ...c.params });
  if (c.disabled?.length) params.set('off', c.disabled.join(','));
  return `#/calculator?${params}`;
}

/**
 * Runs in the page (it is passed to the browser as source): everything the
 * result shows, read through the stable test hooks.
 */
export function resultInPage(figureIds) {
  const text = (el) => el?.textContent.trim();
  const all = (sel) => [...document.querySelectorAll(`.calc-results ${sel}`)];
  const figures = {};
  for (const id of figureIds) {
    const el = document.querySelector(`.calc-results [data-testid="${id}"]`);
    if (el) figures[id] = text(el);
  }
  const block = document.querySelector('[data-testid="block-reason"]');
  return {
    figures,
    block: block ? block.dataset.blockId : null,
    blockText: text(block),
    steps: all('[data-testid="factor-step"]').map((r) => r.dataset.stepId),
    warnings: all('[data-testid="warning"]').map((w) => w.dataset.messageId),
    notices: all('[data-testid="notice"]').map((w) => w.dataset.messageId),
    ladder: all('[data-testid="ladder-rate"]').map(text),
    bolus: text(document.querySelector('.calc-results [data-testid="bolus-mg"]')) ?? null,
    errors: [...new Set([...document.querySelectorAll('[data-testid="field-error"]')].map((e) => e.dataset.field))],
  };
}

export function check(c, r) {
  const e = c.expect;
  const where = `${c.name}`;
  if (e.block) {
    assert.equal(r.block, e.block, `${where}: block`);
    assert.deepEqual(r.figures, {}, `${where}: a block shows no figure`);
    // The warnings that apply all the same.
    if (e.warnings) assert.deepEqual(r.warnings, e.warnings, `${where}: warnings`);
    return;
  }
  if (e.input_errors) {
    assert.deepEqual([...r.errors].sort(), [...e.input_errors].sort(), `${where}: fields in error`);
    assert.deepEqual(r.figures, {}, `${where}: invalid input shows no figure`);
    return;
  }
  assert.equal(r.block, null, `${where}: not blocked`);
  for (const id of FIGURES) assert.equal(r.figures[id], e[id], `${where}: ${id}`);
  assert.deepEqual(r.steps, e.steps, `${where}: steps`);
  assert.deepEqual(r.warnings, e.warnings, `${where}: warnings`);
  assert.deepEqual(r.notices, e.notices, `${where}: notices`);
  assert.deepEqual(r.ladder, e.ladder, `${where}: titration ladder`);
  if (e['bolus-mg']) assert.equal(r.bolus, e['bolus-mg'], `${where}: bolus`);
}
