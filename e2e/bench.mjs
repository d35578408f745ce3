// `make bench`: what the first load costs and how fast the timeline redraws.
//
//   (a) sizes: raw and gzip (zlib level 9) of every part of the first load, against the budget;
//   (b) navigation -> first drawn frame (performance.mark('first-frame')), median of 10 fresh loads;
//   (c) per-redraw milliseconds from window.timelineBench(steps) over a scripted pan/zoom, for the
//       shipped data and for 10,000 synthetic events (?synthetic=10000): median and p95.
//
// Prints PASS/FAIL per budget; exits non-zero on a FAIL only with BENCH_STRICT=1. The numbers
// are also written to e2e/artifacts/bench.json.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ARTIFACTS, DIST, VIEWPORTS, launchBrowser, startServer } from './harness.mjs';

const BUDGET_GZIP_TOTAL = 80 * 1024;
const BUDGET_FIRST_FRAME_MS = 1000;
const BUDGET_P95_SYNTHETIC_MS = 8;
const LOADS = Number(process.env.BENCH_LOADS || 10);
const STEPS = Number(process.env.BENCH_STEPS || 200);
const SYNTHETIC = 10_000;
const strict = process.env.BENCH_STRICT === '1';
const results = { sizes: [], budgets: [] };

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo);
}
function budget(name, value, limit, unit, fmt = (v) => v.toFixed(2)) {
  const ok = Number.isFinite(value) && value <= limit;
  results.budgets.push({ name, value, limit, ok });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}: ${Number.isFinite(value) ? fmt(value) : 'not measured'} ${unit} (budget ${fmt(limit)} ${unit})`);
}

// ------------------------------------------------------------------------------- (a) sizes
function firstLoadFiles() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(css|js|mjs|wasm)$/.test(name)) out.push(p);
    }
  };
  walk(DIST);
  const order = (p) => (p.endsWith('.css') ? 1 : /\.m?js$/.test(p) ? 2 : 3);
  out.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  // The timeline's data is inside index.html (a JSON data block).
  return [path.join(DIST, 'index.html'), ...out];
}

function sizes() {
  console.log('\n(a) first-load sizes (gzip: node zlib level 9)\n');
  console.log(`${pad('file', 40)}${lpad('raw', 12)}${lpad('gzip', 12)}`);
  let raw = 0;
  let gz = 0;
  for (const f of firstLoadFiles()) {
    let buf;
    try { buf = readFileSync(f); } catch { console.log(`${pad(path.relative(DIST, f), 40)}  missing`); continue; }
    const g = gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gz += g;
    results.sizes.push({ file: path.relative(DIST, f), raw: buf.length, gzip: g });
    console.log(`${pad(path.relative(DIST, f), 40)}${lpad(kb(buf.length), 12)}${lpad(kb(g), 12)}`);
  }
  console.log(`${pad('total', 40)}${lpad(kb(raw), 12)}${lpad(kb(gz), 12)}`);
  // Loaded only when the page shows that language, so not part of the (English) first load.
  for (const name of readdirSync(DIST).filter((n) => /^data\.[a-z]+\.json$/.test(n)).sort()) {
    const buf = readFileSync(path.join(DIST, name));
    console.log(`${pad(`+ ${name} (only in that language)`, 40)}${lpad(kb(buf.length), 12)}${lpad(kb(gzipSync(buf, { level: 9 }).length), 12)}`);
  }
  console.log();
  results.total = { raw, gzip: gz };
  budget('first load, gzip total', gz / 1024, BUDGET_GZIP_TOTAL / 1024, 'KB', (v) => v.toFixed(1));
}

// ----------------------------------------------------------------------- (b) first frame
async function firstFrame(browser, server) {
  console.log(`\n(b) navigation -> first drawn frame (performance mark 'first-frame'), ${LOADS} fresh loads, 1280x800\n`);
  const times = [];
  const requested = new Set();
  let note = '';
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext(VIEWPORTS.desktop);
    try {
      const page = await context.newPage();
      page.on('request', (r) => requested.add(new URL(r.url()).pathname));
      await page.goto(server.url, { waitUntil: 'commit', timeout: 20_000 });
      const read = () => page.evaluate(() => performance.getEntriesByName('first-frame')[0]?.startTime ?? null);
      let t = await page.waitForFunction(() => performance.getEntriesByName('first-frame').length > 0, null, { timeout: 5000 })
        .then(read, () => null);
      if (t === null) {
        // The page may wait for the content note before it draws.
        const cont = page.locator('#content-note-continue');
        if (await cont.isVisible().catch(() => false)) {
          await cont.click();
          t = await page.waitForFunction(() => performance.getEntriesByName('first-frame').length > 0, null, { timeout: 5000 })
            .then(read, () => null);
          note = ' (drawn only after the content note was dismissed: includes the click)';
        }
      }
      if (t === null) {
        console.log(`  load ${i + 1}: no performance mark 'first-frame' within the timeout`);
      } else {
        times.push(t);
      }
    } finally {
      await context.close();
    }
  }
  if (times.length) {
    console.log(`  loads: ${times.map((t) => t.toFixed(0)).join(' ')} ms${note}`);
    console.log(`  median ${median(times).toFixed(1)} ms, min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}\n`);
  }
  results.firstFrame = { times, median: median(times) };
  budget('navigation -> first frame, median', median(times), BUDGET_FIRST_FRAME_MS, 'ms', (v) => v.toFixed(0));
  const counted = new Set(results.sizes.map((s) => `/${s.file}`));
  const extra = [...requested].filter((p) => p !== '/' && !counted.has(p));
  if (extra.length) console.log(`  note: the page also requested ${extra.join(', ')} (not in the size table)`);
}

// ----------------------------------------------------------------------------- (c) redraw
async function redraw(browser, server, label, query, vp) {
  const context = await browser.newContext(vp);
  try {
    const page = await context.newPage();
    await page.goto(server.url + query, { timeout: 20_000 });
    const cont = page.locator('#content-note-continue');
    if (await cont.isVisible().catch(() => false)) await cont.click();
    await page.waitForFunction(() => window.timelineReady !== undefined, null, { timeout: 20_000 })
      .catch(() => { throw new Error('window.timelineReady is missing'); });
    await page.evaluate(() => window.timelineReady);
    const has = await page.evaluate(() => typeof window.timelineBench === 'function');
    if (!has) throw new Error('window.timelineBench(steps) is missing');
    const ms = await page.evaluate(async (n) => Array.from(await window.timelineBench(n), Number), STEPS);
    return { label, n: ms.length, median: median(ms), p95: quantile(ms, 0.95), max: Math.max(...ms) };
  } catch (e) {
    return { label, error: e.message.split('\n')[0] };
  } finally {
    await context.close();
  }
}

async function redraws(browser, server) {
  console.log(`\n(c) redraw time over a scripted pan/zoom: window.timelineBench(${STEPS})\n`);
  const runs = [
    ['shipped data, 1280x800@1', '', VIEWPORTS.desktop],
    [`${SYNTHETIC} synthetic, 1280x800@1`, `?synthetic=${SYNTHETIC}`, VIEWPORTS.desktop],
    [`${SYNTHETIC} synthetic, 1920x1080@1`, `?synthetic=${SYNTHETIC}`, VIEWPORTS.wide],
    [`${SYNTHETIC} synthetic, 390x844@3`, `?synthetic=${SYNTHETIC}`, VIEWPORTS.phone],
  ];
  const rows = [];
  for (const [label, q, vp] of runs) rows.push(await redraw(browser, server, label, q, vp));
  console.log(`${pad('case', 34)}${lpad('frames', 8)}${lpad('median', 10)}${lpad('p95', 10)}${lpad('max', 10)}`);
  for (const r of rows) {
    if (r.error) console.log(`${pad(r.label, 34)}  not measured: ${r.error}`);
    else console.log(`${pad(r.label, 34)}${lpad(r.n, 8)}${lpad(r.median.toFixed(2), 10)}${lpad(r.p95.toFixed(2), 10)}${lpad(r.max.toFixed(2), 10)}  ms`);
  }
  console.log('');
  results.redraw = rows;
  budget(`redraw p95, ${SYNTHETIC} synthetic events, 1280x800`, rows[1].p95 ?? NaN, BUDGET_P95_SYNTHETIC_MS, 'ms');
}

// ------------------------------------------------------------------------------------ main
let server;
let browser;
try {
  sizes();
  server = await startServer();
  browser = await launchBrowser();
  console.log(`\nchromium ${browser.version()}, served at ${server.url}`);
  await firstFrame(browser, server);
  await redraws(browser, server);
} catch (e) {
  console.error(`bench: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
  await server?.close();
}
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(path.join(ARTIFACTS, 'bench.json'), JSON.stringify(results, null, 2));
const failed = results.budgets.filter((b) => !b.ok);
console.log(`\nbench: ${results.budgets.length - failed.length} of ${results.budgets.length} budgets met${failed.length ? `; FAIL: ${failed.map((b) => b.name).join('; ')}` : ''}`);
if (failed.length && strict) process.exitCode = 1;
