// Issue 11, for the visitor at risk: the quick exit says how many Shift presses remain and when
// the count lapses, blanks the page before the neutral site loads, and "keep this visit out of my
// history" makes a whole visit one history entry with a neutral title.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { BIN, DIST, ROOT, assert, launchBrowser, openPage, setup, startServer } from './harness.mjs';

const T = { timeout: 90_000 };
const EXIT_URL = 'https://www.bbc.com/weather';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** A page past the content note, with the neutral site answered locally. */
async function openPast(opts = {}) {
  const s = await env.open({ ready: false, ...opts });
  await s.page.route(EXIT_URL, (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Weather</title><p>Weather</p>' }));
  await s.page.evaluate(() => window.timelineReady);
  return s;
}

const exitStatus = (page) => page.locator('#exit-status').innerText();

describe('quick exit feedback', () => {
  test('each Shift press says how many remain, and a lapsed count says so', T, async () => {
    const s = await openPast();
    const { page } = s;
    await page.locator('#content-note-continue').click();
    const exitBox = () => page.locator('#exit').evaluate((e) => e.getBoundingClientRect().toJSON());
    const before = await exitBox();
    await page.keyboard.press('Shift');
    await page.waitForFunction(() => /2 more times/.test(document.querySelector('#exit-status').textContent));
    assert.equal(await page.locator('#exit-status').getAttribute('role'), 'status', 'expected a live region');
    // The count appears without moving the button the visitor may be reaching for.
    const now = await exitBox();
    assert.deepEqual([now.left, now.top, now.width], [before.left, before.top, before.width], 'expected the exit button not to move when the count appears');
    const status = await page.locator('#exit-status').evaluate((e) => e.getBoundingClientRect().toJSON());
    assert.ok(status.width > 0 && status.top >= now.bottom - 1, `expected the count under the button, at ${status.top} (button ends at ${now.bottom})`);
    await page.keyboard.press('Shift');
    await page.waitForFunction(() => /1 more time/.test(document.querySelector('#exit-status').textContent));
    // No third press: the window (1.5 s) lapses, and the visitor hears it.
    await page.waitForFunction(() => /reset/.test(document.querySelector('#exit-status').textContent), null, { timeout: 5000 });
    assert.ok(page.url().startsWith(s.server.origin), 'expected the lapsed count not to leave');
    assert.match(await exitStatus(page), /three times/);
    await s.close();
  });

  test('the page is blank before the neutral site shows, and the exit link has nofollow noreferrer', T, async () => {
    const s = await openPast();
    const { page } = s;
    assert.equal(await page.locator('#exit').getAttribute('rel'), 'nofollow noreferrer');
    await page.locator('#content-note-continue').click();
    // The page reports (on the console) what it shows the moment its body changes, which is
    // still before the neutral site is even asked for.
    const reported = new Promise((resolve) => {
      page.on('console', (m) => { if (m.text().startsWith('shown:')) resolve(JSON.parse(m.text().slice(6))); });
    });
    await page.evaluate(() => new MutationObserver(() => {
      console.log(`shown:${JSON.stringify({ body: document.body.textContent.trim(), title: document.title, canvas: !!document.querySelector('canvas') })}`);
    }).observe(document.body, { childList: true }));
    await page.locator('#exit').click();
    const left = await Promise.race([reported, new Promise((_, no) => setTimeout(() => no(new Error('no report')), 10_000))]);
    assert.deepEqual(left, { body: '', title: '', canvas: false }, 'expected nothing of the timeline on screen while the neutral site loads');
    await page.waitForURL(EXIT_URL);
    await s.close();
  });
});

describe('a page brought back from the back-forward cache', () => {
  // Chromium under test runs without its back-forward cache, and the exit replaces the page's
  // history entry, so no Back can bring it back here. The browser's own PageTransitionEvent with
  // `persisted` is dispatched instead, while the neutral site is still on its way.
  test('after the exit, a restored page stays blank and leaves again', T, async () => {
    const s = await env.open({ ready: false });
    const { page } = s;
    // The neutral site answers "204 No Content", so the browser stays on the page it was
    // leaving, as it is when brought back from the cache.
    const asked = [];
    await page.route(EXIT_URL, (r) => { asked.push(r.request().url()); return r.fulfill({ status: 204 }); });
    await page.evaluate(() => window.timelineReady);
    await page.locator('#content-note-continue').click();
    await page.locator('#exit').click();
    await page.waitForFunction(() => document.body.textContent.trim() === '' && !document.querySelector('canvas'));
    assert.equal(asked.length, 1);
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    // It asks for the neutral site again rather than showing anything of the timeline.
    for (let i = 0; i < 100 && asked.length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(asked.length, 2, 'expected the restored page to leave for the neutral site again');
    assert.deepEqual(await page.evaluate(() => [document.body.textContent.trim(), document.title, !!document.querySelector('canvas')]), ['', '', false]);
    await s.close();
  });

  test('without an exit, a restored page shows the timeline as it was', T, async () => {
    const s = await openPast();
    const { page } = s;
    await page.locator('#content-note-continue').click();
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true })));
    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash.startsWith('#event='));
    assert.ok(await page.locator('#timeline-canvas').isVisible());
    assert.notEqual(page.url(), EXIT_URL);
    await s.close();
  });
});

describe('keeping the visit out of history', () => {
  test('a site built with --history-light starts with the choice on', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nk-history-light-'));
    let server;
    let browser;
    try {
      cpSync(DIST, dir, { recursive: true });
      const r = spawnSync(BIN, ['site', '--out', dir, '--history-light'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(r.status, 0, `timeline site --history-light failed: ${r.stderr}`);
      server = await startServer({ dir });
      browser = await launchBrowser();
      const s = await openPage(browser, server, { ready: false });
      const { page } = s;
      await page.evaluate(() => window.timelineReady);
      assert.ok(await page.locator('#history-light').isChecked(), 'expected the content note\'s choice on');
      await page.locator('#content-note-continue').click();
      assert.equal(await page.title(), 'Timeline', 'expected a neutral title');
      const start = await page.evaluate(() => history.length);
      await page.locator('#timeline-canvas').focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => location.hash.startsWith('#event='));
      assert.equal(await page.evaluate(() => history.length), start, 'expected no new history entry');
      // The visitor can still turn it off, and then moving adds entries again.
      await page.locator('#history-pref').uncheck();
      await page.locator('#timeline-canvas').focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((n) => history.length === n + 1, start);
      await s.close();
    } finally {
      await browser?.close().catch(() => {});
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the default build starts with it off', T, async () => {
    const s = await openPast();
    assert.equal(await s.page.locator('#history-light').isChecked(), false);
    await s.close();
  });

  test('with the choice on, moving between events, sources and filters adds no history entry', T, async () => {
    const s = await openPast();
    const { page } = s;
    await page.locator('#history-light').check();
    await page.locator('#content-note-continue').click();
    const start = await page.evaluate(() => history.length);
    assert.equal(await page.title(), 'Timeline', 'expected a neutral title');
    await page.locator('#timeline-canvas').focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => location.hash.startsWith('#event='));
    await page.locator('#details a.quote-link').first().click();
    await page.waitForFunction(() => location.hash.startsWith('#source='));
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => location.hash.startsWith('#event='));
    await page.locator('#search').fill('report');
    // The list is searched, but the words stay out of the address (and so of the history).
    await page.waitForFunction(() => [...document.querySelectorAll('#event-list li[data-event]')].some((li) => !li.checkVisibility()), null, { timeout: 5000 });
    await page.keyboard.press('Tab');
    assert.ok(!(await page.evaluate(() => location.hash)).includes('q='), `expected no search in the address while history is kept light, got ${await page.evaluate(() => location.hash)}`);
    assert.equal(await page.evaluate(() => history.length), start, 'expected the whole visit to stay one history entry');
    assert.equal(await page.title(), 'Timeline');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('nk-timeline-history-light')), '1');
    await s.close();
  });

  test('without it, events and sources add entries, so Back returns', T, async () => {
    const s = await openPast();
    const { page } = s;
    await page.locator('#content-note-continue').click();
    const start = await page.evaluate(() => history.length);
    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => history.length === n + 2, start);
    assert.notEqual(await page.title(), 'Timeline');
    await s.close();
  });
});
