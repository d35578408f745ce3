// Redraw times of two builds side by side: window.timelineBench(200) at 10,000 synthetic events,
// the builds interleaved over N rounds in one Chromium, each round a fresh page per build; the
// median of the rounds' p95 (and median) per build and viewport. For telling a change to the
// drawing path from the machine's noise, which moves one build's p95 by 30 % between runs.
//
//   node e2e/bench/redraw-ab.mjs DIST_A DIST_B [--rounds N]

import { launchBrowser } from '../harness.mjs';
import { startBenchServer } from './server.mjs';
import { median, quantile } from './stats.mjs';

const args = process.argv.slice(2);
const i = args.indexOf('--rounds');
const ROUNDS = i >= 0 ? Number(args.splice(i, 2)[1]) : 5;
const [A, B] = args;
if (!A || !B) {
  console.error('usage: node e2e/bench/redraw-ab.mjs DIST_A DIST_B [--rounds N]');
  process.exit(2);
}

async function once(browser, server, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.goto(`${server.url}?synthetic=10000`);
    await page.waitForFunction(() => window.timelineReady !== undefined);
    await page.evaluate(() => window.timelineReady);
    const cont = page.locator('#content-note-continue');
    if (await cont.isVisible().catch(() => false)) await cont.click();
    const ms = await page.evaluate(async () => Array.from(await window.timelineBench(200), Number));
    return { median: median(ms), p95: quantile(ms, 0.95) };
  } finally {
    await context.close();
  }
}

const servers = [await startBenchServer({ dist: A }), await startBenchServer({ dist: B })];
const browser = await launchBrowser();
try {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    const runs = [[], []];
    for (let r = 0; r < ROUNDS; r++) {
      for (const k of r % 2 ? [1, 0] : [0, 1]) runs[k].push(await once(browser, servers[k], viewport));
    }
    for (const [k, name] of [[0, A], [1, B]]) {
      const p95s = runs[k].map((x) => x.p95);
      console.log(`${viewport.width}x${viewport.height}  ${name.padEnd(24)} p95 median ${median(p95s).toFixed(2)} ms (${p95s.map((x) => x.toFixed(1)).join(' ')}), median ${median(runs[k].map((x) => x.median)).toFixed(2)} ms`);
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
