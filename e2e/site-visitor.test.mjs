// Issue 4, for visitors of an awareness site: the content note and hidden testimony, the quick
// exit and what it leaves in the history, privacy (no third-party request, no cookie, nothing
// stored beyond the session), the Content-Security-Policy in every form, and the page without
// JavaScript.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DIST, ROOT, VIEWPORTS, assert, loadEvents, ready, setup } from './harness.mjs';

const T = { timeout: 90_000 };
/** The neutral page the exit goes to (the build's default `--exit-url`). */
const EXIT_URL = 'https://www.bbc.com/weather';
const NEUTRAL_HTML = '<!doctype html><title>Weather</title><p>Weather</p>';
const SOURCES = JSON.parse(readFileSync(path.join(ROOT, 'data', 'sources.json'), 'utf8'));

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Where keyboard focus is: '#id' for an element with an id, else its tag and class. */
const focused = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return 'body';
  return a.id ? `#${a.id}` : `${a.tagName.toLowerCase()}.${a.className}`;
});

/** Parses a CSP into { directive: [sources] }. */
function parseCsp(csp) {
  const out = {};
  for (const d of csp.split(';').map((x) => x.trim()).filter(Boolean)) {
    const [name, ...vals] = d.split(/\s+/);
    out[name.toLowerCase()] = vals;
  }
  return out;
}

function assertStrictCsp(csp, where) {
  const p = parseCsp(csp);
  for (const dir of ['script-src', 'style-src']) {
    const vals = p[dir] ?? p['default-src'];
    assert.ok(vals, `expected ${where} to have ${dir} (or default-src); got "${csp}"`);
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", '*', 'data:', 'http:', 'https:']) {
      assert.ok(!vals.includes(bad), `expected ${dir} in ${where} not to allow ${bad}; got "${vals.join(' ')}"`);
    }
  }
  const script = p['script-src'] ?? p['default-src'];
  assert.ok(script.includes("'wasm-unsafe-eval'"), `expected script-src in ${where} to carry 'wasm-unsafe-eval'; got "${script.join(' ')}"`);
  assert.deepEqual(p['object-src'], ["'none'"], `expected object-src 'none' in ${where}`);
  const connect = p['connect-src'] ?? p['default-src'];
  assert.deepEqual(connect, ["'self'"], `expected connect-src 'self' only in ${where}`);
}

/** Opens the page at `EXIT_URL` served locally (the harness blocks every other origin). */
async function routeNeutral(page) {
  page.exitReferers = [];
  await page.route(EXIT_URL, async (r) => {
    page.exitReferers.push((await r.request().allHeaders()).referer ?? '');
    return r.fulfill({ status: 200, contentType: 'text/html', body: NEUTRAL_HTML });
  });
  await page.route('https://before.example/', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Before</title><p>before</p>' }));
}

/** A session whose history is [timeline, before.example, timeline]: Back from the exit page must land on before.example. */
async function openWithHistory() {
  const s = await env.open();
  const { page } = s;
  await routeNeutral(page);
  await page.goto('https://before.example/');
  await page.goto(s.url('/'), { waitUntil: 'load' });
  await ready(page);
  return s;
}

async function assertExited(s, lengthBefore, how) {
  const { page } = s;
  await page.waitForURL(EXIT_URL, { timeout: 5000 }).catch(async () => {
    throw new Error(`expected ${how} to navigate to ${EXIT_URL}; the page is at ${page.url()}`);
  });
  assert.deepEqual(page.exitReferers, [''], `expected the neutral site not to learn where the visitor came from (no Referer) after ${how}`);
  const lengthAfter = await page.evaluate(() => history.length);
  assert.equal(lengthAfter, lengthBefore, `expected ${how} to replace the page (history.length stays ${lengthBefore}), got ${lengthAfter}: the exit must use location.replace`);
  await page.goBack({ waitUntil: 'load', timeout: 5000 }).catch(() => null);
  const back = page.url();
  assert.ok(!back.startsWith(s.server.origin), `expected Back after ${how} not to return to the timeline; it went to ${back}`);
  assert.equal(back, 'https://before.example/', `expected Back after ${how} to go to the page visited before the timeline, got ${back}`);
}

describe('content note', () => {
  test('shown first on a fresh context; the page behind is inert and Tab stays in the note', T, async () => {
    const s = await env.open({ ready: false });
    const { page } = s;
    await page.waitForFunction(() => window.timelineReady !== undefined);
    await page.evaluate(() => window.timelineReady);
    const note = page.locator('#content-note');
    assert.ok(await note.isVisible(), 'expected #content-note to be visible on a fresh context');
    const text = (await note.innerText()).toLowerCase();
    for (const w of ['sexual violence', 'trafficking', 'children', 'testimony']) {
      assert.ok(text.includes(w), `expected the content note to say what the page describes ("${w}"); it reads: ${text}`);
    }
    assert.equal(await note.getAttribute('role'), 'dialog', 'expected the shown note to be role="dialog"');
    assert.equal(await page.locator('#main').getAttribute('inert'), '', 'expected #main to be inert while the note is shown');
    assert.equal(await focused(page), '#content-note-continue', 'expected focus to start on the continue button');
    // The exit stays usable above the dimmed page: nothing covers or dims it.
    for (const vp of [{ width: 1280, height: 800 }, { width: 320, height: 640 }]) {
      await page.setViewportSize(vp);
      const exitOnTop = await page.evaluate(() => {
        const r = document.querySelector('#exit').getBoundingClientRect();
        const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        const note = document.querySelector('#content-note').getBoundingClientRect();
        return { hit: hit?.id || hit?.tagName, overlapsNote: !(note.top >= r.bottom || note.bottom <= r.top || note.left >= r.right || note.right <= r.left) };
      });
      assert.equal(exitOnTop.hit, 'exit', `expected #exit on top (not dimmed or covered) while the note is shown at ${vp.width}px; found ${exitOnTop.hit}`);
      assert.equal(exitOnTop.overlapsNote, false, `expected the note not to overlap #exit at ${vp.width}px`);
      const noteTop = await page.evaluate(() => document.elementFromPoint(innerWidth / 2, document.querySelector('#note-heading').getBoundingClientRect().y + 5)?.closest('#content-note') !== null);
      assert.ok(noteTop, `expected the note's heading not to be covered by the header at ${vp.width}px`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    // Tab and Shift+Tab cycle through the note (and the always-available exit and language link),
    // never the page behind.
    const seen = new Set();
    // (Only two Shift+Tab: three Shift presses in a row are the quick exit, see below.)
    for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      const where = await page.evaluate(() => {
        const a = document.activeElement;
        if (!a || a === document.body) return 'body';
        if (a.closest('#content-note')) return `note:${a.id}`;
        if (a.id === 'exit') return 'exit';
        if (a.closest('.lang-choice')) return 'lang';
        return `OUTSIDE:${a.id || a.tagName + '.' + a.className}`;
      });
      seen.add(where);
      assert.ok(!where.startsWith('OUTSIDE'), `expected ${key} to keep focus in the content note (or on #exit or the language link) while it is shown; focus went to ${where}`);
    }
    assert.ok(seen.has('note:hide-testimony') && seen.has('note:content-note-continue'), `expected Tab to reach the checkbox and the continue button, saw ${[...seen]}`);
    // The keys of the timeline do nothing behind the note.
    const sel = await page.locator('#timeline-canvas').getAttribute('data-selected');
    await page.locator('#content-note-continue').focus();
    await page.keyboard.press('End');
    assert.equal(await page.locator('#timeline-canvas').getAttribute('data-selected'), sel, 'expected End not to move the timeline behind the note');

    await page.locator('#content-note-continue').click();
    assert.equal(await note.isVisible(), false, 'expected "Continue" to hide the note');
    assert.equal(await page.locator('#main').getAttribute('inert'), null, 'expected "Continue" to make #main usable (no inert)');
    assert.ok(await page.locator('#timeline-canvas').isVisible(), 'expected the timeline after "Continue"');
    assert.equal(await focused(page), '#timeline-canvas', 'expected focus on the timeline after "Continue"');

    // Remembered for the browsing session: a reload does not show it again.
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => window.timelineReady !== undefined);
    assert.equal(await page.evaluate(() => window.timelineReady), true, 'expected the timeline to start after reload');
    assert.equal(await note.isVisible(), false, 'expected no content note after a reload in the same session');
    assert.equal(await page.locator('#main').getAttribute('inert'), null, 'expected #main not inert after a reload in the same session');
    await s.finish();

    // A new browsing session (context) shows it again.
    const s2 = await env.open({ ready: false });
    await s2.page.waitForFunction(() => window.timelineReady !== undefined);
    await s2.page.evaluate(() => window.timelineReady);
    assert.ok(await s2.page.locator('#content-note').isVisible(), 'expected the content note again in a new browsing session');
    await s2.finish();
  });

  test('"hide testimony" hides survivors\' quotes behind a per-quote "Show testimony"', T, async () => {
    const ev = loadEvents().find((e) => e.id === 'hrw-report-2018');
    const nTestimony = ev.evidence.filter((q) => q.testimony).length;
    assert.ok(nTestimony >= 1, 'expected hrw-report-2018 to carry testimony quotes in data/events.json');
    const s = await env.open({ ready: false });
    const { page } = s;
    await page.waitForFunction(() => window.timelineReady !== undefined);
    await page.evaluate(() => window.timelineReady);
    await page.locator('#hide-testimony').check();
    await page.locator('#content-note-continue').click();
    await page.evaluate(() => { location.hash = '#event=hrw-report-2018'; });
    await page.locator('#details').waitFor({ state: 'visible', timeout: 5000 });
    const figs = page.locator('#details figure.quote');
    assert.equal(await figs.count(), ev.evidence.length, `expected one figure.quote per evidence item (${ev.evidence.length})`);
    const hidden = page.locator('#details .testimony-hidden');
    assert.equal(await hidden.count(), nTestimony, `expected ${nTestimony} testimony quotes replaced by .testimony-hidden`);
    const quotes = await figs.evaluateAll((fs) => fs.map((f) => ({ hiddenNote: !!f.querySelector('.testimony-hidden'), bqVisible: f.querySelector('blockquote')?.checkVisibility() })));
    ev.evidence.forEach((q, i) => {
      assert.equal(quotes[i].hiddenNote, !!q.testimony, `expected quote ${i} ${q.testimony ? '' : 'not '}to be hidden as testimony`);
      assert.equal(quotes[i].bqVisible, !q.testimony, `expected blockquote ${i} to be ${q.testimony ? 'hidden' : 'visible'}`);
    });
    assert.ok(await page.locator('#details .summary').isVisible(), 'expected the summary to stay visible with testimony hidden');
    const i = ev.evidence.findIndex((q) => q.testimony);
    const fig = figs.nth(i);
    const btn = fig.locator('button.show-testimony');
    assert.ok(await btn.isVisible(), 'expected a visible "Show testimony" button');
    await btn.click();
    const bq = fig.locator('blockquote');
    assert.ok(await bq.isVisible(), 'expected "Show testimony" to reveal its blockquote');
    assert.ok((await bq.innerText()).trim().length > 20, 'expected the revealed blockquote to hold the quote');
    assert.equal(await fig.locator('.testimony-hidden').isVisible(), false, 'expected the "hidden" note to go once the quote is shown');
    assert.equal(await hidden.count(), nTestimony, 'the other testimony quotes stay hidden');
    assert.equal(await figs.nth(ev.evidence.findLastIndex((q) => q.testimony)).locator('blockquote').isVisible(), nTestimony === 1,
      'expected only the chosen quote to be revealed');
    await s.finish();
  });
  test('the testimony choice can be changed after the note, lasts the session and holds in print', T, async () => {
    const ev = loadEvents().find((e) => e.id === 'hrw-report-2018');
    const nTestimony = ev.evidence.filter((q) => q.testimony).length;
    const s = await env.open({ path: '/#event=hrw-report-2018' });
    const { page } = s;
    await page.locator('#details').waitFor({ state: 'visible' });
    const pref = page.locator('#testimony-pref');
    assert.ok(await pref.isVisible(), 'expected a "hide testimony" checkbox with the filters once the note is gone');
    assert.equal(await pref.isChecked(), false);
    assert.equal(await page.locator('#details .testimony-hidden').count(), 0);
    await pref.check();
    await page.waitForFunction((n) => document.querySelectorAll('#details .testimony-hidden').length === n, nTestimony, { timeout: 3000 });
    assert.equal(await page.evaluate(() => sessionStorage.getItem('nk-timeline-hide-testimony')), '1', 'expected the choice kept for the session');
    // Printed, the static list leaves the testimony out too and says where it was.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.locator(`#ev-${ev.id} .ev-quotes blockquote`).evaluateAll((bs) => bs.filter((b) => b.checkVisibility()).length);
    assert.equal(printed, ev.evidence.length - nTestimony, 'expected testimony left out of the printed list');
    await page.emulateMedia({ media: 'screen' });
    await page.reload({ waitUntil: 'load' });
    await page.evaluate(() => window.timelineReady);
    assert.equal(await page.locator('#testimony-pref').isChecked(), true, 'expected the choice to survive a reload in the session');
    await page.locator('#testimony-pref').uncheck();
    await page.waitForFunction(() => document.querySelectorAll('#details .testimony-hidden').length === 0, null, { timeout: 3000 });
    await s.finish();
  });

  // Every source whose whole text carries survivors' accounts warns, on a phone, where the
  // visitor lands: the warning on screen, before the page moves down to the passage.
  test('with testimony hidden, the reader shows its warning first for every source that carries testimony', T, async () => {
    const sources = JSON.parse(readFileSync(new URL('../data/sources.json', import.meta.url), 'utf8'));
    const carrying = sources.filter((x) => x.testimony).map((x) => x.id);
    assert.ok(carrying.includes('independent-2019-05'), 'expected The Independent (Oh Jung-hee\'s account) marked as carrying testimony');
    const s = await env.open({ ...VIEWPORTS.phone, ready: false });
    const { page } = s;
    await page.evaluate(() => window.timelineReady);
    await page.locator('#hide-testimony').check();
    await page.locator('#content-note-continue').click();
    for (const x of sources) {
      await page.evaluate((id) => { location.hash = `#source=${id}&passage=0`; }, x.id);
      await page.locator('#reader').waitFor({ state: 'visible', timeout: 5000 });
      await page.waitForFunction((t) => document.querySelector('#reader-title')?.textContent.trim() === t, x.title, { timeout: 5000 });
      const warned = await page.locator('#reader-testimony').count();
      assert.equal(warned, x.testimony ? 1 : 0, `expected the reader ${x.testimony ? '' : 'not '}to warn for ${x.id}`);
      if (x.testimony) {
        await page.waitForFunction(() => document.activeElement?.id === 'reader-testimony', null, { timeout: 5000 });
        const r = await page.locator('#reader-testimony').boundingBox();
        assert.ok(r && r.y >= 0 && r.y + r.height <= 844, `expected the warning on screen for ${x.id}, at ${JSON.stringify(r)}`);
        // A button in the warning goes on to the passage, once the text is in.
        await page.locator('#to-passage').click({ timeout: 10_000 });
        await page.waitForFunction(() => document.activeElement?.id === 'passage-current', null, { timeout: 5000 });
        const m = await page.locator('#passage-current').boundingBox();
        assert.ok(m && m.y >= 0 && m.y < 844, `expected the passage on screen after "Go to the cited passage" for ${x.id}, at ${JSON.stringify(m)}`);
      }
    }
    await s.close();
  });

  test('"Show testimony" from the keyboard keeps focus on the revealed quote', T, async () => {
    const s = await env.open({ ready: false });
    const { page } = s;
    await page.evaluate(() => window.timelineReady);
    await page.locator('#hide-testimony').check();
    await page.locator('#content-note-continue').click();
    await page.evaluate(() => { location.hash = '#event=hrw-report-2018'; });
    await page.locator('#details button.show-testimony').first().focus();
    await page.keyboard.press('Enter');
    const where = await page.evaluate(() => document.activeElement?.tagName.toLowerCase());
    assert.equal(where, 'blockquote', `expected focus on the revealed blockquote, found ${where}`);
    await s.close();
  });
});

describe('quick exit', () => {
  test('the page says that the browser history still needs clearing', T, async () => {
    const s = await env.open({ ready: false });
    const text = (await s.page.locator('#content-note').innerText()).toLowerCase();
    assert.match(text, /history/, `expected #content-note to mention clearing the browser history; it reads: ${text}`);
    assert.match(text, /shift/, 'expected #content-note to mention the Shift key exit');
    const exit = s.page.locator('#exit');
    assert.ok(await exit.isVisible(), 'expected #exit visible');
    assert.equal(await exit.getAttribute('href'), EXIT_URL, 'expected #exit to point at the neutral exit address');
    await s.close();
  });

  test('#exit replaces the page: history does not grow and Back does not return', T, async () => {
    const s = await openWithHistory();
    const n = await s.page.evaluate(() => history.length);
    await s.page.locator('#exit').click();
    await assertExited(s, n, 'clicking #exit');
    await s.close();
  });

  test('pressing Shift three times replaces the page too', T, async () => {
    const s = await openWithHistory();
    const n = await s.page.evaluate(() => history.length);
    // Two presses do nothing.
    await s.page.keyboard.press('Shift');
    await s.page.keyboard.press('Shift');
    await s.page.waitForTimeout(200);
    assert.ok(s.page.url().startsWith(s.server.origin), 'expected two Shift presses not to leave');
    await s.page.keyboard.press('Shift');
    await assertExited(s, n, 'pressing Shift three times');
    await s.close();
  });

  test('Shift three times works while the content note is shown and while typing in search', T, async () => {
    const s = await env.open({ ready: false });
    await routeNeutral(s.page);
    await s.page.waitForFunction(() => window.timelineReady !== undefined);
    await s.page.evaluate(() => window.timelineReady);
    for (let i = 0; i < 3; i++) await s.page.keyboard.press('Shift');
    await s.page.waitForURL(EXIT_URL, { timeout: 5000 });
    await s.close();
    const t = await env.open();
    await routeNeutral(t.page);
    await t.page.locator('#search').click();
    await t.page.keyboard.type('UN');
    for (let i = 0; i < 3; i++) await t.page.keyboard.press('Shift');
    await t.page.waitForURL(EXIT_URL, { timeout: 5000 });
    await t.close();
  });

  // Moving back with Shift+Tab, or holding Shift (auto-repeat), must not throw the visitor out.
  test('Shift+Tab three times, or holding Shift, does not exit', T, async () => {
    const s = await env.open();
    await routeNeutral(s.page);
    await s.page.locator('#prev').focus();
    for (let i = 0; i < 3; i++) await s.page.keyboard.press('Shift+Tab');
    await s.page.waitForTimeout(300);
    assert.ok(s.page.url().startsWith(s.server.origin), `expected Shift+Tab ×3 (moving focus backwards) not to exit; the page went to ${s.page.url()}`);
    // A held Shift: one keydown, then auto-repeated ones (repeat: true).
    await s.page.evaluate(() => {
      for (const repeat of [false, true, true, true]) {
        document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', shiftKey: true, repeat, bubbles: true }));
      }
    });
    await s.page.waitForTimeout(300);
    assert.ok(s.page.url().startsWith(s.server.origin), `expected a held Shift (auto-repeat) not to exit; the page went to ${s.page.url()}`);
    await s.close();
  });

  // Opening events pushes history entries (#event=...) on the same document: the exit must not
  // leave them behind Back either.
  test('after opening events, Back from the exit page still does not return to the timeline', T, async () => {
    const s = await openWithHistory();
    await s.page.locator('#next').click();
    await s.page.locator('#next').click();
    await s.page.waitForFunction(() => location.hash.startsWith('#event='));
    const n = await s.page.evaluate(() => history.length);
    await s.page.locator('#exit').click();
    await assertExited(s, n, 'clicking #exit after opening two events');
    await s.close();
  });

  // The entries the visit added stay in the forward list after the exit: Forward from the
  // neutral page must not bring the timeline back (with the event open, and no content note).
  test('after opening events, Forward from the exit page leaves again at once', T, async () => {
    const s = await openWithHistory();
    const { page } = s;
    await page.locator('#next').click();
    await page.locator('#next').click();
    await page.waitForFunction(() => location.hash.startsWith('#event='));
    await page.locator('#exit').click();
    await page.waitForURL(EXIT_URL, { timeout: 5000 });
    const seen = [];
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) seen.push(f.url()); });
    for (let i = 0; i < 2; i++) {
      await page.goForward({ waitUntil: 'commit', timeout: 5000 }).catch(() => null);
      await page.waitForURL(EXIT_URL, { timeout: 5000 }).catch(async () => {
        throw new Error(`expected Forward ${i + 1} from the exit page to end at ${EXIT_URL}; the page is at ${page.url()} (went through ${seen.join(', ')})`);
      });
      assert.equal(await page.evaluate(() => document.querySelector('#timeline-canvas')), null, 'expected no timeline after Forward');
    }
    // Forward did reach the timeline's entries (and left them): otherwise this proved nothing.
    assert.ok(seen.some((u) => u.startsWith(s.server.origin)), `expected Forward to reach the timeline's entries before leaving again, went through ${seen.join(', ')}`);
    await s.close();
  });
});

// In an embed (?embed=1 inside an iframe) the exit must replace the host page too: it may itself
// be about the same subject.
test('quick exit from an embed replaces the host page, not just the frame', T, async () => {
  const s = await env.open();
  const { page } = s;
  await routeNeutral(page);
  const host = s.url('/embed-host.html');
  await page.route(host, (r) => r.fulfill({
    status: 200, contentType: 'text/html',
    body: '<!doctype html><html lang="en"><title>Host</title><h1>An awareness site</h1><iframe src="/?embed=1#event=kfi-report-2019" width="600" height="400" title="Timeline"></iframe></html>',
  }));
  await page.goto(host);
  const frame = page.frameLocator('iframe');
  await frame.locator('#details').waitFor({ state: 'visible', timeout: 10_000 });
  await frame.locator('#exit').click();
  await page.waitForURL(EXIT_URL, { timeout: 5000 }).catch(() => {});
  assert.equal(page.url(), EXIT_URL, `expected the exit inside the embed to replace the whole page; the top page is still ${page.url()}`);
  await s.close();
});

describe('privacy and security', () => {
  test('every feature used: no third-party request, no CSP violation, no cookie, nothing in localStorage', { timeout: 120_000 }, async () => {
    const s = await env.open();
    const { page } = s;
    const canvas = page.locator('#timeline-canvas');
    // Filters and search.
    await page.locator('#search').fill('trafficking');
    await page.locator('#search').fill('');
    await page.locator('#filter-kind').selectOption('report');
    await page.locator('#filter-actor').selectOption({ index: 1 });
    await page.locator('#filter-kind').selectOption('');
    await page.locator('#filter-actor').selectOption('');
    // Toolbar.
    for (const id of ['next', 'next', 'prev', 'zoom-in', 'zoom-out', 'fit']) await page.locator(`#${id}`).click();
    // Pointer on the canvas: hover, drag, wheel.
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - 80, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    await page.mouse.wheel(0, -200);
    // Details, a quote, the reader, furniture, back.
    await page.locator('#event-list a[href="#event=hrw-report-2018"]').click();
    await page.locator('#details').waitFor({ state: 'visible' });
    await page.locator('#details a.quote-link').first().click();
    await page.locator('#reader').waitFor({ state: 'visible' });
    const furniture = page.locator('#show-furniture');
    if (await furniture.count()) await furniture.check();
    await page.locator('#reader-back').click();
    await page.locator('#details').waitFor({ state: 'visible' });
    await page.locator('#details-close').click();
    // Modes.
    await page.locator('#contrast').click();
    await page.locator('#contrast').click();
    await page.locator('#present').click();
    await page.keyboard.press('PageDown');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.documentElement.classList.contains('presenting'));
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), page.locator('#download').click()]);
    assert.equal(download.suggestedFilename(), 'timeline.png', 'expected "Download image" to offer timeline.png');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'screen' });
    await page.goBack();
    await page.goForward();
    await page.waitForTimeout(300);

    assert.equal(await page.evaluate(() => document.cookie), '', 'expected document.cookie to be empty');
    assert.deepEqual(await s.context.cookies(), [], 'expected the browser to hold no cookie for the site');
    assert.equal(await page.evaluate(() => localStorage.length), 0, 'expected nothing in localStorage (only sessionStorage may be used)');
    const idb = await page.evaluate(async () => (indexedDB.databases ? (await indexedDB.databases()).length : 0));
    assert.equal(idb, 0, 'expected no IndexedDB database');
    const caches_ = await page.evaluate(async () => (self.caches ? (await caches.keys()).length : 0));
    assert.equal(caches_, 0, 'expected no Cache Storage');
    const session = await page.evaluate(() => Object.keys(sessionStorage));
    for (const k of session) assert.match(k, /^nk-timeline-/, `unexpected sessionStorage key ${k}`);
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name));
    for (const r of resources) assert.ok(r.startsWith(s.server.origin), `expected every loaded resource from the page's origin, got ${r}`);
    assert.deepEqual(s.problems.thirdParty, [], 'expected no request to leave the origin');
    assert.deepEqual(s.problems.csp, [], 'expected zero securitypolicyviolation events');
    await s.finish();
  });

  test('text from the address is never interpreted as HTML', T, async () => {
    const payload = '<img src=x id=injected onerror="window.__pwned=1"><b id=bold>b</b>';
    const s = await env.open({ path: `/#q=${encodeURIComponent(payload)}` });
    const { page } = s;
    page.on('dialog', (d) => { s.problems.page.push(`unexpected dialog: ${d.message()}`); d.dismiss(); });
    assert.equal(await page.locator('#search').inputValue(), payload, 'expected the search box to hold the text as typed');
    assert.ok(await page.locator('#no-match').isVisible(), 'expected the odd search simply to match nothing');
    await page.evaluate((p) => { location.hash = `#event=${encodeURIComponent(p)}&source=${encodeURIComponent(p)}&passage=0`; }, payload);
    await page.waitForTimeout(300);
    assert.equal(await page.locator('#injected, #bold').count(), 0, 'expected no element made from the address');
    assert.equal(await page.evaluate(() => window.__pwned), undefined, 'expected no script to run from the address');
    await s.finish();
  });

  test('the Content-Security-Policy is sent, written into index.html and into the static-host files', T, async () => {
    const res = await fetch(env.server.url);
    assert.equal(res.status, 200);
    const header = res.headers.get('content-security-policy');
    assert.ok(header, 'expected a Content-Security-Policy header on /');
    assertStrictCsp(header, 'the CSP header of /');
    assert.match(parseCsp(header)['frame-ancestors']?.join(' ') ?? '', /'self'|'none'/, 'expected frame-ancestors in the header');
    for (const p of ['app.js', 'pkg/nk_timeline.js', 'data.ko.json']) {
      const r = await fetch(new URL(p, env.server.url));
      assert.equal(r.status, 200, `expected ${p} to be served`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `expected nosniff on ${p}`);
    }

    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    assert.ok(m, 'expected dist/index.html to carry <meta http-equiv="Content-Security-Policy">');
    assertStrictCsp(m[1], 'the meta CSP of dist/index.html');
    // The only inline <script> is the timeline's data: a JSON block, which browsers never run,
    // with no '<' inside, so nothing in the data can end it early.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.deepEqual(inline.map((m) => m[1].trim()), ['type="application/json" id="timeline-data"'],
      'expected no inline executable <script> in dist/index.html, only the JSON data block');
    assert.ok(!inline[0][2].includes('<'), "expected no '<' inside the data block");
    assert.doesNotThrow(() => JSON.parse(inline[0][2]), 'expected the data block to be JSON');
    assert.ok(!/\sstyle=/.test(html), 'expected no style attribute in dist/index.html');
    // The one inline <style> is the style sheet, allowed by its hash in both policies and by
    // nothing looser.
    const sheets = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((s) => s[1]);
    assert.equal(sheets.length, 1, 'expected one inline <style> (the style sheet) in dist/index.html');
    const hash = `'sha256-${createHash('sha256').update(sheets[0]).digest('base64')}'`;
    for (const [policy, where] of [[m[1], 'the meta CSP'], [header, 'the CSP header']]) {
      assert.deepEqual(parseCsp(policy)['style-src'], ["'self'", hash], `expected style-src in ${where} to be 'self' and the sheet's hash`);
    }
    assert.ok(!/\son[a-z]+=/.test(html), 'expected no inline event handler in dist/index.html');
    // The Korean page carries the same sheet, allowed the same way.
    const ko = readFileSync(path.join(DIST, 'index.ko.html'), 'utf8');
    const koMeta = ko.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
    assert.ok(koMeta, 'expected dist/index.ko.html to carry the meta CSP');
    const koSheets = [...ko.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((x) => x[1]);
    assert.deepEqual(koSheets, sheets, 'expected index.ko.html to inline the same style sheet');
    assert.deepEqual(parseCsp(koMeta[1])['style-src'], ["'self'", hash], "expected index.ko.html's style-src to be 'self' and the sheet's hash");

    for (const f of ['_headers', '.htaccess']) {
      const file = path.join(DIST, f);
      assert.ok(existsSync(file), `expected dist/${f} for static hosts`);
      const text = readFileSync(file, 'utf8');
      assert.ok(text.includes(header), `expected dist/${f} to carry the same CSP as the server ("${header}")`);
    }
  });
});

describe('the offline file on the site', () => {
  // A shared link, "open in new tab", or a browser that ignores `download`: the site's header
  // policy applies on top of the file's own, and once blocked its inline script.
  test('opened from the site rather than downloaded, it runs: the header policy allows its script', T, async () => {
    const s = await env.open({ path: '/timeline-offline.html' });
    const { page } = s;
    assert.ok(await page.evaluate(() => window.timelineReady), 'expected the timeline to start');
    assert.ok(Number(await page.locator('#timeline-canvas').getAttribute('data-frames')) >= 1, 'expected a drawn frame');
    await s.finish();
  });
});

describe('without JavaScript', () => {
  test('every event and every source is in the HTML, quotes and addresses included', T, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const thirdParty = [];
    await context.route('**/*', (r) => {
      if (r.request().url().startsWith(env.server.origin)) return r.continue();
      thirdParty.push(r.request().url());
      return r.abort();
    });
    try {
      const page = await context.newPage();
      await page.goto(env.server.url, { timeout: 15_000 });
      const events = loadEvents();
      // textContent, not innerText: an entry below the screen is not rendered until it comes
      // near (content-visibility: auto), and innerText reads rendered text. Whether a part is
      // shown at all (display) is checkVisibility's answer.
      const items = await page.locator('#event-list li[data-event]').evaluateAll((lis) => lis.map((li) => {
        const text = (el) => el?.textContent.replace(/\s+/g, ' ').trim();
        return {
          id: li.dataset.event,
          title: text(li.querySelector('h3')),
          href: li.querySelector('h3 a')?.getAttribute('href'),
          date: li.querySelector('time')?.getAttribute('datetime'),
          dateText: text(li.querySelector('.ev-date')),
          summary: text(li.querySelector('.ev-summary')),
          quotes: [...li.querySelectorAll('blockquote')].filter((b) => b.checkVisibility()).map(text),
          figures: [...li.querySelectorAll('.ev-figures li')].filter((x) => x.checkVisibility()).map(text),
          disagreements: [...li.querySelectorAll('.ev-disagreements .discrepancy')].filter((x) => x.checkVisibility())
            .map((x) => ({ about: text(x.querySelector('h5')), accounts: x.querySelectorAll('li').length })),
          visible: li.checkVisibility(),
        };
      }));
      assert.equal(items.length, events.length, `expected ${events.length} li[data-event] without JavaScript, got ${items.length}`);
      for (const e of events) {
        const li = items.find((x) => x.id === e.id);
        assert.ok(li, `expected li[data-event="${e.id}"] in the static list`);
        assert.ok(li.visible, `expected ${e.id} to be visible without JavaScript`);
        assert.equal(li.title, e.title, `expected ${e.id}'s title`);
        assert.equal(li.href, `#event=${e.id}`, `expected ${e.id}'s link`);
        assert.equal(li.date, e.start, `expected ${e.id}'s <time datetime> to be its start date`);
        assert.ok(li.dateText.length >= 4, `expected ${e.id} to show a date`);
        assert.equal(li.summary.replace(/\s+/g, ' '), e.summary.replace(/\s+/g, ' '), `expected ${e.id}'s summary`);
        assert.equal(li.quotes.length, e.evidence.length, `expected ${e.id} to show its ${e.evidence.length} quotes as readable blockquotes, got ${li.quotes.length}`);
        const norm = (x) => x.replace(/[\u2018\u2019]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/\s+/g, ' ').toLowerCase();
        const firstWords = norm(e.evidence[0].quote).split(' ').slice(0, 4).join(' ');
        assert.ok(norm(li.quotes[0]).includes(firstWords), `expected ${e.id}'s first quote to read "${firstWords}…", got "${li.quotes[0].slice(0, 80)}"`);
        // Figures and disagreements between sources are shown too, each with where it comes from.
        const figures = e.figures ?? [];
        assert.equal(li.figures.length, figures.length, `expected ${e.id}'s ${figures.length} figures without JavaScript`);
        figures.forEach((f, i) => assert.ok(li.figures[i].includes(f.value) && li.figures[i].includes('—'),
          `expected figure "${f.value}" with its source, got "${li.figures[i]}"`));
        const ds = e.discrepancies ?? [];
        assert.deepEqual(li.disagreements, ds.map((d) => ({ about: d.about, accounts: d.accounts.length })),
          `expected ${e.id}'s disagreements between sources, each with all its accounts`);
      }
      for (const src of SOURCES) {
        const li = page.locator(`#source-list li[data-source="${src.id}"]`);
        assert.equal(await li.count(), 1, `expected source ${src.id} in #source-list`);
        assert.ok(await li.isVisible(), `expected source ${src.id} visible`);
        assert.ok((await li.textContent()).includes(src.publisher), `expected ${src.id} to name its publisher ${src.publisher}`);
        if (src.url) {
          assert.equal(await li.locator(`a[href="${src.url}"]`).count(), 1, `expected ${src.id}'s address ${src.url} as a link`);
        }
      }
      // Controls that need JavaScript are not shown; the exit still works as a plain link.
      assert.equal(await page.locator('#timeline').isVisible(), false, 'expected the JS-only timeline to be hidden');
      assert.equal(await page.locator('#content-note-continue').isVisible(), false, 'expected no useless continue button');
      assert.ok(await page.locator('#content-note').isVisible(), 'expected the content note to be shown');
      assert.equal(await page.locator('#exit').getAttribute('href'), EXIT_URL);
      assert.deepEqual(thirdParty, [], 'expected no request to another origin');
    } finally {
      await context.close();
    }
  });
});
