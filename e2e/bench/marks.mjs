// A quick look at one change, without the whole of `make bench`: N fresh loads of the floor page
// and ours, alternating, at 1280x800; the median of each one's first drawn frame and first
// contentful paint (the bench's own timing point, e2e/bench/timing.mjs), their ratio, and for our
// page the median time of every performance mark and resource it set or fetched, from navigation
// start: where a load's time goes, stage by stage.
//
//   node e2e/bench/marks.mjs [--dist DIR] [--loads N] [--path /?x] [--width W --height H]

import { launchBrowser } from '../harness.mjs';
import { startBenchServer } from './server.mjs';
import { benchInit } from './timing.mjs';
import { median } from './stats.mjs';

const arg = (k, dflt) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : dflt; };
const LOADS = Number(arg('--loads', 8));

async function load(browser, url, viewport) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, serviceWorkers: 'block' });
  try {
    await context.addInitScript(benchInit);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    const r = await page.evaluate(() => window.__benchDone);
    // Marks set after the timing point (the rest of start()) land too.
    await page.waitForTimeout(200);
    const entries = await page.evaluate(() => [
      ...performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
      ...performance.getEntriesByType('resource').flatMap((e) => {
        const f = new URL(e.name).pathname.split('/').pop();
        return [[`${f} requested`, e.startTime], [`${f} arrived`, e.responseEnd]];
      }),
      ...(() => {
        const n = performance.getEntriesByType('navigation')[0];
        return n ? [['html arrived', n.responseEnd], ['DOMContentLoaded', n.domContentLoadedEventStart], ['load', n.loadEventStart]] : [];
      })(),
    ]);
    return { ...r, entries };
  } finally {
    await context.close();
  }
}

const server = await startBenchServer({ dist: arg('--dist', undefined) });
const browser = await launchBrowser();
try {
  const viewport = { width: Number(arg('--width', 1280)), height: Number(arg('--height', 800)) };
  const ours = server.url + arg('--path', '/').slice(1);
  const floor = `${server.url}bench/floor.html`;
  await load(browser, ours, viewport);
  await load(browser, floor, viewport);
  const runs = { ours: [], floor: [] };
  for (let i = 0; i < LOADS; i++) {
    runs.floor.push(await load(browser, floor, viewport));
    runs.ours.push(await load(browser, ours, viewport));
  }
  const ratio = (k) => median(runs.ours.map((r, i) => r[k] / runs.floor[i][k]));
  const f = (v) => `${v.toFixed(1)} ms`.padStart(10);
  console.log(`${LOADS} loads each, ${viewport.width}x${viewport.height}, ${ours}`);
  for (const k of ['frame', 'fcp']) {
    console.log(`  ${k.padEnd(6)} ours ${f(median(runs.ours.map((r) => r[k])))}  floor ${f(median(runs.floor.map((r) => r[k])))}  ratio ${ratio(k).toFixed(2)}x`);
  }
  console.log(`  drawn signal: ${runs.ours[0].what}`);
  const names = new Map();
  for (const r of runs.ours) for (const [n, t] of r.entries) (names.get(n) ?? names.set(n, []).get(n)).push(t);
  const rows = [...names].map(([n, ts]) => [n, median(ts)]).sort((a, b) => a[1] - b[1]);
  console.log('  our page, median from navigation start:');
  for (const [n, t] of rows) console.log(`    ${f(t)}  ${n}`);
} finally {
  await browser.close();
  await server.close();
}
