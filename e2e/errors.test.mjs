// Bad input in the browser: broken or missing timeline data (the JSON data block in index.html),
// a missing wasm, a source text that does not arrive. The page must show a readable message and keep its complete static list;
// never a blank page, never an uncaught error.

import { after, before, describe, test } from 'node:test';
import { assert, loadEvents, setup } from './harness.mjs';

const T = { timeout: 60_000 };
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const DATA_BLOCK = /(<script type="application\/json" id="timeline-data">)([\s\S]*?)(<\/script>)/;

/** A route for the page itself whose data block is replaced by `change(json)` (null: removed). */
function pageData(change) {
  return [(url) => url.pathname === '/' || url.pathname.endsWith('/index.html'), async (route) => {
    const response = await route.fetch();
    const html = await response.text();
    assert.match(html, DATA_BLOCK, 'expected the built page to carry its data block');
    const body = html.replace(DATA_BLOCK, (_, open, json, close) => {
      const next = change(json);
      return next === null ? '' : open + next + close;
    });
    await route.fulfill({ response, body });
  }];
}

/** Opens `/` with some responses replaced; returns the page and its uncaught errors. */
async function openWith(routes, path = '/') {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pageErrors = [];
  for (const [pattern, response] of routes) {
    await context.route(pattern, typeof response === 'function' ? response : (r) => r.fulfill(response));
  }
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(new URL(path, env.server.url).href, { waitUntil: 'load' });
  const started = await page.evaluate(() => window.timelineReady);
  return { page, context, pageErrors, started };
}

async function assertFallback(s, expected) {
  const { page } = s;
  assert.equal(s.started, false, 'expected timelineReady to resolve false when the timeline cannot start');
  const error = page.locator('#error');
  await error.waitFor({ state: 'visible', timeout: 5000 });
  const text = (await error.innerText()).trim();
  for (const part of expected) {
    assert.ok(text.includes(part), `expected the message to contain "${part}", got "${text}"`);
  }
  const events = loadEvents();
  const listed = await page.locator('#event-list li[data-event]').count();
  assert.equal(listed, events.length, 'expected the complete static list of events to stay on the page');
  for (const e of events.slice(0, 3)) {
    assert.ok(await page.locator(`#ev-${e.id} .ev-summary`).isVisible(), `expected the summary of ${e.id} to be readable`);
  }
  assert.deepEqual(s.pageErrors, [], 'expected no uncaught errors');
}

describe('bad input', () => {
  test('timeline data that is not JSON: a readable message and the static list', T, async () => {
    const s = await openWith([pageData(() => '{"version": 1, "events": [')]);
    await assertFallback(s, ['could not load its data', 'not valid JSON', 'list of events below']);
    await s.context.close();
  });

  test('timeline data of another shape: the message names the place and the fix', T, async () => {
    const s = await openWith([pageData(() => JSON.stringify({ version: 1, events: [{ event: { id: 'x' } }], sources: [] }))]);
    await assertFallback(s, ['timeline data in index.html', 'missing field `title`', 'make dist']);
    await s.context.close();
  });

  test('timeline data from another build version is refused', T, async () => {
    const s = await openWith([pageData(() => JSON.stringify({ version: 99, events: [], sources: [] }))]);
    await assertFallback(s, ['format 99', 'make dist']);
    await s.context.close();
  });

  test('timeline data missing from the page', T, async () => {
    const s = await openWith([pageData(() => null)]);
    await assertFallback(s, ['could not load its data', 'no timeline data', 'make dist']);
    await s.context.close();
  });

  test('the Korean text missing: the Korean interface still starts, events in English', T, async () => {
    const s = await openWith([['**/data.ko.json', { status: 404, body: 'not found' }]], '/?lang=ko');
    assert.equal(s.started, true, 'expected the timeline to start without data.ko.json');
    assert.equal(await s.page.evaluate(() => document.documentElement.lang), 'ko');
    const famine = loadEvents().find((e) => e.id === 'famine-1994-1998');
    // textContent: the list below the screen is not rendered yet (content-visibility: auto).
    assert.equal((await s.page.locator('#ev-famine-1994-1998 .ev-title').textContent()).trim(), famine.title,
      'expected the event title to stay in English when its Korean text cannot load');
    assert.deepEqual(s.pageErrors, [], 'expected no uncaught errors');
    await s.context.close();
  });

  test('the WebAssembly module missing: the page says so and stays readable', T, async () => {
    const s = await openWith([['**/*.wasm', { status: 404, body: 'not found' }]]);
    await assertFallback(s, ['could not start']);
    await s.context.close();
  });

  test('a source text that does not arrive: the reader says so', T, async () => {
    const s = await openWith([['**/sources/*.txt', { status: 404, body: 'not found' }]], '/#source=bbc-2018-11-01&passage=0');
    assert.equal(s.started, true);
    await s.page.locator('#content-note-continue').click();
    const loading = s.page.locator('#reader-loading');
    await s.page.waitForFunction(() => /404/.test(document.querySelector('#reader-loading')?.textContent || ''), null, { timeout: 5000 });
    assert.match(await loading.innerText(), /could not load/);
    assert.deepEqual(s.pageErrors, [], 'expected no uncaught errors');
    await s.context.close();
  });

  test('a source text that does not match the data is refused, not highlighted wrongly', T, async () => {
    const s = await openWith([['**/sources/2018-11-01-bbc-hrw-report.txt', { status: 200, contentType: 'text/plain', body: 'Some other text entirely.' }]], '/#source=bbc-2018-11-01&passage=0');
    await s.page.locator('#content-note-continue').click();
    await s.page.waitForFunction(() => /does not contain passage/.test(document.querySelector('#reader-loading')?.textContent || ''), null, { timeout: 5000 });
    assert.equal(await s.page.locator('#reader mark.passage').count(), 0, 'expected no passage marked in a text that does not match');
    await s.context.close();
  });
});
