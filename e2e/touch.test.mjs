// Touch on a phone-sized page (390x844, DPR 3, hasTouch): a one-finger swipe pans, a tap selects.
// Touches are sent with CDP Input.dispatchTouchEvent, as a real touchscreen would.

import { after, before, describe, test } from 'node:test';
import {
  VIEWPORTS, assert, canvasState, dayOf, eventsInDateOrder, findHit, pageState, screenshot, setup, waitForCanvas,
} from './harness.mjs';

const T = { timeout: 90_000 };
const EVENTS = eventsInDateOrder();
const span = (s) => s.view[1] - s.view[0];

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function touch(cdp, type, points) {
  await cdp.send('Input.dispatchTouchEvent', {
    type, touchPoints: points.map(([x, y]) => ({ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 })),
  });
}

async function swipe(page, cdp, x, y, dx, steps = 8) {
  await touch(cdp, 'touchStart', [[x, y]]);
  for (let i = 1; i <= steps; i++) {
    await touch(cdp, 'touchMove', [[x + (dx * i) / steps, y]]);
    await page.waitForTimeout(16);
  }
  await touch(cdp, 'touchEnd', []);
}

async function tap(cdp, x, y) {
  await touch(cdp, 'touchStart', [[x, y]]);
  await touch(cdp, 'touchEnd', []);
}

describe('touch', () => {
  test('a one-finger swipe pans the timeline by the swiped distance', T, async () => {
    const s = await env.open(VIEWPORTS.phone);
    const { page, context } = s;
    const cdp = await context.newCDPSession(page);
    await page.locator('#zoom-in').click(); // zoomed in, so there is room to pan
    await page.waitForTimeout(200);
    await page.locator('#timeline-canvas').scrollIntoViewIfNeeded();
    const b = await canvasState(page);
    const dx = -150; // finger moves left: later days come into view
    const scroll0 = await page.evaluate(() => [window.scrollX, window.scrollY]);
    await swipe(page, cdp, b.box.x + b.box.width * 0.7, b.box.y + b.box.height / 2, dx);
    const a = await waitForCanvas(page, (c) => Math.abs(c.view[0] - b.view[0]) > 1e-9, 'data-view to shift after a one-finger swipe');
    const perPx = span(b) / b.box.width;
    const expected = -dx * perPx;
    const moved = a.view[0] - b.view[0];
    assert.ok(Math.abs(moved - expected) <= Math.abs(expected) * 0.15 + 2 * perPx,
      `expected a ${-dx}px swipe to the left to move data-view ${expected.toFixed(1)} days later (±15%), got ${moved.toFixed(1)}`);
    assert.ok(Math.abs(span(a) - span(b)) <= span(b) * 0.005, `expected a one-finger swipe not to zoom: span ${span(b)} -> ${span(a)}`);
    const scroll1 = await page.evaluate(() => [window.scrollX, window.scrollY]);
    assert.equal(scroll1[0], scroll0[0], 'expected a horizontal swipe on the canvas not to scroll the page sideways');
    await screenshot(page, 'touch-after-swipe-390x844');
    await s.finish();
  });

  test('a tap on an event mark selects it', T, async () => {
    const s = await env.open(VIEWPORTS.phone);
    const { page, context } = s;
    const cdp = await context.newCDPSession(page);
    await page.locator('#timeline-canvas').scrollIntoViewIfNeeded();
    const target = EVENTS.find((e) => e.id === 'hrw-report-2018') ?? EVENTS[0];
    const hit = await findHit(page, dayOf(target.start), { tap: (x, y) => tap(cdp, x, y) });
    assert.ok(hit, `expected a tap somewhere in the canvas column of ${target.id} (${target.start}) to set data-selected; ${await pageState(page)}`);
    assert.ok(EVENTS.some((e) => e.id === hit.selected), `expected data-selected to be an event id, got "${hit.selected}"`);
    await s.finish();
  });
});
