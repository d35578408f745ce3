// Issue 4, for teachers and everyone: filters and search in step with the list, the canvas and
// the address; presentation mode and its clicker keys; high contrast, dark scheme and reduced
// motion; the print handout (to PDF and PNG); the embed; the Korean interface; screenshots.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  ARTIFACTS, ROOT, VIEWPORTS, assert, canvasState, eventsInDateOrder, loadEvents, nextFrame, screenshot, setup, waitForCanvas,
} from './harness.mjs';

const T = { timeout: 90_000 };
const EVENTS = loadEvents();
const SOURCES = JSON.parse(readFileSync(path.join(ROOT, 'data', 'sources.json'), 'utf8'));
const HANGUL = /[\uac00-\ud7a3]/;

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Ids of the list items that are shown. */
const shownIds = (page) => page.locator('#event-list li[data-event]').evaluateAll((lis) => lis.filter((li) => li.checkVisibility()).map((li) => li.dataset.event));

/** What the search should find, from data/events.json (titles in every language, summaries, quotes, actors). */
function matches(e, q) {
  const hay = [e.title, e.summary, ...Object.values(e.translations ?? {}).flatMap((t) => [t.title, t.summary]),
    ...e.evidence.map((x) => x.quote), ...(e.actors ?? [])].join('\n').toLowerCase();
  return q.toLowerCase().split(/\s+/).every((w) => hay.includes(w));
}

/** The most common colour of the canvas (its background) as [r, g, b]. */
const canvasBackground = (page) => page.evaluate(() => {
  const c = document.querySelector('#timeline-canvas');
  const tmp = document.createElement('canvas');
  tmp.width = c.width; tmp.height = c.height;
  const ctx = tmp.getContext('2d');
  ctx.drawImage(c, 0, 0);
  const d = ctx.getImageData(0, 0, c.width, c.height).data;
  const counts = new Map();
  for (let i = 0; i < d.length; i += 16) {
    const k = `${d[i]},${d[i + 1]},${d[i + 2]}`;
    counts.set(k, (counts.get(k) || 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
});
const luminance = ([r, g, b]) => (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;

/** [N, M, part, parts] from "N / M", or "N / M (part/parts)" on an event with more than one slide. */
const progress = async (page) => {
  const t = (await page.locator('#pres-progress').innerText()).trim();
  const m = t.match(/^(\d+) \/ (\d+)(?: \((\d+)\/(\d+)\))?$/);
  assert.ok(m, `expected #pres-progress to read "N / M" or "N / M (k/n)", got "${t}"`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 1), Number(m[4] ?? 1)];
};

describe('filters and search', () => {
  test('search hides non-matching events, redraws, goes into the address and survives a reload', T, async () => {
    const s = await env.open();
    const { page } = s;
    const q = 'cybersex';
    const want = EVENTS.filter((e) => matches(e, q)).map((e) => e.id).sort();
    assert.ok(want.length >= 1 && want.length < EVENTS.length, `expected "${q}" to match some but not all events in data/events.json (${want})`);
    const f0 = (await canvasState(page)).frames;
    await page.locator('#search').fill(q);
    await nextFrame(page, f0, 'a redraw after searching');
    await page.waitForFunction((n) => [...document.querySelectorAll('#event-list li[data-event]')].filter((li) => li.checkVisibility()).length === n, want.length, { timeout: 5000 })
      .catch(() => {});
    assert.deepEqual((await shownIds(page)).sort(), want, `expected the list to show exactly the events matching "${q}"`);
    assert.equal((await page.locator('#match-count').innerText()).trim(), `Showing ${want.length} of ${EVENTS.length} events.`,
      'expected the number of events the search leaves, said in a status region');
    assert.equal(await page.locator('#match-count').getAttribute('role'), 'status');
    assert.match(await page.evaluate(() => location.hash), /(^#|&)q=cybersex(&|$)/, 'expected the address to carry q=cybersex');
    const hist = await page.evaluate(() => history.length);
    await page.locator('#search').fill('cybersexx');
    await page.locator('#search').fill(q);
    assert.equal(await page.evaluate(() => history.length), hist, 'expected typing not to add history entries');

    await page.reload({ waitUntil: 'load' });
    await page.evaluate(() => window.timelineReady);
    assert.equal(await page.locator('#search').inputValue(), q, 'expected the search box to be restored from the address after reload');
    assert.deepEqual((await shownIds(page)).sort(), want, 'expected the same filtered list after reload');

    await page.locator('#search').fill('zzqxv-no-such-word');
    assert.ok(await page.locator('#no-match').isVisible(), 'expected #no-match when nothing matches');
    assert.deepEqual(await shownIds(page), [], 'expected no event shown when nothing matches');
    await page.locator('#search').fill('');
    assert.equal(await page.locator('#no-match').isVisible(), false, 'expected #no-match to go when the search is cleared');
    assert.equal((await shownIds(page)).length, EVENTS.length, 'expected every event back after clearing the search');
    assert.equal((await page.locator('#match-count').innerText()).trim(), '', 'expected no count without a search or filter');
    await s.finish();
  });

  test('kind and organisation filters', T, async () => {
    const s = await env.open();
    const { page } = s;
    const f0 = (await canvasState(page)).frames;
    await page.locator('#filter-kind').selectOption('report');
    await nextFrame(page, f0, 'a redraw after filtering by kind');
    const reports = EVENTS.filter((e) => e.kind === 'report').map((e) => e.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), reports, 'expected kind = report to show only the reports');
    assert.match(await page.evaluate(() => location.hash), /kind=report/, 'expected kind=report in the address');

    const actor = 'Human Rights Watch';
    await page.locator('#filter-actor').selectOption(actor);
    const both = EVENTS.filter((e) => e.kind === 'report' && e.actors?.includes(actor)).map((e) => e.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), both, `expected kind = report and organisation = ${actor}`);
    await page.locator('#filter-kind').selectOption('');
    const gcr = 'Global Rights Compliance';
    await page.locator('#filter-actor').selectOption(gcr);
    const byActor = EVENTS.filter((e) => e.actors?.includes(gcr)).map((e) => e.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), byActor, `expected organisation = ${gcr} to show its events`);
    assert.match(await page.evaluate(() => location.hash), /actor=Global%20Rights%20Compliance/, 'expected the actor in the address');

    // Next/previous walk only through what the filters leave.
    await page.locator('#next').click();
    const sel = await waitForCanvas(page, (a) => a.selected !== '', 'a selection after #next');
    assert.ok(byActor.includes(sel.selected), `expected #next to select one of the filtered events, got ${sel.selected}`);
    await s.finish();
  });
});

describe('presentation mode', () => {
  test('button and P enter; clicker keys step; Esc and the leave button leave; large type at 1920×1080', T, async () => {
    const s = await env.open(VIEWPORTS.wide);
    const { page } = s;
    // The slides follow the list's order (by date; the page breaks ties by id).
    const ids = await page.locator('#event-list li[data-event]').evaluateAll((lis) => lis.map((li) => li.dataset.event));
    const order = ids.map((id) => EVENTS.find((e) => e.id === id));
    assert.deepEqual(ids.slice(0, 2), eventsInDateOrder().slice(0, 2).map((e) => e.id), 'expected the list to start with the earliest events');
    await page.locator('#present').click();
    await page.waitForFunction(() => document.documentElement.classList.contains('presenting'));
    assert.ok(await page.locator('#presentation').isVisible(), 'expected #presentation visible when presenting');
    assert.ok(await page.evaluate(() => !!document.fullscreenElement), 'expected presentation mode to ask for full screen');
    let [n, m] = await progress(page);
    assert.equal(m, EVENTS.length, `expected the progress to count all ${EVENTS.length} events`);
    assert.equal(n, 1, 'expected presenting to start at the first event');
    assert.equal(await page.locator('#pres-title').innerText(), order[0].title, 'expected the first event in date order');
    assert.ok(await page.locator('#timeline-canvas').isVisible(), 'expected the timeline strip to stay visible');
    assert.equal(await page.locator('#list-section').isVisible(), false, 'expected the list hidden while presenting');

    // Each key steps one slide: through an event's slides (the event, then where its sources
    // disagree), then to the next event; back, to the previous event's last slide.
    for (const [key, delta] of [['PageDown', 1], ['Space', 1], ['ArrowRight', 1], ['ArrowDown', 1], ['PageUp', -1], ['ArrowLeft', -1], ['Shift+Space', -1]]) {
      const [before, , part, parts] = await progress(page);
      const text = await page.locator('#pres-progress').innerText();
      await page.keyboard.press(key);
      await page.waitForFunction((t) => document.querySelector('#pres-progress').textContent !== t, text, { timeout: 3000 }).catch(() => {});
      const [now, , partNow, partsNow] = await progress(page);
      if (delta > 0 && part < parts) assert.deepEqual([now, partNow], [before, part + 1], `expected ${key} to show ${order[before - 1].id}'s next slide`);
      else if (delta < 0 && part > 1) assert.deepEqual([now, partNow], [before, part - 1], `expected ${key} to show ${order[before - 1].id}'s previous slide`);
      else {
        assert.equal(now, before + delta, `expected ${key} to move the presentation ${delta > 0 ? 'forward' : 'back'} (${before} -> ${before + delta}), got ${now}`);
        assert.equal(partNow, delta > 0 ? 1 : partsNow, `expected ${key} to land on the ${delta > 0 ? 'first' : 'last'} slide of ${order[now - 1].id}`);
      }
      n = now;
      assert.equal(await page.locator('#pres-title').innerText(), order[n - 1].title, `expected slide ${n} to show ${order[n - 1].id}`);
      await waitForCanvas(page, (a) => a.selected === order[n - 1].id, `the timeline strip to mark ${order[n - 1].id}`);
    }
    assert.equal(await page.evaluate(() => window.scrollX), 0, 'expected Space not to scroll the page sideways');

    // Readable from the back of a room: every text in the slide ≥ 28 px (the leave button aside).
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('#pres-summary'));
    const sizes = await page.locator('#presentation').evaluate((p) => [...p.querySelectorAll('#pres-progress, #pres-title, #pres-date, #pres-summary, #pres-figures li')]
      .filter((e) => e.checkVisibility() && e.textContent.trim())
      .map((e) => [e.id || e.tagName, parseFloat(getComputedStyle(e).fontSize)]));
    assert.ok(sizes.find(([id]) => id === 'pres-summary'), 'expected a visible #pres-summary');
    for (const [id, px] of sizes) assert.ok(px >= 28, `expected ${id} in large type (≥ 28 px) at 1920×1080, got ${px}px`);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    assert.ok(fits, 'expected no horizontal overflow while presenting');
    await screenshot(page, 'site-presentation-1920x1080');

    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.documentElement.classList.contains('presenting'), null, { timeout: 3000 });
    assert.equal(await page.locator('#presentation').isVisible(), false, 'expected Esc to leave presentation mode');
    assert.ok(await page.locator('#list-section').isVisible(), 'expected the list back after leaving');

    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('p');
    await page.waitForFunction(() => document.documentElement.classList.contains('presenting'), null, { timeout: 3000 });
    assert.ok(await page.locator('#presentation').isVisible(), 'expected P to enter presentation mode');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'pres-title', 'expected focus on the slide title');
    await page.locator('#pres-leave').click();
    await page.waitForFunction(() => !document.documentElement.classList.contains('presenting'), null, { timeout: 3000 });
    assert.equal(await page.evaluate(() => !!document.fullscreenElement), false, 'expected leaving to leave full screen');
    await s.finish();
  });

  // Korean too: a Hangul syllable is wider than a Latin letter, and the slides' budget once
  // counted characters, so Korean slides ran off the screen where English ones fitted.
  for (const lang of ['en', 'ko']) for (const [name, size] of [['1920×1080', VIEWPORTS.wide], ['1024×768', { viewport: { width: 1024, height: 768 } }], ['1280×720', { viewport: { width: 1280, height: 720 } }]]) test(`every slide fits a ${name} screen without scrolling (clicker keys cannot scroll)${lang === 'ko' ? ', in Korean' : ''}`, T, async () => {
    const ko = lang === 'ko';
    const tr = (e) => (ko ? e.translations.ko : e);
    const s = await env.open({ ...size, path: ko ? '/index.ko.html' : '/' });
    const { page } = s;
    await page.locator('#present').click();
    const [, m] = await progress(page);
    const over = [];
    for (let i = 1; i <= m; i++) {
      await page.waitForFunction((n) => document.querySelector('#pres-progress').textContent.trim().startsWith(`${n} /`), i, { timeout: 3000 });
      const [, , , parts] = await progress(page);
      // Every figure with its source on the event's slide; every side of every disagreement on
      // the slides after it.
      const title = await page.locator('#pres-title').innerText();
      const e = EVENTS.find((x) => tr(x).title === title);
      assert.ok(e, `expected slide ${i} to show an event, got "${title}"`);
      let notes = 0;
      let noteText = '';
      for (let k = 1; k <= parts; k++) {
        if (k > 1) {
          await page.keyboard.press('PageDown');
          await page.waitForFunction((want) => document.querySelector('#pres-progress').textContent.trim().endsWith(want), `(${k}/${parts})`, { timeout: 3000 });
          assert.equal(await page.locator('#pres-title').innerText(), title, `expected ${e.id}'s slide ${k} to keep its title`);
          notes += await page.locator('#pres-notes > li').count();
          if (name === '1920×1080') {
            const small = await page.locator('#pres-notes li').evaluateAll((lis) => lis.map((li) => parseFloat(getComputedStyle(li).fontSize)).filter((px) => px < 28));
            assert.deepEqual(small, [], `expected ${e.id}'s disagreements in large type (≥ 28 px) at 1920×1080`);
          }
          noteText += await page.locator('#pres-notes').innerText();
        }
        const extra = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
        if (extra > 0) over.push(`slide ${i} (${title})${parts > 1 ? `, ${k}/${parts}` : ''}: ${extra}px too tall`);
        if (k === 1) {
          assert.equal(await page.locator('#pres-disagree').count(), 0, `expected ${e.id}'s first slide to leave its disagreements to the next`);
          await checkFigures(e);
        }
      }
      assert.equal(notes, (e.discrepancies ?? []).length, `expected each of ${e.id}'s disagreements on one of its slides`);
      assert.equal(parts > 1, (e.discrepancies ?? []).length > 0, `expected ${e.id} to have a slide for its disagreements exactly when it has some`);
      // Each side of each disagreement, not the editors' note (the worksheet keeps that for the
      // teacher).
      const norm = (t) => t.replace(/\s+/g, ' ');
      for (const [j, d] of (e.discrepancies ?? []).entries()) {
        const td = ko ? e.translations.ko.discrepancies[j] : d;
        const says = ko ? td.says : d.accounts.map((a) => a.says);
        for (const x of says) assert.ok(norm(noteText).includes(norm(x)), `expected "${x}" on ${e.id}'s slides`);
        if (td.note) assert.ok(!norm(noteText).includes(norm(td.note)), `expected ${e.id}'s slides to leave the note "${td.note.slice(0, 40)}…" to the details`);
      }
      await page.keyboard.press('PageDown');
    }
    assert.deepEqual(over, [], `expected every slide to fit ${name}`);
    await s.finish();

    async function checkFigures(e) {
      const figures = await page.locator('#pres-figures li').allInnerTexts();
      assert.equal(figures.length, (e.figures ?? []).length, `expected all of ${e.id}'s figures on its slide`);
      for (const [k, f] of (e.figures ?? []).entries()) {
        const src = SOURCES.find((x) => x.id === f.source);
        assert.ok(figures[k].includes(f.value) && figures[k].includes(`— ${src.publisher}`), `expected "${f.value}" with its source on the slide, got "${figures[k]}"`);
        const value = ko ? e.translations.ko.figure_values?.[k] : undefined;
        if (value) assert.ok(figures[k].includes(value), `expected the Korean value "${value}" beside the source's words, got "${figures[k]}"`);
      }
      if (e.date_note) assert.equal((await page.locator('#pres-date-note').innerText()).trim(), tr(e).date_note, `expected ${e.id}'s date note on its slide`);
    }
  });

  test('a clicker on the timeline: PageDown and PageUp step; stepping from the reader lands on the details', T, async () => {
    const s = await env.open(VIEWPORTS.wide);
    const { page } = s;
    const order = eventsInDateOrder();
    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('PageDown');
    await waitForCanvas(page, (a) => a.selected === order[0].id, `PageDown on the timeline to select ${order[0].id}`);
    await page.keyboard.press('PageDown');
    await waitForCanvas(page, (a) => a.selected === order[1].id, `a second PageDown to select ${order[1].id}`);
    await page.keyboard.press('PageUp');
    await waitForCanvas(page, (a) => a.selected === order[0].id, `PageUp to go back to ${order[0].id}`);
    assert.equal(await page.evaluate(() => scrollY), 0, 'expected the page keys to step, not to scroll the page');
    // From the source reader, the next event's details, with focus in them and their title on screen.
    await page.locator('#details a.quote-link').first().click();
    await page.locator('#reader mark.passage.current').first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('ArrowRight');
    await waitForCanvas(page, (a) => a.selected === order[1].id, `ArrowRight in the reader to select ${order[1].id}`);
    await page.waitForFunction(() => document.activeElement?.closest('#details'), null, { timeout: 3000 });
    const title = await page.locator('#details-title').boundingBox();
    assert.ok(title && title.y >= 0 && title.y < 1080, `expected the new details' title on screen, at ${JSON.stringify(title)}`);
    await s.finish();
  });

  test('a ticked checkbox keeps the keys: the arrows step and P presents', T, async () => {
    const s = await env.open();
    const { page } = s;
    await page.locator('#testimony-pref').check();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'testimony-pref');
    await page.keyboard.press('ArrowRight');
    await waitForCanvas(page, (a) => a.selected !== '', 'a selection after ArrowRight with the checkbox focused');
    await page.keyboard.press('p');
    await page.waitForFunction(() => document.documentElement.classList.contains('presenting'), null, { timeout: 3000 });
    // Space on the focused "Leave presentation" button presses it, as on any button.
    await page.locator('#pres-leave').focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => !document.documentElement.classList.contains('presenting'), null, { timeout: 3000 });
    await s.finish();
  });

  test('presentation follows the filters: "N / M" counts only what they leave', T, async () => {
    const s = await env.open({ ...VIEWPORTS.wide, path: '/#kind=report' });
    const { page } = s;
    await page.locator('#present').click();
    const [, m] = await progress(s.page);
    assert.equal(m, EVENTS.filter((e) => e.kind === 'report').length, 'expected M to be the number of reports');
    await s.finish();
  });
});

describe('themes', () => {
  test('high contrast toggles, is announced by aria-pressed and redraws the canvas', T, async () => {
    const s = await env.open();
    const { page } = s;
    const btn = page.locator('#contrast');
    assert.equal(await btn.getAttribute('aria-pressed'), 'false');
    const light = await canvasBackground(page);
    const f0 = (await canvasState(page)).frames;
    await btn.click();
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('high-contrast')), 'expected html.high-contrast');
    assert.equal(await btn.getAttribute('aria-pressed'), 'true', 'expected aria-pressed="true"');
    await nextFrame(page, f0, 'a redraw in high contrast');
    const hc = await canvasBackground(page);
    assert.notDeepEqual(hc, light, 'expected the canvas to change colours in high contrast');
    const bodyBg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(bodyBg, 'rgb(0, 0, 0)', 'expected a black page in high contrast');
    await btn.click();
    assert.equal(await btn.getAttribute('aria-pressed'), 'false');
    assert.ok(!(await page.evaluate(() => document.documentElement.classList.contains('high-contrast'))), 'expected the second click to turn it off');
    await s.finish();
  });

  test('prefers-contrast: more starts in high contrast', T, async () => {
    const s = await env.open({ context: { contrast: 'more' } });
    assert.ok(await s.page.evaluate(() => document.documentElement.classList.contains('high-contrast')), 'expected html.high-contrast with prefers-contrast: more');
    assert.equal(await s.page.locator('#contrast').getAttribute('aria-pressed'), 'true');
    const bg = await canvasBackground(s.page);
    assert.ok(luminance(bg) < 0.1, `expected the high-contrast canvas to be black, got rgb(${bg})`);
    await s.finish();
  });

  test('prefers-color-scheme: dark draws a dark page and canvas, also when it changes while open', T, async () => {
    const s = await env.open({ context: { colorScheme: 'dark' } });
    const { page } = s;
    const bg = await canvasBackground(page);
    assert.ok(luminance(bg) < 0.25, `expected a dark canvas background with prefers-color-scheme: dark, got rgb(${bg})`);
    const body = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.match(body, /^rgb\((\d|[1-4]\d), (\d|[1-4]\d), (\d|[1-4]\d)\)$/, `expected a dark page background, got ${body}`);
    const f0 = (await canvasState(page)).frames;
    await page.emulateMedia({ colorScheme: 'light' });
    await nextFrame(page, f0, 'a redraw when the colour scheme changes');
    const light = await canvasBackground(page);
    assert.ok(luminance(light) > 0.75, `expected a light canvas after switching to light, got rgb(${light})`);
    await s.finish();
  });

  test('prefers-reduced-motion: nothing moves', T, async () => {
    const s = await env.open({ context: { reducedMotion: 'reduce' } });
    const { page } = s;
    await page.locator('#event-list a[href="#event=grc-findings-2023"]').click();
    await page.locator('#present').click();
    await page.keyboard.press('PageDown');
    const moving = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('*')) {
        const cs = getComputedStyle(el);
        if (cs.scrollBehavior === 'smooth') out.push(`${el.tagName}#${el.id}: scroll-behavior smooth`);
        if (cs.transitionDuration.split(',').some((d) => parseFloat(d) > 0)) out.push(`${el.tagName}#${el.id}: transition ${cs.transitionDuration}`);
        if (cs.animationName !== 'none') out.push(`${el.tagName}#${el.id}: animation ${cs.animationName}`);
      }
      return out.concat(document.getAnimations().map((a) => `running animation ${a.animationName || a.id}`));
    });
    assert.deepEqual(moving, [], 'expected no animation, transition or smooth scrolling with prefers-reduced-motion: reduce');
    await s.finish();
  });
});

describe('print handout', () => {
  test('print media: no controls, the timeline as an image, every quote and full source addresses; PDF and PNG', { timeout: 120_000 }, async () => {
    const s = await env.open({ path: '/#event=hrw-report-2018' });
    const { page } = s;
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const shown = (sel) => page.locator(sel).first().isVisible();
    for (const sel of ['.toolbar', '#exit', '.lang-choice', '#filters', '#content-note-continue', '#details', '.canvas-wrap']) {
      assert.equal(await shown(sel), false, `expected ${sel} hidden in print`);
    }
    assert.ok(await shown('.site-header h1'), 'expected the title in print');
    assert.ok(await shown('#content-note'), 'expected the content note in the handout');
    const img = page.locator('#print-image');
    assert.ok(await img.isVisible(), 'expected #print-image shown in print');
    const src = await img.getAttribute('src');
    assert.ok(src?.startsWith('data:image/png'), `expected #print-image to hold the timeline as a data: PNG after beforeprint, got ${src?.slice(0, 30)}`);
    assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 100), 'expected the print image to decode');
    // Drawn for paper, not copied from the screen: its own width (760 CSS px at 3×), so labels
    // print at about their screen size whatever the window's width.
    assert.equal(await img.evaluate((i) => i.naturalWidth), 760 * 3, 'expected the handout image drawn at its print width');

    const perEvent = await page.locator('#event-list li[data-event]').evaluateAll((lis) => lis.map((li) => ({
      id: li.dataset.event,
      visible: li.checkVisibility(),
      quotes: li.querySelector('.ev-quotes')?.checkVisibility() ?? false,
      blockquotes: [...li.querySelectorAll('blockquote')].filter((b) => b.checkVisibility()).length,
      date: li.querySelector('.ev-date')?.checkVisibility() ?? false,
      summary: li.querySelector('.ev-summary')?.checkVisibility() ?? false,
      figures: [...li.querySelectorAll('.ev-figures li')].filter((x) => x.checkVisibility()).length,
      disagreements: [...li.querySelectorAll('.ev-disagreements .discrepancy')].filter((x) => x.checkVisibility()).length,
    })));
    assert.equal(perEvent.length, EVENTS.length);
    for (const e of EVENTS) {
      const p = perEvent.find((x) => x.id === e.id);
      assert.ok(p.visible && p.date && p.summary, `expected ${e.id} printed with its date and summary`);
      assert.ok(p.quotes, `expected ${e.id}'s .ev-quotes printed`);
      assert.equal(p.blockquotes, e.evidence.length, `expected ${e.id}'s ${e.evidence.length} quotes printed`);
      assert.equal(p.figures, (e.figures ?? []).length, `expected ${e.id}'s figures printed`);
      assert.equal(p.disagreements, (e.discrepancies ?? []).length, `expected ${e.id}'s disagreements printed`);
    }
    assert.equal(await shown('#content-note [data-i18n="exit_note"]'), false, 'expected no quick-exit instructions on paper');
    const sources = await page.locator('#source-list').innerText();
    assert.ok(await shown('#source-list'), 'expected the sources printed');
    for (const src of JSON.parse(readFileSync(path.join(ROOT, 'data', 'sources.json'), 'utf8'))) {
      if (!src.url) continue;
      assert.ok(sources.includes(src.url), `expected the printed sources to give ${src.id}'s full address ${src.url}`);
      const count = sources.split(src.url).length - 1;
      assert.equal(count, 1, `expected ${src.url} printed once in the sources, found ${count} times`);
    }

    mkdirSync(ARTIFACTS, { recursive: true });
    const pdf = path.join(ARTIFACTS, 'handout.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: false, timeout: 60_000 });
    const pdftoppm = '/usr/bin/pdftoppm';
    assert.ok(existsSync(pdftoppm), `${pdftoppm} is missing: install poppler-utils (make tools-chromium)`);
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(info.stdout.match(/Pages:\s+(\d+)/)?.[1]);
    assert.ok(pages >= 2, `expected a handout of several pages, pdfinfo says ${pages}`);
    const prefix = path.join(ARTIFACTS, 'site-handout');
    for (const f of ['-1.png', '-2.png', '-01.png', '-02.png']) rmSync(prefix + f, { force: true });
    const r = spawnSync(pdftoppm, ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, prefix], { encoding: 'utf8' });
    assert.equal(r.status, 0, `pdftoppm failed: ${r.stderr}`);
    const pngs = ['-1.png', '-2.png', '-01.png', '-02.png'].map((f) => prefix + f).filter(existsSync);
    assert.equal(pngs.length, 2, `expected two PNG pages of the handout, got ${pngs}`);
    const text = spawnSync('pdftotext', ['-l', '1', pdf, '-'], { encoding: 'utf8' }).stdout;
    assert.match(text, /Content note/, 'expected the content note on the first printed page');
    assert.match(text, /North\s+Korean\s+women/, 'expected the title on the first printed page');
    await s.finish();
  });
});

describe('embed', () => {
  test('?embed=1 at 600×400: no site title or list, the canvas and the event, no horizontal overflow', T, async () => {
    const s = await env.open({ viewport: { width: 600, height: 400 }, path: '/?embed=1#event=kfi-report-2019' });
    const { page } = s;
    assert.equal(await page.locator('.site-header h1').isVisible(), false, 'expected the site title hidden in the embed');
    assert.equal(await page.locator('#event-list').isVisible(), false, 'expected the event list hidden in the embed');
    assert.equal(await page.locator('#sources').isVisible(), false, 'expected the sources hidden in the embed');
    assert.ok(await page.locator('#timeline-canvas').isVisible(), 'expected the canvas in the embed');
    assert.ok(await page.locator('#exit').isVisible(), 'expected the quick exit in the embed');
    const full = page.locator('#full-site');
    assert.ok(await full.isVisible(), 'expected a link from the embed to the whole page');
    await page.waitForFunction(() => document.querySelector('#full-site').getAttribute('href').endsWith('#event=kfi-report-2019'));
    const href = await full.getAttribute('href');
    assert.ok(!href.includes('embed=1'), `expected the link to open the page without ?embed=1, got ${href}`);
    await page.locator('#details').waitFor({ state: 'visible', timeout: 5000 });
    const title = EVENTS.find((e) => e.id === 'kfi-report-2019').title;
    assert.equal(await page.locator('#details-title').innerText(), title, 'expected the details of kfi-report-2019');
    assert.equal((await canvasState(page)).selected, 'kfi-report-2019', 'expected the canvas to select kfi-report-2019');
    const box = await page.locator('#timeline-canvas').boundingBox();
    assert.ok(box.height >= 150 && box.width >= 500, `expected a usable canvas at 600×400, got ${box.width}×${box.height}`);
    const over = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      return [...document.querySelectorAll('body *')].filter((e) => e.checkVisibility() && e.getBoundingClientRect().right > w + 1)
        .map((e) => `${e.tagName}#${e.id}.${e.className}`).slice(0, 5).concat(document.documentElement.scrollWidth > window.innerWidth ? ['(page scrolls sideways)'] : []);
    });
    assert.deepEqual(over, [], 'expected nothing to overflow horizontally in the embed at 600×400');
    await screenshot(page, 'site-embed-600x400');
    await s.finish();
  });
});

describe('Korean', () => {
  test('?lang=ko: html lang, Korean toolbar, headings and event titles', T, async () => {
    const s = await env.open({ path: '/?lang=ko' });
    const { page } = s;
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko', 'expected <html lang="ko">');
    assert.match(await page.title(), HANGUL, 'expected a Korean document title');
    for (const sel of ['#prev', '#next', '#zoom-in', '#zoom-out', '#fit', '#present', '#contrast', '#download', '#list-heading', '#sources-heading', '#exit', 'label[for="search"]', '.site-header h1']) {
      const text = await page.locator(sel).innerText();
      assert.match(text, HANGUL, `expected ${sel} in Korean, got "${text}"`);
    }
    // textContent: entries below the screen are not rendered yet (content-visibility: auto).
    const titles = await page.locator('#event-list li[data-event]').evaluateAll((lis) => Object.fromEntries(lis.map((li) => [li.dataset.event, li.querySelector('h3').textContent.replace(/\s+/g, ' ').trim()])));
    for (const e of EVENTS) {
      assert.ok(e.translations?.ko?.title, `expected data/events.json to give ${e.id} a Korean title`);
      assert.equal(titles[e.id], e.translations.ko.title, `expected ${e.id}'s list title to be its Korean title`);
    }
    // The organisation filter names each choice as the events do in Korean, in Korean order,
    // and filters by it as in English.
    const choices = await page.locator('#filter-actor option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
    assert.deepEqual(choices.find(([v]) => v === 'North Korea'), ['North Korea', '북한'], `expected North Korea shown as 북한, got ${JSON.stringify(choices)}`);
    const names = choices.slice(1).map(([, n]) => n);
    assert.deepEqual(names, [...names].sort(), 'expected the choices in the order of their Korean names');
    await page.locator('#filter-actor').selectOption({ label: '휴먼라이츠워치' });
    const hrw = EVENTS.filter((e) => e.actors?.includes('Human Rights Watch')).map((e) => e.id).sort();
    assert.deepEqual((await shownIds(page)).sort(), hrw, 'expected 휴먼라이츠워치 to show the events of Human Rights Watch');
    await page.locator('#filter-actor').selectOption('');
    await page.locator('#event-list a[href="#event=kfi-report-2019"]').click();
    const kfi = EVENTS.find((e) => e.id === 'kfi-report-2019');
    assert.equal(await page.locator('#details-title').innerText(), kfi.translations.ko.title, 'expected the details title in Korean');
    assert.match(await page.locator('#details .summary').innerText(), HANGUL, 'expected the details summary in Korean');
    await page.locator('#details-close').click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'site-korean-1280x800');
    await s.finish();
  });

  test('a browser set to ko-KR gets Korean without ?lang', T, async () => {
    const s = await env.open({ context: { locale: 'ko-KR' } });
    assert.equal(await s.page.evaluate(() => document.documentElement.lang), 'ko', 'expected <html lang="ko"> from the browser language');
    assert.match(await s.page.locator('#list-heading').innerText(), HANGUL, 'expected Korean headings from the browser language');
    await s.finish();
  });

  test('index.ko.html is Korean from its first paint and without scripting, and stays Korean in an English browser', T, async () => {
    // Without scripting: what the build wrote is what a visitor sees before the wasm runs.
    const bare = await env.open({ path: '/index.ko.html', ready: false, context: { javaScriptEnabled: false, locale: 'en-US' } });
    const p = bare.page;
    assert.equal(await p.evaluate(() => document.documentElement.lang), 'ko', 'expected <html lang="ko"> in index.ko.html');
    assert.match(await p.title(), HANGUL, 'expected a Korean title');
    for (const sel of ['.site-header h1', '#exit', '#note-heading', '#content-note p', '#list-heading', '#sources-heading', '.skip']) {
      const text = await p.locator(sel).first().textContent();
      assert.match(text, HANGUL, `expected ${sel} in Korean in the built page, got "${text}"`);
    }
    const errors = await p.locator('#error').evaluate((e) => [e.dataset.wasmError, e.dataset.dataError]);
    for (const m of errors) assert.match(m, HANGUL, `expected the loader's messages in Korean, got "${m}"`);
    const titles = await p.locator('#event-list li[data-event]').evaluateAll((lis) => Object.fromEntries(lis.map((li) => [li.dataset.event, li.querySelector('h3').textContent.replace(/\s+/g, ' ').trim()])));
    for (const e of EVENTS) assert.equal(titles[e.id], e.translations.ko.title, `expected ${e.id}'s entry under its Korean title`);
    // The editors' notes on the sources' addresses and dates, in Korean too.
    const notes = await p.locator('#source-list .url-note').allTextContents();
    assert.equal(notes.length, SOURCES.filter((x) => x.url_note).length, 'expected each source note in the list');
    for (const n of notes) assert.match(n, HANGUL, `expected the source note in Korean, got "${n}"`);
    const back = p.locator('.lang-choice a');
    assert.deepEqual(await back.evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.hreflang, a.lang, a.textContent])), [['index.html?lang=en', 'en', 'en', 'English']]);
    // Not finish(): with scripting off, Chromium refuses the glue's modulepreload, which the
    // harness would count as a failed request.
    await bare.close();

    // With scripting, in a browser set to English: the page stays Korean (the visitor chose it);
    // ?lang=en still wins.
    const s = await env.open({ path: '/index.ko.html', context: { locale: 'en-US' } });
    assert.equal(await s.page.evaluate(() => document.documentElement.lang), 'ko');
    assert.match(await s.page.locator('#prev').innerText(), HANGUL, 'expected the toolbar in Korean on index.ko.html in an English browser');
    await s.finish();
    const en = await env.open({ path: '/index.ko.html?lang=en', context: { locale: 'ko-KR' } });
    assert.equal(await en.page.evaluate(() => document.documentElement.lang), 'en', 'expected ?lang=en to win on index.ko.html');
    // The whole interface and the lists, not only the attribute.
    assert.equal(await en.page.locator('#list-heading').textContent(), 'All events');
    assert.equal((await en.page.locator('#prev').textContent()).trim(), 'Previous event');
    const first = EVENTS[0];
    assert.equal((await en.page.locator(`#ev-${first.id} .ev-title`).textContent()).trim(), first.title, 'expected the list rebuilt in English');
    assert.doesNotMatch(await en.page.locator('#error').evaluate((e) => e.dataset.dataError), HANGUL, "expected the loader's messages in English too");
    await en.finish();
  });

  test('the language link leads from each page to the other, before the content note is closed', T, async () => {
    const s = await env.open({ ready: false, context: { locale: 'en-US' } });
    const { page } = s;
    await page.locator('#content-note-continue').waitFor();
    await page.locator('.lang-choice a[hreflang="ko"]').click();
    await page.waitForURL(/\/index\.ko\.html$/);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    assert.equal(await page.locator('#note-heading').textContent(), '내용 주의');
    await page.locator('.lang-choice a[hreflang="en"]').click();
    await page.waitForURL((u) => u.pathname === '/index.html' && u.search === '?lang=en');
    assert.equal(await page.locator('#note-heading').textContent(), 'Content note');
    await s.finish();
  });

  // index.html follows the browser: in a Korean browser it shows Korean, so its link must offer
  // English (with ?lang=en, or index.html would follow the browser back to Korean), and every
  // link keeps the place the visitor is at.
  test('in a Korean browser the language link reaches English from both pages, at the same place', T, async () => {
    const s = await env.open({ path: '/#event=hrw-report-2018', context: { locale: 'ko-KR' } });
    const { page } = s;
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    const link = page.locator('.lang-choice a');
    assert.deepEqual(await link.evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.hreflang, a.textContent])), [['index.html?lang=en#event=hrw-report-2018', 'en', 'English']]);
    await link.click();
    await page.waitForFunction(() => document.documentElement.lang === 'en' && window.timelineReady);
    await page.evaluate(() => window.timelineReady);
    assert.equal(new URL(page.url()).hash, '#event=hrw-report-2018', 'expected the same event open after the switch');
    assert.equal(await page.locator('#list-heading').textContent(), 'All events', 'expected the page in English');
    // Now English, the link offers Korean at the place the visitor has moved to.
    await page.locator('#timeline-canvas').focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => !location.hash.includes('hrw-report-2018'));
    const hash = new URL(page.url()).hash;
    assert.deepEqual(await link.evaluateAll((as) => as.map((a) => [a.getAttribute('href'), a.hreflang])), [[`index.ko.html${hash}`, 'ko']]);
    await link.click();
    await page.waitForURL((u) => u.pathname === '/index.ko.html' && u.hash === hash);
    await page.waitForFunction(() => window.timelineReady);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ko');
    await s.page.locator('.lang-choice a[hreflang="en"]').click();
    await page.waitForURL((u) => u.pathname === '/index.html' && u.search === '?lang=en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await s.finish();
  });

  // Strings written in www/index.html or Rust need an i18n key too, accessible names included.
  test('no English interface text is left in the Korean page', T, async () => {
    const s = await env.open({ path: '/?lang=ko#source=bbc-2018-11-01&passage=0' });
    const english = await s.page.evaluate(() => {
      const out = [];
      const check = (what, text) => { if (text && /[A-Za-z]{3,}/.test(text) && !/[\uac00-\ud7a3]/.test(text)) out.push(`${what}: "${text.slice(0, 70)}"`); };
      for (const el of document.querySelectorAll('[aria-label]')) check(`${el.tagName}#${el.id} aria-label`, el.getAttribute('aria-label'));
      for (const el of document.querySelectorAll('img[alt]')) check(`img#${el.id} alt`, el.alt);
      for (const el of document.querySelectorAll('#sources > p, #reader > p.small, #reader .eyebrow')) check(`${el.tagName}.${el.className}`, el.textContent.trim());
      for (const el of document.querySelectorAll('label, #filter-kind option, #source-list [data-i18n]')) check(`${el.tagName} ${el.getAttribute('for') ?? el.value ?? ''}`, el.textContent.trim());
      return out;
    });
    assert.deepEqual(english, [], 'expected every interface string in Korean');
    // The editors' notes on the sources, as the page's script writes the list in Korean.
    const notes = await s.page.locator('#source-list .url-note').evaluateAll((els) => els.map((e) => [e.textContent, e.getAttribute('lang')]));
    assert.ok(notes.length > 0, 'expected source notes in the list');
    for (const [text, lang] of notes) assert.ok(/[\uac00-\ud7a3]/.test(text) && lang === null, `expected the source note in Korean, unmarked, got ${lang}: "${text}"`);
    // What stays English (the sources' own words) says so, for screen readers' voices.
    const unmarked = await s.page.evaluate(() => [...document.querySelectorAll('#reader-title, #source-text, #source-list cite')]
      .filter((el) => el.closest('[lang]')?.getAttribute('lang') !== 'en').map((el) => el.id || el.tagName));
    assert.deepEqual(unmarked, [], 'expected the English source title, text and citations marked lang="en" on the Korean page');
    await s.finish();
  });
});

describe('screenshots', () => {
  test('phone layout 390×844 @3 with details open', T, async () => {
    const s = await env.open({ ...VIEWPORTS.phone, path: '/#event=hrw-report-2018' });
    const { page } = s;
    await page.locator('#details').waitFor({ state: 'visible' });
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(over <= 0, `expected no horizontal overflow on the phone, page is ${over}px wider`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'site-phone-390x844');
    await s.finish();
  });
});
