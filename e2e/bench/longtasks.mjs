// Which of the start's tasks block input: N fresh loads of our page at a phone's viewport with the
// CPU slowed by CDP (Lighthouse's mobile factor, 4x, unless told), every long task (50 ms or more,
// the Long Tasks API) after first contentful paint, named by the performance marks that fall
// inside it; the median per name and the blocking time (the part of each over 50 ms) summed.
//
//   node e2e/bench/longtasks.mjs [--dist DIR] [--loads N] [--rate 4] [--path /?x]

import { launchBrowser } from '../harness.mjs';
import { startBenchServer } from './server.mjs';
import { median } from './stats.mjs';

const arg = (k, dflt) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : dflt; };
const LOADS = Number(arg('--loads', 5));
const RATE = Number(arg('--rate', 4));

function observe() {
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
}

async function load(browser, url) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, serviceWorkers: 'block' });
  try {
    await context.addInitScript(observe);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.timelineReady, null, { timeout: 60_000 });
    await page.evaluate(() => window.timelineReady);
    // Long tasks are reported after they end; let the last ones land.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
    return await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
      tasks: window.__tasks,
      marks: performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]),
    }));
  } finally {
    await context.close();
  }
}

const server = await startBenchServer(arg('--dist') ? { dist: arg('--dist') } : {});
const browser = await launchBrowser();
try {
  const url = `${server.url}${arg('--path', '/').replace(/^\//, '')}`;
  const byName = new Map();
  const tbts = [];
  for (let i = 0; i < LOADS; i++) {
    const r = await load(browser, url);
    let tbt = 0;
    for (const [start, dur] of r.tasks) {
      if (start + dur <= r.fcp) continue;
      tbt += Math.max(0, dur - 50);
      const inside = r.marks.filter(([, t]) => t >= start && t <= start + dur).map(([n]) => n);
      const name = inside.length ? inside.join(' + ') : '(no mark)';
      (byName.get(name) ?? byName.set(name, []).get(name)).push(dur);
    }
    tbts.push(tbt);
  }
  console.log(`${LOADS} loads of ${url}, 412x823@1.75, CPU ${RATE}x slower; long tasks after FCP`);
  console.log(`  blocking time (sum of each task's part over 50 ms): median ${median(tbts).toFixed(0)} ms (${tbts.map((t) => t.toFixed(0)).join(' ')})`);
  for (const [name, ds] of [...byName].sort((a, b) => median(b[1]) - median(a[1]))) {
    console.log(`  ${median(ds).toFixed(0).padStart(5)} ms  in ${ds.length} of ${LOADS} loads  ${name}`);
  }
} finally {
  await browser.close();
  await server.close();
}
