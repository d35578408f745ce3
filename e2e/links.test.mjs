// Details, quotes and the source reader; deep links restore state on load; back and forward.

import { after, before, describe, test } from 'node:test';
import { assert, inViewport, loadEvents, pageState, setup, waitForCanvas } from './harness.mjs';

const T = { timeout: 90_000 };
const EVENT = 'hrw-report-2018';
let env;
let title;

before(async () => {
  const ev = loadEvents().find((e) => e.id === EVENT);
  assert.ok(ev, `expected data/events.json to contain the event ${EVENT}`);
  title = ev.title;
  env = await setup();
});
after(async () => { await env?.close(); });

async function visible(page, sel, what) {
  await page.locator(sel).first().waitFor({ state: 'visible', timeout: 5000 })
    .catch(async () => { throw new Error(`expected ${what} (${sel}) to be visible; ${await pageState(page)}`); });
}
async function hidden(page, sel, what) {
  await page.locator(sel).first().waitFor({ state: 'hidden', timeout: 5000 })
    .catch(async () => { throw new Error(`expected ${what} (${sel}) to be hidden; ${await pageState(page)}`); });
}
const hash = (page) => page.evaluate(() => decodeURIComponent(location.hash));

/** The reader is open at a passage: mark.passage.current[data-n] exists, is focused and in view. */
async function assertReaderAt(page, n) {
  await visible(page, '#reader', 'the source reader #reader');
  // The reader fetches a source's full text when first opened: wait for the text to arrive.
  await visible(page, '#reader mark.passage.current', 'the current passage in the reader (after the source text loaded)');
  // A passage that overlaps another may be drawn as several marks; all carry the same data-n.
  const all = page.locator('#reader mark.passage.current');
  const ns = [...new Set(await all.evaluateAll((els) => els.map((e) => e.getAttribute('data-n'))))];
  assert.equal(ns.length, 1, `expected mark.passage.current in #reader for exactly one passage, found data-n ${JSON.stringify(ns)}`);
  if (n !== undefined) assert.equal(ns[0], String(n), `expected the current passage to be data-n="${n}"`);
  const cur = all.first();
  const focused = await all.evaluateAll((els) => els.some((el) => el === document.activeElement || el.contains(document.activeElement)));
  const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  assert.ok(focused, `expected mark.passage.current to have focus; the focused element is ${active}`);
  assert.ok(await inViewport(cur), 'expected mark.passage.current to be scrolled into view');
  const readerTitle = await page.locator('#reader-title').textContent();
  assert.ok(readerTitle.trim().length > 0, 'expected #reader-title to name the source');
}

/** Opens the details of EVENT via its deep link and returns the first quote link's href. */
async function firstQuoteHref(page) {
  await visible(page, '#details', 'the details panel #details');
  const link = page.locator('#details a.quote-link').first();
  assert.ok(await link.count() > 0, 'expected #details to hold evidence quotes as a.quote-link');
  const href = await link.getAttribute('href');
  assert.match(href, /^#source=[^&]+&passage=\d+$/, `expected a.quote-link href="#source=<id>&passage=<n>", got "${href}"`);
  return href;
}

describe('details, reader and deep links', () => {
  test(`deep link #event=${EVENT} selects the event and opens its details on load`, T, async () => {
    const s = await env.open({ path: `/#event=${EVENT}` });
    const { page } = s;
    await waitForCanvas(page, (c) => c.selected === EVENT, `data-selected="${EVENT}" restored from the address`);
    await visible(page, '#details', 'the details panel');
    const t = await page.locator('#details-title').textContent();
    assert.ok(t.includes(title), `expected #details-title to show "${title}", got "${t}"`);
    assert.equal(await page.locator(`#event-list li[data-event="${EVENT}"]`).getAttribute('aria-current'), 'true',
      `expected li[data-event="${EVENT}"] to carry aria-current="true"`);
    await s.finish();
  });

  test('a quote link opens #reader with mark.passage.current focused and in view; #reader-back returns', T, async () => {
    const s = await env.open({ path: `/#event=${EVENT}` });
    const { page } = s;
    const href = await firstQuoteHref(page);
    const n = Number(href.match(/passage=(\d+)/)[1]);
    await page.locator('#details a.quote-link').first().click();
    await assertReaderAt(page, n);
    assert.equal(await hash(page), decodeURIComponent(href), `expected the address to become ${href}`);

    // Site furniture (comment forms, captions) is hidden until #show-furniture is ticked.
    const furniture = page.locator('#reader .furniture');
    if (await furniture.count() > 0 && await page.locator('#show-furniture').count() > 0) {
      const shown0 = await furniture.first().isVisible();
      await page.locator('#show-furniture').click();
      await page.waitForTimeout(100);
      const shown1 = await furniture.first().isVisible();
      assert.notEqual(shown1, shown0, `expected #show-furniture to toggle the .furniture spans (visible ${shown0} -> ${shown1})`);
    }

    await page.locator('#reader-back').click();
    await hidden(page, '#reader', 'the reader after #reader-back');
    await visible(page, '#details', 'the event details after #reader-back');
    assert.equal(await hash(page), `#event=${EVENT}`, `expected #reader-back to return to #event=${EVENT}`);
    await s.finish();
  });

  test('deep link #source=<id>&passage=<n> opens the reader at that passage on load', T, async () => {
    const first = await env.open({ path: `/#event=${EVENT}` });
    const href = await firstQuoteHref(first.page);
    await first.finish();
    const n = Number(href.match(/passage=(\d+)/)[1]);

    const s = await env.open({ path: `/${href}` });
    await assertReaderAt(s.page, n);
    await s.finish();
  });

  test('back and forward restore what was open', T, async () => {
    const s = await env.open();
    const { page } = s;
    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('Home');
    const first = await waitForCanvas(page, (c) => c.selected !== '', 'a selection after Home');
    await page.keyboard.press('Enter');
    await visible(page, '#details', 'the details after Enter');
    await page.waitForFunction((id) => decodeURIComponent(location.hash) === `#event=${id}`, first.selected, { timeout: 5000 })
      .catch(async () => { throw new Error(`expected opening details to push #event=${first.selected}; address is ${await hash(page)}`); });

    const quote = page.locator('#details a.quote-link').first();
    assert.ok(await quote.count() > 0, `expected the details of ${first.selected} to hold an a.quote-link`);
    const href = await quote.getAttribute('href');
    await quote.click();
    await assertReaderAt(page);

    await page.evaluate(() => history.back());
    await hidden(page, '#reader', 'the reader after Back');
    await visible(page, '#details', 'the details after Back');
    assert.equal(await hash(page), `#event=${first.selected}`, 'expected Back to return to the event');
    await waitForCanvas(page, (c) => c.selected === first.selected, `data-selected="${first.selected}" after Back`);

    await page.evaluate(() => history.back());
    await hidden(page, '#details', 'the details after a second Back (the address before anything was opened)');

    await page.evaluate(() => history.forward());
    await visible(page, '#details', 'the details after Forward');
    await page.evaluate(() => history.forward());
    await assertReaderAt(page, Number(href.match(/passage=(\d+)/)[1]));
    await s.finish();
  });
});
