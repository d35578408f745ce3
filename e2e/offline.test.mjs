// Issue 11, for a classroom without a network: dist/timeline-offline.html is the whole site in
// one file. It is copied alone into an empty folder (as onto a USB stick) and opened from
// file://; every request is intercepted and only the file itself may load. Under its own strict
// Content-Security-Policy (hashes, no 'unsafe-inline') the timeline draws, every source text
// opens in full in the reader, and Korean works without data.ko.json beside it.

import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import {
  ACTION_TIMEOUT, DIST, READY_TIMEOUT, ROOT, assert, assertNoProblems, canvasState, describeProblems,
  launchBrowser, loadEvents, screenshot, waitForCanvas,
} from './harness.mjs';

const T = { timeout: 90_000 };
const BUILT = path.join(DIST, 'timeline-offline.html');
const BUILT_KO = path.join(DIST, 'timeline-offline.ko.html');
const SOURCES = JSON.parse(readFileSync(path.join(ROOT, 'data', 'sources.json'), 'utf8'));
const EVENTS = loadEvents();

let browser;
let dir;
let fileUrl;
before(async () => {
  assert.ok(existsSync(BUILT), `${path.relative(ROOT, BUILT)} is missing: run \`make dist\` first`);
  // Alone in a fresh folder: no pkg/, sources/, style.css or data.ko.json beside it.
  dir = mkdtempSync(path.join(tmpdir(), 'nk-offline-'));
  copyFileSync(BUILT, path.join(dir, 'timeline-offline.html'));
  copyFileSync(BUILT_KO, path.join(dir, 'timeline-offline.ko.html'));
  fileUrl = pathToFileURL(path.join(dir, 'timeline-offline.html')).href;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens the offline file in a fresh context. Every request is routed: the file itself (with the
 * given query) continues, anything else is recorded and refused. Console errors, page errors and
 * CSP violations are recorded as the harness records them.
 */
async function openOffline({ query = '', hash = '', viewport = { width: 1280, height: 800 }, file = 'timeline-offline.html', locale = 'en-US' } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce', serviceWorkers: 'block', locale });
  context.setDefaultTimeout(ACTION_TIMEOUT);
  const problems = { console: [], page: [], csp: [], thirdParty: [], failed: [] };
  const allowed = pathToFileURL(path.join(dir, file)).href + query;
  const requests = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    requests.push(u);
    if (u.split('#')[0] === allowed) return route.continue();
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
  page.on('console', (m) => { if (m.type() === 'error') problems.console.push(m.text()); });
  page.on('pageerror', (e) => problems.page.push(String(e?.stack || e)));
  page.on('requestfailed', (r) => { if (!problems.thirdParty.some((t) => t.endsWith(r.url()))) problems.failed.push(`${r.url()}: ${r.failure()?.errorText}`); });
  await page.goto(allowed + hash, { waitUntil: 'load', timeout: 20_000 });
  const ok = await page.evaluate((t) => Promise.race([
    Promise.resolve(window.timelineReady).then((v) => (v === true ? 'ok' : `resolved ${v}`), (e) => `rejected: ${e}`),
    new Promise((r) => setTimeout(() => r('timed out'), t)),
  ]), READY_TIMEOUT);
  assert.equal(ok, 'ok', `expected window.timelineReady to resolve true in the offline file; it ${ok}\n${describeProblems(problems)}`);
  await waitForCanvas(page, (s) => s.frames >= 1, 'canvas#timeline-canvas to carry data-frames >= 1');
  const cont = page.locator('#content-note-continue');
  if (await cont.isVisible().catch(() => false)) await cont.click();
  return {
    page, problems, requests,
    finish: async () => {
      try { assertNoProblems(problems); } finally { await context.close().catch(() => {}); }
    },
  };
}

/** Every inline script run as script, and every inline style, of an HTML text. */
function inlineParts(html) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter(([, attrs]) => !/\bsrc=/.test(attrs))
    .filter(([, attrs]) => {
      const type = attrs.match(/\btype="([^"]*)"/)?.[1]?.trim().toLowerCase() ?? '';
      return type === '' || type === 'module' || /javascript|ecmascript/.test(type);
    })
    .map((m) => m[2]);
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  return { scripts, styles };
}
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the one-file offline page', () => {
  test('its policy is strict and names the hash of every inline script and style', T, () => {
    const html = readFileSync(BUILT, 'utf8');
    const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/g)];
    assert.equal(metas.length, 1, 'expected one CSP <meta> tag');
    const policy = Object.fromEntries(metas[0][1].split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(policy['default-src'], ["'none'"], 'expected default-src \'none\'');
    assert.deepEqual(policy['img-src'], ['data:'], 'expected images from data: only (the print image)');
    assert.ok(!metas[0][1].includes("'unsafe-inline'") && !metas[0][1].includes("'unsafe-eval'"), `expected no unsafe-inline or unsafe-eval: ${metas[0][1]}`);
    assert.ok(policy['script-src'].includes("'wasm-unsafe-eval'"), 'expected wasm compilation allowed');
    const { scripts, styles } = inlineParts(html);
    assert.equal(scripts.length, 1, 'expected one inline module (glue, loader and offline start together)');
    assert.equal(styles.length, 1, 'expected the style sheet as one inline style');
    for (const s of scripts) assert.ok(policy['script-src'].includes(sha256(s)), `expected script-src to hold ${sha256(s)}`);
    for (const s of styles) assert.ok(policy['style-src'].includes(sha256(s)), `expected style-src to hold ${sha256(s)}`);
    assert.equal(policy['script-src'].length, scripts.length + 1, 'expected no script source but the hashes and wasm-unsafe-eval');
    assert.equal(policy['style-src'].length, styles.length, 'expected no style source but the hashes');
    assert.ok(!/\sstyle="/.test(html), 'expected no style attributes (the policy blocks them)');
    assert.ok(!/<(link|script)\b[^>]*\b(href|src)="(?!data:|https:|#)/.test(html.replace(/<a\b[^>]*>/g, '')),
      'expected no <link> or <script> that loads a file');
    const raw = statSync(BUILT).size;
    const gz = gzipSync(readFileSync(BUILT), { level: 9 }).length;
    console.log(`# timeline-offline.html: ${raw} bytes, ${gz} gzip`);
  });

  test('opened alone from file://, it draws with no request beyond itself, no CSP violation or console error', T, async () => {
    const s = await openOffline();
    const { page } = s;
    assert.ok((await canvasState(page)).frames >= 1);
    assert.equal(await page.locator('#event-list li[data-event]').count(), EVENTS.length, 'expected every event in the list');
    assert.ok(await page.locator('#error').isHidden(), 'expected no error message');
    assert.equal(await page.locator('a[href="timeline-offline.html"], a[href="worksheet.html"]').count(), 0,
      'expected no links to the online site\'s other files');
    // Moving through the timeline and opening details work as online.
    await page.locator('#timeline-canvas').focus();
    const before = (await canvasState(page)).selected;
    await page.keyboard.press('ArrowRight');
    await waitForCanvas(page, (c) => c.selected && c.selected !== before, 'a selection after ArrowRight');
    await page.keyboard.press('Enter');
    await page.locator('#details-title').waitFor({ state: 'visible' });
    // The citation files are not beside the file: their links are not shown, the copy button is.
    assert.ok(await page.locator('#details .cite-entry .copy-citation').isVisible());
    assert.equal(await page.locator('.cite-downloads:visible').count(), 0, 'expected no visible link to cite/ files');
    await screenshot(page, 'offline-1280x800');
    assert.deepEqual([...new Set(s.requests.map((u) => u.split('#')[0]))], [fileUrl], 'expected the only request to be the file itself');
    await s.finish();
  });

  test('the reader shows every source text in full, from inside the file', T, async () => {
    const s = await openOffline();
    const { page } = s;
    for (const src of SOURCES) {
      await page.evaluate((h) => { location.hash = h; }, `#source=${src.id}&passage=0`);
      await page.locator('#reader').waitFor({ state: 'visible' });
      await page.waitForFunction((title) => document.querySelector('#reader-title')?.textContent.includes(title) && document.querySelector('#source-text'),
        src.title, { timeout: 5000 })
        .catch(async () => { throw new Error(`expected the reader to show ${src.id}'s text; reader says: ${(await page.locator('#reader').innerText()).slice(0, 300)}\n${describeProblems(s.problems)}`); });
      const shown = await page.locator('#source-text').textContent();
      const want = readFileSync(path.join(ROOT, 'data', src.file), 'utf8');
      assert.equal(shown, want, `expected the reader to hold ${src.file} byte for byte`);
      assert.ok(await page.locator('#source-text mark.passage.current').count() >= 1, `expected passage 0 of ${src.id} marked`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'offline-reader-1280x800');
    assert.deepEqual([...new Set(s.requests.map((u) => u.split('#')[0]))], [fileUrl]);
    await s.finish();
  });

  test('a deep link to a source passage opens the reader with the full text on load', T, async () => {
    const src = SOURCES[SOURCES.length - 1];
    const s = await openOffline({ hash: `#source=${src.id}&passage=1` });
    const { page } = s;
    await page.locator('#source-text').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#source-text').textContent(), readFileSync(path.join(ROOT, 'data', src.file), 'utf8'),
      `expected ${src.file} in full in the reader`);
    assert.equal(await page.locator('#source-text mark.passage.current').first().getAttribute('data-n'), '1');
    await s.finish();
  });

  // Downloaded from index.ko.html: Korean in any browser, from the first paint, as that page.
  test('timeline-offline.ko.html is Korean from the file alone, in an English browser too', T, async () => {
    const s = await openOffline({ file: 'timeline-offline.ko.html', locale: 'en-US' });
    const { page } = s;
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    assert.equal(await page.locator('#note-heading').textContent(), '내용 주의');
    const e = EVENTS.find((x) => x.translations?.ko?.title);
    assert.equal((await page.locator(`#ev-${e.id} .ev-title`).textContent()).trim(), e.translations.ko.title);
    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('#details-title').waitFor({ state: 'visible' });
    assert.match(await page.locator('#details-title').textContent(), /[\uac00-\ud7a3]/, 'expected the details in Korean');
    assert.deepEqual([...new Set(s.requests.map((u) => u.split('#')[0]))], [pathToFileURL(path.join(dir, 'timeline-offline.ko.html')).href], 'expected no request beyond the file');
    await s.finish();
  });

  test('?lang=ko shows the events in Korean from the file itself', T, async () => {
    const s = await openOffline({ query: '?lang=ko' });
    const { page } = s;
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    const e = EVENTS.find((x) => x.translations?.ko?.title);
    await page.waitForFunction(([id, title]) => document.querySelector(`#ev-${id} .ev-title`)?.textContent === title,
      [e.id, e.translations.ko.title], { timeout: 5000 })
      .catch(async () => { throw new Error(`expected ${e.id}'s Korean title in the list, got "${await page.locator(`#ev-${e.id} .ev-title`).textContent()}"`); });
    await screenshot(page, 'offline-ko-1280x800');
    await s.finish();
  });
});
