// Shared helpers for the browser tests and the bench: start `timeline serve dist` on a free port,
// launch Debian's chromium through playwright-core (no browser download), open pages that record
// every console error, page error, CSP violation, failed or third-party request, and small
// helpers to read the canvas's data-* attributes (the DOM contract in docs/ARCHITECTURE.md).
//
// Every wait has a timeout, so a missing page or hook fails with a message instead of hanging.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = path.join(ROOT, 'dist');
export const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts');
export const BIN = path.join(ROOT, 'target', 'release', 'timeline');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
/** How long the page may take to resolve window.timelineReady. */
export const READY_TIMEOUT = 20_000;
/** Default for every playwright action and wait. */
export const ACTION_TIMEOUT = 10_000;

// ------------------------------------------------------------------------------------ data

/** data/events.json, as written by the data owners. */
export function loadEvents() {
  return JSON.parse(readFileSync(path.join(ROOT, 'data', 'events.json'), 'utf8'));
}

/** Days since 1970-01-01 (UTC) of a partial date `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (its start). */
export function dayOf(partial) {
  const [y, m = 1, d = 1] = String(partial).split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

/** Events sorted by start date (ties keep file order). */
export function eventsInDateOrder() {
  return loadEvents()
    .map((e, i) => ({ ...e, i, day: dayOf(e.start) }))
    .sort((a, b) => a.day - b.day || a.i - b.i);
}

// ---------------------------------------------------------------------------------- server

function ensureBinary() {
  if (existsSync(BIN)) return;
  const r = spawnSync('cargo', ['build', '--release', '--quiet', '--bin', 'timeline'], {
    cwd: ROOT, stdio: 'inherit', timeout: 15 * 60_000,
  });
  if (r.status !== 0) throw new Error(`could not build ${BIN} (cargo build --release --bin timeline failed)`);
}

/**
 * Starts `timeline serve dist --port 0` (the system picks a free port) and waits for its
 * "Serving DIR at http://127.0.0.1:PORT/" line. Returns { url, origin, close }.
 */
export async function startServer({ dir = DIST, timeout = 20_000 } = {}) {
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`${path.relative(ROOT, dir)}/index.html is missing: run \`make dist\` first`);
  }
  ensureBinary();
  const proc = spawn(BIN, ['serve', dir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr.on('data', (b) => { err += b; });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(
      `timeline serve did not print "Serving ... at http://127.0.0.1:PORT/" within ${timeout} ms; stdout: ${out} stderr: ${err}`)), timeout);
    proc.stdout.on('data', (b) => {
      out += b;
      const m = out.match(/Serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`timeline serve exited (${code}) before listening: ${err}`)); });
  });
  proc.removeAllListeners('exit');
  return {
    url,
    origin: new URL(url).origin,
    stderr: () => err,
    close: () => new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => { proc.kill('SIGKILL'); resolve(); }, 2000).unref();
    }),
  };
}

// --------------------------------------------------------------------------------- browser

export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (make tools-chromium)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 30_000 });
}

/** Starts the server and the browser once per test file; call `close()` in `after`. */
export async function setup() {
  const server = await startServer();
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.close();
    throw e;
  }
  return {
    server,
    browser,
    open: (opts = {}) => openPage(browser, server, opts),
    close: async () => {
      await browser.close().catch(() => {});
      await server.close();
    },
  };
}

export const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true },
  wide: { viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1 },
};

/**
 * Opens the served page in a fresh context. `opts`: viewport, deviceScaleFactor, isMobile,
 * hasTouch (as for playwright contexts), `path` (default '/', may carry ?query and #hash),
 * `ready` (default true: dismiss the content note and wait for window.timelineReady),
 * `context` (more playwright context options: locale, colorScheme, reducedMotion, ...).
 * Returns a session { page, context, problems, ready(), finish() }.
 */
export async function openPage(browser, server, opts = {}) {
  const { viewport = VIEWPORTS.desktop.viewport, deviceScaleFactor = 1, isMobile = false, hasTouch = false,
    path: urlPath = '/', ready: waitReady = true, context: extra = {} } = opts;
  const context = await browser.newContext({
    viewport, deviceScaleFactor, isMobile, hasTouch, reducedMotion: 'reduce', serviceWorkers: 'block', ...extra,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT);
  const problems = { console: [], page: [], csp: [], thirdParty: [], failed: [] };
  const served = server.origin;

  // Anything not from the served origin is recorded and refused, so no test touches the network.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(served + '/') || u === served) return route.continue();
    problems.thirdParty.push(`${route.request().method()} ${u}`);
    return route.abort('blockedbyclient');
  });
  await context.exposeBinding('__nkReportCsp', (_src, v) => { problems.csp.push(v); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      // eslint-disable-next-line no-undef
      window.__nkReportCsp?.(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample || ''}`);
    });
  });

  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') problems.console.push(`${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => problems.page.push(String(e?.stack || e)));
  page.on('requestfailed', (r) => {
    if (r.url().startsWith(served)) problems.failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.url().startsWith(served) && r.status() >= 400) problems.failed.push(`${r.status()} ${r.url()}`);
  });

  const session = {
    page, context, problems, server,
    url: (p) => new URL(p, server.url).href,
    ready: () => ready(page),
    /** Fails the test when anything was recorded; then closes the context. */
    finish: async () => {
      try { assertNoProblems(problems); } finally { await context.close().catch(() => {}); }
    },
    close: () => context.close().catch(() => {}),
  };
  try {
    await page.goto(session.url(urlPath), { waitUntil: 'load', timeout: 20_000 });
    if (waitReady) await ready(page);
  } catch (e) {
    const extra = describeProblems(problems);
    await context.close().catch(() => {});
    throw new Error(`${e.message}${extra ? `\nrecorded on the page:\n${extra}` : ''}`);
  }
  return session;
}

export function describeProblems(p) {
  const lines = [];
  for (const [k, label] of [['console', 'console error'], ['page', 'uncaught page error'], ['csp', 'CSP violation'],
    ['thirdParty', 'request to another origin'], ['failed', 'failed request']]) {
    for (const v of p[k]) lines.push(`  ${label}: ${v}`);
  }
  return lines.join('\n');
}

export function assertNoProblems(p) {
  const d = describeProblems(p);
  assert.equal(d, '', `expected no console errors, page errors, CSP violations, failed or third-party requests; got:\n${d}`);
}

/**
 * Waits for window.timelineReady (set by app.js, resolved after the first drawn frame), clicks
 * #content-note-continue when the note is shown (it makes #main inert until then), waits until
 * the canvas is no longer inside an inert element, and checks data-frames >= 1.
 */
export async function ready(page, timeout = READY_TIMEOUT) {
  try {
    await page.waitForFunction(() => window.timelineReady !== undefined, null, { timeout });
  } catch {
    throw new Error(`expected window.timelineReady (a Promise set by app.js) to exist within ${timeout} ms; ${await pageState(page)}`);
  }
  const ok = await page.evaluate((t) => Promise.race([
    Promise.resolve(window.timelineReady).then((v) => (v === false ? 'resolved false (start failed)' : 'ok'), (e) => `rejected: ${e}`),
    new Promise((r) => setTimeout(() => r('timed out'), t)),
  ]), timeout);
  assert.equal(ok, 'ok', `expected window.timelineReady to resolve within ${timeout} ms; it ${ok}; ${await pageState(page)}`);
  await waitForCanvas(page, (a) => a.frames >= 1, 'canvas#timeline-canvas to carry data-frames >= 1 after timelineReady', 5000);
  const cont = page.locator('#content-note-continue');
  if (await cont.isVisible().catch(() => false)) await cont.click();
  await page.waitForFunction(() => !document.querySelector('#timeline-canvas')?.closest('[inert]'), null, { timeout: 5000 })
    .catch(async () => { throw new Error(`expected the timeline to stop being inert after #content-note-continue; ${await pageState(page)}`); });
}

/** A one-line description of the page's state for failure messages. */
export async function pageState(page) {
  return page.evaluate(() => {
    const c = document.querySelector('#timeline-canvas');
    const err = document.querySelector('#error');
    const a = (n) => c?.getAttribute(n);
    return `state: canvas ${c ? `data-frames=${a('data-frames')} data-view=${a('data-view')} data-selected=${a('data-selected')}` : 'missing'}; `
      + `#error ${err ? (err.hidden ? 'hidden' : `shown: "${err.textContent.trim().slice(0, 200)}"`) : 'missing'}; hash "${location.hash}"`;
  }).catch((e) => `state unavailable (${e.message})`);
}

// ---------------------------------------------------------------------------------- canvas

/** { frames, view: [d0, d1] | null, selected, box: {x, y, width, height} } of the canvas. */
export async function canvasState(page) {
  return page.evaluate(() => {
    const c = document.querySelector('#timeline-canvas');
    if (!c) return null;
    const v = (c.getAttribute('data-view') || '').split(',').map(Number);
    const r = c.getBoundingClientRect();
    return {
      frames: Number(c.getAttribute('data-frames') || 0),
      view: v.length === 2 && v.every(Number.isFinite) ? v : null,
      selected: c.getAttribute('data-selected') || '',
      box: { x: r.x, y: r.y, width: r.width, height: r.height },
    };
  });
}

/** Polls canvasState until `pred` holds; fails with `what` and the last state. */
export async function waitForCanvas(page, pred, what, timeout = 5000) {
  const t0 = Date.now();
  let s = null;
  for (;;) {
    s = await canvasState(page);
    if (s && pred(s)) return s;
    if (Date.now() - t0 > timeout) {
      throw new Error(`expected ${what} within ${timeout} ms; last canvas state: ${JSON.stringify(s)}; ${await pageState(page)}`);
    }
    await page.waitForTimeout(40);
  }
}

/** Waits until at least one more frame than `frames` has been drawn. */
export function nextFrame(page, frames, what = 'a new frame', timeout = 5000) {
  return waitForCanvas(page, (s) => s.frames > frames, `${what} (data-frames to grow past ${frames})`, timeout);
}

/** Canvas x (page CSS px) of a day, assuming data-view spans the canvas's full width. */
export function xOfDay(s, day) {
  const [d0, d1] = s.view;
  return s.box.x + ((day - d0) / (d1 - d0)) * s.box.width;
}

/** The day under page x, same assumption. */
export function dayAtX(s, x) {
  const [d0, d1] = s.view;
  return d0 + ((x - s.box.x) / s.box.width) * (d1 - d0);
}

/** Distinct colours and the share of pixels that differ from the most common one (the background). */
export async function canvasPixels(page) {
  return page.evaluate(() => {
    const c = document.querySelector('#timeline-canvas');
    if (!c || !c.width || !c.height) return { colours: 0, inked: 0, width: c?.width ?? 0, height: c?.height ?? 0 };
    // Copy through a fresh canvas so the page's own context type and state do not matter.
    const tmp = document.createElement('canvas');
    tmp.width = c.width;
    tmp.height = c.height;
    const ctx = tmp.getContext('2d');
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, tmp.width, tmp.height).data;
    const counts = new Map();
    for (let i = 0; i < d.length; i += 4) {
      const k = (d[i] << 24) | (d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3];
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const max = Math.max(...counts.values());
    const n = d.length / 4;
    return { colours: counts.size, inked: (n - max) / n, width: c.width, height: c.height };
  });
}

/**
 * Page y positions (CSS px) of the inked runs in the canvas column at page x, top to bottom:
 * where something other than the background colour is drawn.
 */
export async function inkRuns(page, x) {
  return page.evaluate((px) => {
    const c = document.querySelector('#timeline-canvas');
    const r = c.getBoundingClientRect();
    const sx = c.width / r.width;
    const sy = c.height / r.height;
    const cx = Math.max(0, Math.min(c.width - 1, Math.round((px - r.x) * sx)));
    const tmp = document.createElement('canvas');
    tmp.width = 1;
    tmp.height = c.height;
    const ctx = tmp.getContext('2d');
    ctx.drawImage(c, cx, 0, 1, c.height, 0, 0, 1, c.height);
    const d = ctx.getImageData(0, 0, 1, c.height).data;
    const key = (i) => `${d[i]},${d[i + 1]},${d[i + 2]},${d[i + 3]}`;
    const counts = new Map();
    for (let i = 0; i < d.length; i += 4) counts.set(key(i), (counts.get(key(i)) || 0) + 1);
    const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const runs = [];
    let start = -1;
    for (let y = 0; y <= c.height; y++) {
      const inked = y < c.height && key(y * 4) !== bg;
      if (inked && start < 0) start = y;
      if (!inked && start >= 0) { runs.push(r.y + ((start + y) / 2) / sy); start = -1; }
    }
    return runs;
  }, x);
}

/**
 * Finds a canvas point whose click (or tap, with `tap(x, y)`) selects an event: tries the inked
 * runs in the column of `day` and its neighbours. Returns { x, y, selected } or null.
 */
export async function findHit(page, day, { tap = null, exclude = '' } = {}) {
  const s0 = await canvasState(page);
  const x0 = xOfDay(s0, day);
  let tries = 0;
  for (const dx of [0, -3, 3, -8, 8, -15, 15]) {
    const x = x0 + dx;
    if (x < s0.box.x + 1 || x > s0.box.x + s0.box.width - 1) continue;
    for (const y of await inkRuns(page, x)) {
      if (++tries > 60) return null;
      const before = await canvasState(page);
      if (tap) await tap(x, y); else await page.mouse.click(x, y);
      const after = await waitForCanvas(page, (a) => a.selected !== before.selected && a.selected !== '', 'a selection', 400)
        .catch(() => null);
      if (after && after.selected !== exclude) return { x, y, selected: after.selected };
    }
  }
  return null;
}

// ------------------------------------------------------------------------------------ misc

export async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false, timeout: 15_000 });
  return file;
}

/** Is the element fully or partly inside the visual viewport? */
export async function inViewport(locator) {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.right > 0 && r.top < window.innerHeight && r.left < window.innerWidth && r.width > 0 && r.height > 0;
  });
}

export { assert };
