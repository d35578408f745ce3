// Issue 4, accessibility: axe-core finds zero WCAG 2.2 A/AA violations (of any impact) on every
// view; a keyboard-only walk from the content note through an event, its source passage and
// back, with focus always visible and never hidden under the sticky header; reflow at 320 CSS px
// (400% zoom) and at 200% zoom.
//
// axe is evaluated through the devtools protocol (page.evaluate) rather than page.addScriptTag:
// an added <script> element is inline script, which the page's CSP rightly refuses.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { VIEWPORTS, assert, assertNoProblems, canvasState, setup, waitForCanvas } from './harness.mjs';

const T = { timeout: 90_000 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function axe(page, what) {
  await page.evaluate(AXE);
  const res = await page.evaluate((tags) => window.axe.run(document, {
    runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
  }), TAGS);
  const text = res.violations.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 220)}`).join('\n')}`).join('\n');
  assert.equal(res.violations.length, 0, `expected zero WCAG 2.2 A/AA axe violations ${what}; got:\n${text}`);
}

/**
 * Is the focused element's focus indicator visible: an outline or box-shadow, not clipped away by
 * an ancestor that hides overflow, and not covered by something else (the sticky header)?
 */
const focusState = (page) => page.evaluate(() => {
  const a = document.activeElement;
  if (!a || a === document.body || a === document.documentElement) return { ok: false, what: 'body', why: 'nothing focused' };
  const what = a.id ? `#${a.id}` : `${a.tagName.toLowerCase()}${a.className ? `.${String(a.className).split(' ').join('.')}` : ''} "${a.textContent.trim().slice(0, 30)}"`;
  const cs = getComputedStyle(a);
  const ow = cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth) || 0;
  const shadow = cs.boxShadow !== 'none';
  if (!ow && !shadow) return { ok: false, what, why: `no outline or box-shadow (outline ${cs.outlineStyle} ${cs.outlineWidth})` };
  const r = a.getBoundingClientRect();
  if (ow) {
    const reach = Math.max(0, (parseFloat(cs.outlineOffset) || 0) + ow);
    for (let p = a.parentElement; p && p !== document.documentElement; p = p.parentElement) {
      const ps = getComputedStyle(p);
      if (ps.overflowX === 'visible' && ps.overflowY === 'visible') continue;
      const pr = p.getBoundingClientRect();
      if (r.left - reach < pr.left - 0.5 || r.right + reach > pr.right + 0.5 || r.top - reach < pr.top - 0.5 || r.bottom + reach > pr.bottom + 0.5) {
        if (reach > 0) return { ok: false, what, why: `its outline (${reach}px outside the box) is clipped by ${p.tagName.toLowerCase()}.${p.className} (overflow ${ps.overflowX})` };
      }
    }
  }
  // Not hidden under anything (WCAG 2.2 focus not obscured): a point near the start of its first
  // box (an inline link may start mid-line) is the element itself.
  const b = a.getClientRects()[0] ?? r;
  const x = Math.min(Math.max(b.left + Math.min(b.width, 40) / 2, 1), innerWidth - 2);
  const y = Math.min(Math.max(b.top + Math.min(b.height, 30) / 2, 1), innerHeight - 2);
  const hit = document.elementFromPoint(x, y);
  if (hit && hit !== a && !a.contains(hit) && !hit.contains(a)) {
    return { ok: false, what, why: `it is covered by ${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}.${hit.className} at (${x | 0}, ${y | 0})` };
  }
  return { ok: true, what };
});

async function assertFocusVisible(page, step) {
  const f = await focusState(page);
  assert.ok(f.ok, `expected a visible focus indicator ${step}: focus is on ${f.what}, ${f.why}`);
  return f.what;
}

/** Presses Tab until `pred(activeElement)` holds (checking visible focus at each step); returns the steps. */
async function tabTo(page, pred, what, max = 40) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    seen.push(await assertFocusVisible(page, `after Tab ${i + 1} (looking for ${what})`));
    if (await page.evaluate(pred)) return seen;
  }
  throw new Error(`expected to reach ${what} within ${max} Tab presses; focus went through: ${seen.join(' → ')}`);
}

const overflowX = (page) => page.evaluate(() => {
  const w = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > w + 1 && !e.closest('.visually-hidden'))
    .filter((e, _, all) => !all.some((o) => o !== e && o.contains(e)))
    .map((e) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${e.className} (right ${Math.round(e.getBoundingClientRect().right)})`);
  return { scroll: document.documentElement.scrollWidth - w, wide: wide.slice(0, 6) };
});

describe('axe-core, WCAG 2.2 A and AA, zero violations', () => {
  test('the content note', T, async () => {
    const s = await env.open({ ready: false });
    await s.page.evaluate(() => window.timelineReady);
    assert.ok(await s.page.locator('#content-note').isVisible());
    await axe(s.page, 'with the content note shown');
    await s.finish();
  });

  test('the page after "Continue", with details open', T, async () => {
    const s = await env.open();
    await axe(s.page, 'on the timeline page');
    await s.page.locator('#event-list a[href="#event=hrw-report-2018"]').click();
    await s.page.locator('#details').waitFor({ state: 'visible' });
    await axe(s.page, 'with #details open');
    await s.finish();
  });

  test('the phone layout (390×844)', T, async () => {
    const s = await env.open({ ...VIEWPORTS.phone, path: '/#event=grc-findings-2023' });
    await s.page.locator('#details').waitFor({ state: 'visible' });
    await axe(s.page, 'on the phone layout with details open');
    await s.finish();
  });

  test('the source reader', T, async () => {
    const s = await env.open({ path: '/#source=bbc-2018-11-01&passage=0' });
    await s.page.locator('#reader mark.passage.current').first().waitFor({ state: 'visible', timeout: 10_000 });
    await axe(s.page, 'in the source reader');
    const furniture = s.page.locator('#show-furniture');
    if (await furniture.count()) {
      await furniture.check();
      await axe(s.page, 'in the source reader with the page furniture shown');
    }
    await s.finish();
  });

  test('presentation mode (1920×1080)', T, async () => {
    const s = await env.open(VIEWPORTS.wide);
    await s.page.locator('#present').click();
    await s.page.waitForFunction(() => document.documentElement.classList.contains('presenting'));
    await s.page.keyboard.press('PageDown');
    await axe(s.page, 'in presentation mode');
    await s.finish();
  });

  test('the Korean interface', T, async () => {
    const s = await env.open({ path: '/?lang=ko#event=kfi-report-2019' });
    await s.page.locator('#details').waitFor({ state: 'visible' });
    await axe(s.page, 'in Korean with details open');
    await s.finish();
  });

  test('dark scheme and high contrast: details and the source reader', T, async () => {
    const s = await env.open({ path: '/#event=hrw-report-2018', context: { colorScheme: 'dark' } });
    const { page } = s;
    await page.locator('#details').waitFor({ state: 'visible' });
    await axe(page, 'with prefers-color-scheme: dark');
    await page.locator('#details a.quote-link').first().click();
    await page.locator('#reader mark.passage.current').first().waitFor({ state: 'visible', timeout: 10_000 });
    await axe(page, 'in the reader with prefers-color-scheme: dark');
    await page.locator('#contrast').click();
    await axe(page, 'in the reader in high contrast');
    await page.locator('#reader-back').click();
    await page.locator('#details').waitFor({ state: 'visible' });
    await axe(page, 'in high contrast with details open');
    await s.finish();
  });

  test('the embed (600×400)', T, async () => {
    const s = await env.open({ viewport: { width: 600, height: 400 }, path: '/?embed=1#event=kfi-report-2019' });
    await s.page.locator('#details').waitFor({ state: 'visible' });
    await axe(s.page, 'in the embed');
    await s.finish();
  });
});

describe('keyboard only', () => {
  test('content note → event → details → source passage → back, focus always visible', T, async () => {
    const s = await env.open({ ready: false });
    const { page } = s;
    await page.evaluate(() => window.timelineReady);
    if ((await page.evaluate(() => document.activeElement?.id)) !== 'content-note-continue') {
      await tabTo(page, () => document.activeElement?.id === 'content-note-continue', 'the continue button', 8);
    }
    await assertFocusVisible(page, 'on "Continue"');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => !document.querySelector('#main').hasAttribute('inert'), null, { timeout: 3000 });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'timeline-canvas', 'expected focus on the timeline after Continue');
    await assertFocusVisible(page, 'on the timeline canvas');

    const first = await page.locator('#event-list li[data-event]').first().getAttribute('data-event');
    await page.keyboard.press('ArrowRight');
    const st = await waitForCanvas(page, (a) => a.selected !== '', 'ArrowRight to select an event');
    assert.equal(st.selected, first, 'expected ArrowRight to select the first event');
    const title = await page.locator(`#ev-${first} h3`).innerText();
    await page.waitForFunction((t) => document.querySelector('#status')?.textContent.includes(t), title, { timeout: 3000 })
      .catch(() => {});
    const status = await page.locator('#status').innerText();
    assert.ok(status.includes(title), `expected #status to announce the selected headline "${title}", got "${status}"`);
    assert.ok(status.length < title.length + 60, `expected #status to announce the headline only, got "${status}"`);

    await page.keyboard.press('Enter');
    await page.locator('#details').waitFor({ state: 'visible' });
    assert.ok(await page.evaluate(() => document.querySelector('#details').contains(document.activeElement)), 'expected Enter to move focus into #details');
    assert.equal(await page.locator('#details-title').innerText(), title);
    await assertFocusVisible(page, 'on the details panel');

    await tabTo(page, () => document.activeElement?.matches('#details a.quote-link'), 'the first quote link in #details', 25);
    const href = await page.evaluate(() => document.activeElement.getAttribute('href'));
    assert.match(href, /^#source=[^&]+&passage=\d+$/, 'expected the quote link to point at a source passage');
    await page.keyboard.press('Enter');
    await page.locator('#reader').waitFor({ state: 'visible' });
    await page.waitForFunction(() => document.activeElement?.matches('mark.passage.current'), null, { timeout: 10_000 })
      .catch(async () => { throw new Error(`expected focus on mark.passage.current in #reader; focus is on ${(await focusState(page)).what}`); });
    await assertFocusVisible(page, 'on the cited passage');
    const passage = href.match(/passage=(\d+)/)[1];
    assert.equal(await page.evaluate(() => document.activeElement.dataset.n), passage, 'expected the focused mark to be the linked passage');

    await page.keyboard.press('Escape');
    await page.locator('#details').waitFor({ state: 'visible', timeout: 3000 });
    assert.equal(await page.locator('#reader').isVisible(), false, 'expected Esc to close the reader');
    assert.equal(await page.locator('#details-title').innerText(), title, 'expected Esc to return to the event');
    assert.equal(await page.evaluate(() => location.hash), `#event=${first}`, 'expected the address back at the event');
    await s.finish();
  });

  // The reader hides with focus inside it: focus must move to the event, not fall to <body>.
  test('returning from the reader puts focus back on the quote link it was opened from', T, async () => {
    const s = await env.open({ path: '/#event=hrw-report-2018' });
    const { page } = s;
    for (const [n, leave] of [[3, 'Escape'], [5, 'back link']]) {
      const link = page.locator('#details a.quote-link').nth(n);
      const href = await link.getAttribute('href');
      await link.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.matches('mark.passage.current'), null, { timeout: 10_000 });
      if (leave === 'Escape') await page.keyboard.press('Escape');
      else await page.locator('#reader-back').click();
      await page.locator('#details').waitFor({ state: 'visible' });
      await page.waitForFunction((h) => document.activeElement?.getAttribute('href') === h, href, { timeout: 3000 }).catch(() => {});
      const f = await focusState(page);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('href')), href,
        `expected focus back on the quote link ${href} after leaving the reader by ${leave}, found ${f.what}`);
    }
    await s.close();
  });

  test('Tab through the whole page: every stop has a visible focus indicator not hidden by the header', T, async () => {
    const s = await env.open({ path: '/#event=hrw-report-2018' });
    const { page } = s;
    await page.locator('#details').waitFor({ state: 'visible' });
    // Start the walk at the top of the document.
    await page.evaluate(() => {
      window.scrollTo(0, 0);
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    const stops = await page.evaluate(() => [...document.querySelectorAll('a[href], button, input, select, [tabindex="0"]')]
      .filter((e) => e.checkVisibility() && !e.closest('[inert]')).length);
    const seen = [];
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press('Tab');
      // Past the last control focus goes to the browser's own interface: the walk is complete.
      if (i > 0 && (await page.evaluate(() => document.activeElement === document.body))) break;
      seen.push(await assertFocusVisible(page, `at Tab stop ${i + 1}`));
    }
    assert.equal(seen[0], 'a.skip "Skip to the list of events"', 'expected the skip link first');
    assert.ok(seen.length >= stops - 1, `expected to Tab through the page's ${stops} controls, reached ${seen.length}: ${seen.join(' → ')}`);
    await s.finish();
  });
});

describe('reflow', () => {
  for (const [label, opts] of [
    ['320 CSS px (1280 px at 400%)', { viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 }],
    ['640 CSS px (1280 px at 200%)', { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
  ]) {
    test(`no horizontal scrolling at ${label}: page, details, reader`, T, async () => {
      const s = await env.open({ ...opts, path: '/#event=hrw-report-2018' });
      const { page } = s;
      await page.locator('#details').waitFor({ state: 'visible' });
      let o = await overflowX(page);
      assert.ok(o.scroll <= 0 && o.wide.length === 0, `expected no horizontal overflow with details open at ${label}; page ${o.scroll}px too wide; too wide: ${o.wide.join(', ')}`);
      const st = await canvasState(page);
      assert.ok(st.box.width <= opts.viewport.width, 'expected the canvas to fit the width');
      await page.locator('#details a.quote-link').first().click();
      await page.locator('#reader mark.passage.current').first().waitFor({ state: 'visible', timeout: 10_000 });
      o = await overflowX(page);
      assert.ok(o.scroll <= 0 && o.wide.length === 0, `expected no horizontal overflow in the reader at ${label}; page ${o.scroll}px too wide; too wide: ${o.wide.join(', ')}`);
      await s.finish();
    });
  }

  test('on a phone the text buttons and the links that stand apart are 44 px touch targets', T, async () => {
    const s = await env.open({ ...VIEWPORTS.phone, path: '/#event=hrw-report-2018' });
    const { page } = s;
    await page.locator('#details').waitFor({ state: 'visible' });
    const SEL = '.link-button, #reader-back, .cite-downloads a, .check-link, a[hreflang]';
    const small = () => page.evaluate((sel) => [...document.querySelectorAll(sel)].filter((e) => e.checkVisibility())
      .map((e) => [`${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 30)}"`, e.getBoundingClientRect().height]), SEL);
    let all = await small();
    assert.ok(all.length >= 5, `expected the details' citation buttons and links, found ${all.length}`);
    assert.deepEqual(all.filter(([, h]) => h < 44), [], 'expected every one at least 44 px tall');
    await page.locator('#details a.quote-link').first().click();
    await page.locator('#reader-back').waitFor({ state: 'visible' });
    all = await small();
    assert.deepEqual(all.filter(([, h]) => h < 44), [], 'expected the reader\'s too');
    await s.finish();
  });

  // A phone with the browser's text size at 200%: the key to the timeline once overflowed, the
  // phone widened the page to fit it and the fixed exit button ended past the screen's edge.
  for (const file of ['/', '/index.ko.html']) {
    test(`large text on a phone (390×844, text at 200%), ${file}: nothing wider than the screen, the exit whole, the language link clear of it`, T, async () => {
      const s = await env.open({ ...VIEWPORTS.phone, path: file });
      const { page } = s;
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 32 } });
      await page.waitForFunction(() => parseFloat(getComputedStyle(document.body).fontSize) >= 30, null, { timeout: 5000 });
      const o = await overflowX(page);
      const box = (sel) => document.querySelector(sel).getBoundingClientRect().toJSON();
      const [exit, link] = await Promise.all(['#exit', '.lang-choice a'].map((sel) => page.evaluate(box, sel)));
      const vw = await page.evaluate(() => innerWidth);
      assert.equal(vw, 390, `expected the layout viewport to stay 390 px wide, got ${vw} (something overflowed)`);
      assert.ok(o.scroll <= 0 && o.wide.length === 0, `expected no horizontal overflow with text at 200%; too wide: ${o.wide.join(', ')}`);
      assert.ok(exit.left >= 0 && exit.right <= 390, `expected the whole exit button on screen, got ${Math.round(exit.left)}..${Math.round(exit.right)}`);
      assert.ok(link.width > 0, 'expected the language link to be shown');
      const overlap = link.left < exit.right && exit.left < link.right && link.top < exit.bottom && exit.top < link.bottom;
      assert.ok(!overlap, `expected the language link (${Math.round(link.left)}..${Math.round(link.right)} × ${Math.round(link.top)}..${Math.round(link.bottom)}) clear of the exit (${Math.round(exit.left)}..${Math.round(exit.right)} × ${Math.round(exit.top)}..${Math.round(exit.bottom)})`);
      await s.finish();
    });
  }

  test('the content note and the source list reflow at 320 CSS px', T, async () => {
    const s = await env.open({ viewport: { width: 320, height: 256 }, deviceScaleFactor: 4, ready: false });
    await s.page.evaluate(() => window.timelineReady);
    let o = await overflowX(s.page);
    assert.ok(o.scroll <= 0 && o.wide.length === 0, `expected the content note to fit 320 px; too wide: ${o.wide.join(', ')}`);
    await s.ready();
    await s.page.locator('#source-list').scrollIntoViewIfNeeded();
    o = await overflowX(s.page);
    assert.ok(o.scroll <= 0 && o.wide.length === 0, `expected the list and sources to fit 320 px; too wide: ${o.wide.join(', ')}`);
    assertNoProblems(s.problems);
    await s.close();
  });
});
