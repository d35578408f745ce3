// Issue 11, for teachers: the "compare the sources" worksheet (dist/worksheet.html and
// worksheet.ko.html), linked from the page. Each is printed to an A4 PDF with Chromium; the page
// count must be plausible, every disagreement's point, what each source says and every address
// must be in the PDF's text, no quote may be split across pages, and the teacher's notes start a
// page of their own. The pages are turned into PNGs in e2e/artifacts/ to be looked at.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, VIEWPORTS, assert, loadEvents, screenshot, setup } from './harness.mjs';

const T = { timeout: 120_000 };
const EVENTS = loadEvents();
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2.2 A/AA violations on the page, as site-a11y.test.mjs runs it. */
async function axeViolations(page) {
  await page.evaluate(AXE);
  const res = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }, resultTypes: ['violations'],
  }));
  return res.violations.map((v) => `[${v.impact}] ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Letters and digits only, one space between words: what survives pdftotext's line breaks. */
const words = (s) => s.normalize('NFKC').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase();
/**
 * No whitespace or hyphens: for addresses, which the PDF may wrap anywhere (pdftotext joins a
 * line that ends in a hyphen to the next without it).
 */
const squeeze = (s) => s.replace(/[\s-]+/g, '');

/** The disagreements as data/events.json records them: [event, index, discrepancy]. */
const RECORDS = EVENTS.flatMap((e) => (e.discrepancies ?? []).map((d, i) => [e, i, d]));

function pdfText(pdf, page) {
  const args = page ? ['-f', String(page), '-l', String(page), pdf, '-'] : [pdf, '-'];
  const r = spawnSync('pdftotext', args, { encoding: 'utf8' });
  assert.equal(r.status, 0, `pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

for (const lang of ['en', 'ko']) {
  const file = lang === 'en' ? 'worksheet.html' : 'worksheet.ko.html';
  const tr = (e, i) => (lang === 'ko' ? e.translations?.ko?.discrepancies?.[i] : undefined);

  describe(`worksheet (${lang})`, () => {
    test(`${file}: every disagreement once, with each account, its citation and the questions; no CSP problem`, T, async () => {
      const s = await env.open({ path: `/${file}`, ready: false });
      const { page } = s;
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
      // Every record of a disagreement is in exactly one point.
      const records = (await page.locator('section.point').evaluateAll((ps) => ps.map((p) => p.dataset.records))).flatMap((r) => r.split(' '));
      assert.deepEqual([...records].sort(), RECORDS.map(([e, i]) => `${e.id}#${i}`).sort(), 'expected each disagreement of data/events.json in exactly one point');
      for (const [e, i, d] of RECORDS) {
        // Each event's link leads to the page in the worksheet's language.
        const page0 = lang === 'en' ? 'index.html?lang=en' : 'index.ko.html';
        const point = page.locator('section.point', { has: page.locator(`a[href="${page0}#event=${e.id}"]`) }).filter({ hasText: (tr(e, i) ?? d).about });
        assert.ok(await point.count() >= 1, `expected a point about "${(tr(e, i) ?? d).about}" naming ${e.id}`);
      }
      // What each source says, and where: for the first record of each point.
      for (const sec of await page.locator('section.point').all()) {
        const [first] = (await sec.getAttribute('data-records')).split(' ');
        const [id, i] = first.split('#');
        const e = EVENTS.find((x) => x.id === id);
        const d = e.discrepancies[Number(i)];
        const text = await sec.innerText();
        assert.equal(await sec.locator('li.account').count(), d.accounts.length, `expected every account of ${first}`);
        d.accounts.forEach((a, k) => {
          const says = tr(e, Number(i))?.says?.[k] ?? a.says;
          assert.ok(text.includes(says), `expected ${first} to say "${says}"`);
          if (a.quote) assert.ok(words(text).includes(words(a.quote)), `expected ${first} to quote "${a.quote}"`);
          if (a.url) assert.ok(text.includes(a.url), `expected ${first} to give ${a.url}`);
        });
        assert.equal(await sec.locator('.questions li').count(), 4, 'expected the four questions');
        const quotes = await sec.locator('blockquote').evaluateAll((bs) => bs.map((b) => b.lang));
        assert.ok(quotes.every((l) => l === 'en'), 'expected quotes marked lang="en"');
      }
      assert.ok(await page.locator('.content-note').isVisible(), 'expected the content note');
      assert.deepEqual(await axeViolations(page), [], 'expected no WCAG 2.2 A/AA violations');
      await screenshot(page, `worksheet-${lang}-1280x800`);
      await s.finish();
      const dark = await env.open({ path: `/${file}`, ready: false, context: { colorScheme: 'dark' } });
      assert.deepEqual(await axeViolations(dark.page), [], 'expected no WCAG 2.2 A/AA violations in the dark scheme');
      await dark.finish();
    });

    test(`${file} prints to A4 cleanly: a plausible page count, every point in the text, no split quote; PNGs`, T, async () => {
      const s = await env.open({ path: `/${file}`, ready: false });
      const { page } = s;
      await page.emulateMedia({ media: 'print' });
      const points = await page.locator('section.point').count();
      const quotes = await page.locator('section.point blockquote').allTextContents();
      const abouts = await page.locator('section.point h2').allTextContents();
      const addresses = await page.locator('section.point .cite a').allTextContents();
      const teacherHeading = await page.locator('.teacher-notes h2').textContent();
      const discuss = await page.locator('.questions h3').first().textContent();
      mkdirSync(ARTIFACTS, { recursive: true });
      const pdf = path.join(ARTIFACTS, `worksheet-${lang}.pdf`);
      await page.pdf({ path: pdf, format: 'A4', printBackground: false, preferCSSPageSize: true, timeout: 60_000 });
      await s.finish();

      const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const pages = Number(info.stdout.match(/Pages:\s+(\d+)/)?.[1]);
      assert.match(info.stdout, /Page size:.*\(A4\)/, 'expected A4 pages');
      // At most a point per page plus the teacher's notes and the header; at least two points a page.
      assert.ok(pages >= Math.ceil(points / 3) + 1 && pages <= points + 2, `expected ${Math.ceil(points / 3) + 1}–${points + 2} pages for ${points} points, pdfinfo says ${pages}`);

      const all = pdfText(pdf);
      for (const a of abouts) assert.ok(words(all).includes(words(a.replace(/^\d+\.\s*/, ''))), `expected "${a}" in the PDF`);
      for (const u of addresses) assert.ok(squeeze(all).includes(squeeze(u)), `expected ${u} in the PDF`);
      assert.equal(all.split(discuss.trim()).length - 1, points, `expected "${discuss}" once per point`);
      const rawPages = Array.from({ length: pages }, (_, k) => pdfText(pdf, k + 1));
      const perPage = rawPages.map(words);
      for (const q of quotes) {
        const w = words(q);
        assert.ok(perPage.some((p) => p.includes(w)), `expected the quote "${q.slice(0, 60)}…" whole on one page`);
      }
      // The teacher's notes begin a page, with no point's questions on it.
      const notesPage = perPage.findIndex((p) => p.includes(words(teacherHeading)));
      assert.ok(notesPage > 0, 'expected the teacher\'s notes after the points');
      assert.ok(!rawPages[notesPage].includes(discuss.trim()), 'expected the teacher\'s notes on a page of their own');
      assert.ok(words(perPage[0]).includes(words(lang === 'en' ? 'Content note' : '내용 주의')), 'expected the content note on the first page');

      const prefix = path.join(ARTIFACTS, `worksheet-${lang}-page`);
      for (const f of readdirSync(ARTIFACTS)) if (f.startsWith(`worksheet-${lang}-page`)) rmSync(path.join(ARTIFACTS, f));
      const r = spawnSync('pdftoppm', ['-png', '-r', '60', pdf, prefix], { encoding: 'utf8' });
      assert.equal(r.status, 0, `pdftoppm failed: ${r.stderr}`);
      const pngs = readdirSync(ARTIFACTS).filter((f) => f.startsWith(`worksheet-${lang}-page`) && f.endsWith('.png'));
      assert.equal(pngs.length, pages, 'expected one PNG per page');
      assert.ok(existsSync(path.join(ARTIFACTS, pngs[0])));
    });
  });
}

describe('the page links the worksheet and the offline file', () => {
  test('links under the sources, in the page\'s language, to files that exist', T, async () => {
    const s = await env.open({ ready: true });
    const { page } = s;
    for (const href of ['worksheet.html', 'worksheet.ko.html', 'timeline-offline.html', 'timeline-offline.ko.html']) {
      const a = page.locator(`#sources .teacher-links a[href="${href}"]`);
      assert.equal(await a.count(), 1, `expected a link to ${href} near the sources`);
      const res = await page.request.get(s.url(`/${href}`));
      assert.equal(res.status(), 200, `expected /${href} to be served`);
    }
    for (const f of ['timeline-offline.html', 'timeline-offline.ko.html']) {
      assert.equal(await page.locator(`a[href="${f}"]`).getAttribute('download'), '', `expected ${f} to download`);
    }
    await page.locator('.teacher-links').scrollIntoViewIfNeeded();
    await screenshot(page, 'teacher-links-1280x800');
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.locator('.teacher-links').isHidden(), 'expected the links left out of print');
    await s.finish();

    const ko = await env.open({ path: '/?lang=ko', ready: true, ...VIEWPORTS.phone });
    // Scrolled to first, and waited for: the source list is rendered only once it is near the
    // screen (content-visibility: auto), and what is not rendered has no innerText.
    await ko.page.locator('.teacher-links').scrollIntoViewIfNeeded();
    await ko.page.waitForFunction(() => document.querySelector('.teacher-links').innerText.trim() !== '', null, { timeout: 5000 });
    const text = await ko.page.locator('.teacher-links').innerText();
    assert.match(text, /학습지/, 'expected the worksheet link in Korean');
    assert.match(text, /오프라인/, 'expected the offline link in Korean');
    await screenshot(ko.page, 'teacher-links-ko-390x844');
    await ko.finish();
  });
});
