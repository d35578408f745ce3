// Lighthouse (npm lighthouse, pinned) on a page of the bench server: its default mobile settings
// (a Moto G Power sized screen, 4x CPU slowdown, simulated slow 4G: "simulated throttling"), the
// performance, accessibility and best-practices categories. Chromium is Debian's, started by
// chrome-launcher (CHROME_PATH) with the flags the browser tests use; one fresh Chromium per run,
// as Lighthouse expects.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ARTIFACTS, CHROMIUM, CHROMIUM_ARGS } from '../harness.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/**
 * Runs Lighthouse once on `url`; returns the scores (0-100), FCP/LCP/TBT/CLS and what caused the
 * LCP and the layout shifts. The whole report goes to e2e/artifacts/lighthouse-NAME.json.
 */
export async function runLighthouse(url, name) {
  process.env.CHROME_PATH = CHROMIUM;
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS, logLevel: 'silent' });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    const lhr = result.lhr;
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(path.join(ARTIFACTS, `lighthouse-${name}.json`), result.report);
    const a = (id) => lhr.audits[id];
    const score = (c) => (lhr.categories[c]?.score == null ? NaN : Math.round(lhr.categories[c].score * 100));
    const failing = Object.values(lhr.audits)
      .filter((x) => x.score !== null && x.score < 1 && x.scoreDisplayMode === 'binary')
      .map((x) => x.id);
    return {
      url,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      fcp: a('first-contentful-paint')?.numericValue,
      lcp: a('largest-contentful-paint')?.numericValue,
      tbt: a('total-blocking-time')?.numericValue,
      cls: a('cumulative-layout-shift')?.numericValue,
      si: a('speed-index')?.numericValue,
      lcpElement: describeItems(a('largest-contentful-paint-element')),
      shifts: describeItems(a('layout-shifts')),
      failing,
      // Every URL the page requested while Lighthouse loaded it (its network-requests table).
      requests: (a('network-requests')?.details?.items ?? []).map((x) => x.url).filter(Boolean),
      runtimeError: lhr.runtimeError?.message,
      warnings: lhr.runWarnings ?? [],
    };
  } finally {
    await chrome.kill();
  }
}

// The node snippets and scores in a details table (LCP element, layout shifts), shortened.
function describeItems(audit) {
  const out = [];
  const walk = (items) => {
    for (const it of items ?? []) {
      if (it.items) walk(it.items);
      const node = it.node ?? it.element;
      if (node?.snippet || node?.selector) {
        const extra = typeof it.score === 'number' ? ` (shift ${it.score.toFixed(3)})` : '';
        out.push(`${node.selector ?? ''} ${String(node.snippet ?? '').slice(0, 90)}${extra}`.trim());
      }
    }
  };
  walk(audit?.details?.items);
  return out;
}
