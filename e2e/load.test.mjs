// Loading: the page draws at three sizes, with no errors, no CSP violations and no requests to
// other origins; the content note comes first; the exit button is always visible.

import { after, before, describe, test } from 'node:test';
import {
  VIEWPORTS, assert, canvasPixels, canvasState, inViewport, pageState, screenshot, setup,
} from './harness.mjs';

const T = { timeout: 90_000 };
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

describe('first load', () => {
  test('content note is shown first, with its continue button and testimony checkbox', T, async () => {
    const s = await env.open({ ready: false });
    const { page } = s;
    await page.waitForLoadState('load');
    assert.ok(await page.locator('#content-note').isVisible(), 'expected #content-note to be visible on first load');
    assert.ok(await page.locator('#content-note-continue').isVisible(), 'expected the #content-note-continue button to be visible');
    assert.equal(await page.locator('#hide-testimony').getAttribute('type'), 'checkbox', 'expected #hide-testimony to be a checkbox');
    assert.ok(await page.locator('#exit').isVisible(), 'expected the quick-exit #exit to be visible with the note shown');
    await s.ready();
    assert.ok(await page.locator('#timeline-canvas').isVisible(), 'expected canvas#timeline-canvas to be visible after continuing');
    await s.finish();
  });

  for (const [name, vp] of Object.entries(VIEWPORTS)) {
    const label = `${vp.viewport.width}x${vp.viewport.height}@${vp.deviceScaleFactor}x`;
    test(`draws at ${label} (${name}), sized for the device pixel ratio, and screenshots`, T, async () => {
      const s = await env.open(vp);
      const { page } = s;
      const st = await canvasState(page);
      assert.ok(st.view, `expected data-view="<d0>,<d1>" with two numbers; ${await pageState(page)}`);
      assert.ok(st.view[1] > st.view[0], `expected data-view d1 > d0, got ${st.view}`);
      assert.ok(st.box.width > 100 && st.box.height > 50, `expected a visible canvas of some size, got ${JSON.stringify(st.box)}`);

      const px = await canvasPixels(page);
      const dpr = vp.deviceScaleFactor;
      assert.ok(Math.abs(px.width - Math.round(st.box.width * dpr)) <= 2,
        `expected the canvas backing store width ≈ CSS width × DPR = ${Math.round(st.box.width * dpr)}, got ${px.width}`);
      assert.ok(Math.abs(px.height - Math.round(st.box.height * dpr)) <= 2,
        `expected the canvas backing store height ≈ CSS height × DPR = ${Math.round(st.box.height * dpr)}, got ${px.height}`);
      assert.ok(px.colours >= 4, `expected the drawn timeline to use at least 4 distinct colours, got ${px.colours}`);
      assert.ok(px.inked > 0.005, `expected more than 0.5% of the canvas to differ from the background, got ${(px.inked * 100).toFixed(2)}%`);

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `expected no horizontal scrolling at ${label}; the page is ${overflow}px wider than the viewport`);
      assert.equal(await page.locator('#error').isVisible(), false, 'expected #error to stay hidden on a normal load');
      await screenshot(page, `load-${name}-${vp.viewport.width}x${vp.viewport.height}`);

      // The quick exit stays in view when the page is scrolled to the end.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.waitForTimeout(100);
      assert.ok(await inViewport(page.locator('#exit')), `expected #exit to stay visible after scrolling to the bottom at ${label}`);
      await s.finish();
    });
  }

  test('no console errors, CSP violations or third-party requests while idling and resizing', T, async () => {
    const s = await env.open();
    const { page } = s;
    const f0 = (await canvasState(page)).frames;
    await page.setViewportSize({ width: 900, height: 700 });
    await page.waitForTimeout(500);
    const st = await canvasState(page);
    assert.ok(st.frames > f0, `expected a redraw after resizing the window (data-frames ${f0} -> ${st.frames})`);
    const px = await canvasPixels(page);
    assert.ok(Math.abs(px.width - Math.round(st.box.width)) <= 2, `expected the backing store to follow the new CSS width ${st.box.width}, got ${px.width}`);
    await page.waitForTimeout(500);
    await s.finish();
  });

  test('the page is readable without JavaScript: the static event list is present', T, async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(env.server.url, { timeout: 15_000 });
      const n = await page.locator('#event-list li[data-event] a[href^="#event="]').count();
      assert.ok(n >= 1, `expected #event-list to hold li[data-event] with a[href="#event=<id>"] in the served HTML, found ${n}`);
    } finally {
      await context.close();
    }
  });
});
