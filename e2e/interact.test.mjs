// Mouse and keyboard on the desktop page: click to select, keys, wheel zoom anchored at the
// pointer, drag to pan, toolbar buttons. Every expectation reads the canvas's data-* attributes.

import { after, before, describe, test } from 'node:test';
import {
  VIEWPORTS, assert, canvasState, dayAtX, dayOf, eventsInDateOrder, findHit, loadEvents, nextFrame, pageState, setup,
  waitForCanvas,
} from './harness.mjs';

const T = { timeout: 90_000 };
const EVENTS = eventsInDateOrder();
const IDS = new Set(EVENTS.map((e) => e.id));
const FIRST = EVENTS[0];
const SECOND = EVENTS[1];
const LAST = EVENTS[EVENTS.length - 1];
const span = (s) => s.view[1] - s.view[0];

let env;
before(async () => {
  assert.equal(FIRST?.id, 'famine-1994-1998', 'expected data/events.json to start (in date order) with famine-1994-1998');
  env = await setup();
});
after(async () => { await env?.close(); });

async function selectedDetails(page, id) {
  const li = page.locator(`#event-list li[data-event="${id}"]`);
  assert.equal(await li.getAttribute('aria-current'), 'true', `expected #event-list li[data-event="${id}"] to have aria-current="true"`);
  const title = loadEvents().find((e) => e.id === id).title;
  const status = await page.locator('#status').textContent();
  assert.ok(status.includes(title), `expected #status to announce "${title}", got "${status}"`);
}

async function press(page, key, pred, what) {
  const before = await canvasState(page);
  await page.keyboard.press(key);
  return waitForCanvas(page, (s) => pred(s, before), `${what} after pressing ${key}`);
}

describe('desktop interaction', () => {
  test('a click on an event mark selects it (data-selected changes)', T, async () => {
    const s = await env.open();
    const { page } = s;
    const target = EVENTS.find((e) => e.id === 'hrw-report-2018') ?? EVENTS[Math.floor(EVENTS.length / 2)];
    const hit = await findHit(page, dayOf(target.start));
    assert.ok(hit, `expected a click somewhere in the canvas column of ${target.id} (${target.start}) to set data-selected; ${await pageState(page)}`);
    assert.ok(IDS.has(hit.selected), `expected data-selected to be an event id from data/events.json, got "${hit.selected}"`);
    await selectedDetails(page, hit.selected);
    await s.finish();
  });

  test('keys: Home/End, ArrowRight/ArrowLeft, +/−, Enter opens details, Escape closes', T, async () => {
    const s = await env.open();
    const { page } = s;
    await page.locator('#timeline-canvas').focus();

    let st = await press(page, 'Home', (a) => a.selected === FIRST.id, `data-selected="${FIRST.id}" (first event)`);
    await selectedDetails(page, FIRST.id);
    st = await press(page, 'ArrowRight', (a) => a.selected === SECOND.id, `data-selected="${SECOND.id}" (second event in date order)`);
    st = await press(page, 'ArrowLeft', (a) => a.selected === FIRST.id, `data-selected="${FIRST.id}" again`);
    st = await press(page, 'End', (a) => a.selected === LAST.id, `data-selected="${LAST.id}" (last event)`);

    const w0 = span(await canvasState(page));
    st = await press(page, '+', (a, b) => span(a) < span(b) * 0.99, 'a narrower data-view (zoom in)');
    assert.ok(span(st) < w0, `expected + to zoom in: span ${w0} -> ${span(st)} days`);
    const w1 = span(st);
    st = await press(page, '-', (a, b) => span(a) > span(b) * 1.01, 'a wider data-view (zoom out)');
    assert.ok(span(st) > w1, `expected - to zoom out: span ${w1} -> ${span(st)} days`);

    await page.keyboard.press('Enter');
    await page.locator('#details').waitFor({ state: 'visible', timeout: 5000 })
      .catch(async () => { throw new Error(`expected Enter to open #details (not hidden); ${await pageState(page)}`); });
    const title = await page.locator('#details-title').textContent();
    assert.ok(title.includes(LAST.title), `expected #details-title to show "${LAST.title}", got "${title}"`);

    await page.keyboard.press('Escape');
    await page.locator('#details').waitFor({ state: 'hidden', timeout: 5000 })
      .catch(async () => { throw new Error(`expected Escape to close #details (hidden); ${await pageState(page)}`); });
    await s.finish();
  });

  test('wheel zoom keeps the day under the pointer in place', T, async () => {
    const s = await env.open();
    const { page } = s;
    for (const [frac, dy, dir] of [[0.4, -300, 'in'], [0.7, 300, 'out']]) {
      const b = await canvasState(page);
      const x = b.box.x + b.box.width * frac;
      const y = b.box.y + b.box.height / 2;
      await page.mouse.move(x, y);
      const day = dayAtX(b, x);
      await page.mouse.wheel(0, dy);
      const a = await waitForCanvas(page, (c) => Math.abs(span(c) - span(b)) > span(b) * 0.01,
        `data-view to change width after a wheel (deltaY ${dy}, zoom ${dir})`);
      if (dir === 'in') assert.ok(span(a) < span(b), `expected wheel up (deltaY<0) to zoom in: span ${span(b)} -> ${span(a)}`);
      else assert.ok(span(a) > span(b), `expected wheel down (deltaY>0) to zoom out: span ${span(b)} -> ${span(a)}`);
      const driftPx = Math.abs(dayAtX(a, x) - day) / (span(a) / a.box.width);
      assert.ok(driftPx <= 4, `expected the day under the pointer (${day.toFixed(1)}) to stay within 4 px when zooming ${dir}; it moved ${driftPx.toFixed(1)} px (view ${b.view} -> ${a.view})`);
      await page.waitForTimeout(100);
    }
    await s.finish();
  });

  test('drag pans by the dragged distance', T, async () => {
    const s = await env.open();
    const { page } = s;
    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('+'); // zoomed in, so there is room to pan either way
    await page.waitForTimeout(200);
    const b = await canvasState(page);
    const x = b.box.x + b.box.width * 0.5;
    const y = b.box.y + b.box.height * 0.5;
    const dx = 200;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(x + (dx * i) / 10, y);
    await page.mouse.up();
    const a = await waitForCanvas(page, (c) => Math.abs(c.view[0] - b.view[0]) > 1e-9, 'data-view to shift after a drag');
    const perPx = span(b) / b.box.width;
    const expected = -dx * perPx; // dragging right brings earlier days into view
    const moved = a.view[0] - b.view[0];
    assert.ok(Math.abs(moved - expected) <= Math.abs(expected) * 0.05 + 2 * perPx,
      `expected a ${dx}px drag to the right to shift data-view by ${expected.toFixed(1)} days (±5%), got ${moved.toFixed(1)}`);
    assert.ok(Math.abs(span(a) - span(b)) <= span(b) * 0.005, `expected a drag not to change the zoom: span ${span(b)} -> ${span(a)}`);
    await s.finish();
  });

  test('zooming out and dragging stop near the data, not in empty decades', T, async () => {
    const s = await env.open();
    const { page } = s;
    const all = EVENTS.flatMap((e) => [dayOf(e.start), ...(e.end ? [dayOf(e.end)] : [])]);
    const [lo, hi] = [Math.min(...all), Math.max(...all)];
    // Three times the data's span at most (the core's limit; partial dates count from their
    // first day, so allow a little either way).
    for (let k = 0; k < 10; k++) await page.locator('#zoom-out').click();
    const wide = await waitForCanvas(page, (c) => span(c) > 2.9 * (hi - lo), 'the widest view after ten clicks on Zoom out');
    await page.waitForTimeout(200);
    const widest = await canvasState(page);
    assert.ok(span(widest) <= 3.05 * (hi - lo), `expected zooming out to stop at about 3x the data (${(3 * (hi - lo)).toFixed(0)} days); the view is ${span(widest).toFixed(0)} days`);
    assert.ok(Math.abs(span(widest) - span(wide)) < 1, 'expected no wider view after the limit');
    // Long drags to the right: the view stops with its middle on the first event.
    const y = widest.box.y + widest.box.height / 2;
    for (let r = 0; r < 4; r++) {
      await page.mouse.move(widest.box.x + 20, y);
      await page.mouse.down();
      for (let i = 1; i <= 10; i++) await page.mouse.move(widest.box.x + 20 + ((widest.box.width - 40) * i) / 10, y);
      await page.mouse.up();
    }
    const dragged = await waitForCanvas(page, (c) => (c.view[0] + c.view[1]) / 2 < lo + 0.05 * (hi - lo), 'the view dragged to the first event');
    const mid = (dragged.view[0] + dragged.view[1]) / 2;
    assert.ok(mid >= lo - 31, `expected the middle of the view to stop at the first event (day ${lo}); it is at day ${mid.toFixed(0)}`);
    await s.finish();
  });

  test('toolbar buttons: zoom in, zoom out, fit, next, previous', T, async () => {
    const s = await env.open();
    const { page } = s;
    const click = async (id, pred, what) => {
      const b = await canvasState(page);
      await page.locator(id).click();
      return waitForCanvas(page, (a) => pred(a, b), `${what} after clicking ${id}`);
    };
    await click('#zoom-in', (a, b) => span(a) < span(b) * 0.99, 'a narrower data-view');
    await click('#zoom-in', (a, b) => span(a) < span(b) * 0.99, 'a narrower data-view');
    await click('#zoom-out', (a, b) => span(a) > span(b) * 1.01, 'a wider data-view');
    const all = EVENTS.flatMap((e) => [dayOf(e.start), ...(e.end ? [dayOf(e.end)] : [])]);
    const lo = Math.min(...all);
    const hi = Math.max(...all);
    await click('#fit', (a) => a.view[0] <= lo && a.view[1] >= hi, `data-view to contain every event (days ${lo}..${hi})`);

    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('Home');
    await waitForCanvas(page, (a) => a.selected === FIRST.id, `data-selected="${FIRST.id}" after Home`);
    await click('#next', (a) => a.selected === SECOND.id, `data-selected="${SECOND.id}"`);
    await click('#prev', (a) => a.selected === FIRST.id, `data-selected="${FIRST.id}"`);
    await s.finish();
  });

  for (const [name, vp] of [['desktop', VIEWPORTS.desktop], ['phone', VIEWPORTS.phone]]) {
    test(`a title in the list opens the event with its details in view and focused (${name})`, T, async () => {
      const s = await env.open(vp);
      const { page } = s;
      for (const [k, e] of [EVENTS[9], EVENTS[2], EVENTS[2], EVENTS[2]].entries()) {
        // Far down the list, back up, the same one again (no hashchange then), and again after
        // closing its details with Esc.
        if (k === 3) {
          await page.keyboard.press('Escape');
          await page.locator('#details').waitFor({ state: 'hidden' });
        }
        await page.evaluate(() => window.scrollTo(0, 0));
        const link = page.locator(`#event-list a.ev-title[href="#event=${e.id}"]`);
        await link.scrollIntoViewIfNeeded();
        await link.click();
        await page.locator('#details').waitFor({ state: 'visible' });
        await page.waitForFunction((id) => document.querySelector('#timeline-canvas').dataset.selected === id, e.id);
        const placed = await page.evaluate(() => ({
          top: document.querySelector('#details').getBoundingClientRect().top,
          height: window.innerHeight,
          focus: document.activeElement?.id,
          title: document.querySelector('#details-title')?.textContent,
        }));
        assert.equal(placed.title, e.title, `expected the details of ${e.id}`);
        assert.ok(placed.top >= 0 && placed.top < placed.height * 0.5,
          `expected the top of #details in the upper half of the screen after choosing ${e.id} in the list, it is at ${placed.top}px of ${placed.height}`);
        assert.equal(placed.focus, 'details', 'expected focus on #details, so a screen reader reads it next');
      }
      await s.finish();
    });
  }

  for (const [name, vp] of [['desktop', VIEWPORTS.desktop], ['phone', VIEWPORTS.phone]]) {
    test(`closing details opened from the list returns to that entry, not to the top of the page (${name})`, T, async () => {
      const s = await env.open(vp);
      const { page } = s;
      const e = EVENTS[8];
      const link = page.locator(`#event-list a.ev-title[href="#event=${e.id}"]`);
      await link.scrollIntoViewIfNeeded();
      await link.click();
      await page.locator('#details').waitFor({ state: 'visible' });
      await page.locator('#details-close').click();
      await page.locator('#details').waitFor({ state: 'hidden' });
      await page.waitForFunction(() => document.activeElement?.classList.contains('ev-title'));
      const back = await page.evaluate(() => ({
        href: document.activeElement.getAttribute('href'),
        top: document.activeElement.getBoundingClientRect().top,
        height: innerHeight,
        scrollY,
      }));
      assert.equal(back.href, `#event=${e.id}`, 'expected focus back on the entry that opened the details');
      assert.ok(back.top >= 0 && back.top < back.height, `expected that entry on screen, it is at ${back.top}px (scrollY ${back.scrollY})`);
      assert.ok(back.scrollY > 0, 'expected the page not to jump back to its top');
      await s.finish();
    });
  }

  test('every redraw bumps data-frames', T, async () => {
    const s = await env.open();
    const { page } = s;
    const b = await canvasState(page);
    await page.locator('#zoom-in').click();
    await nextFrame(page, b.frames, 'a frame after #zoom-in');
    await s.finish();
  });
});
