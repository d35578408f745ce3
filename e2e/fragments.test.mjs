// "Check at the publisher": Chromium itself follows every passage's link (its address with a
// `#:~:text=` fragment, from the page's data) to the passage's own paragraph. The publisher's page
// is stood in for by the stored text, one paragraph per line, served at the publisher's address
// through playwright's request routing: nothing leaves the machine.
//
// Paragraphs are far apart (and the first is pushed below the screen), so the paragraph in view
// after navigation is the one the browser matched; an unmatched fragment leaves none in view.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, DIST } from './harness.mjs';

const T = { timeout: 180_000 };
let browser;
let page;

/** The page's data block (dist/index.html), as the wasm reads it. */
function bundle() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const m = html.match(/<script type="application\/json" id="timeline-data">([\s\S]*?)<\/script>/);
  assert.ok(m, 'expected the timeline data block in dist/index.html; run make dist first');
  return JSON.parse(m[1]);
}

/** The stored text as a page: one <p data-i> per line, each a screen and more apart. */
async function standIn(text) {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const body = '<!doctype html><meta charset="utf-8"><style>p{margin:0 0 4000px}div{height:4000px}</style><div></div>'
    + text.split('\n').map((l, i) => `<p data-i="${i}">${esc(l)}</p>`).join('');
  await page.unroute('**/*');
  await page.route('**/*', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }));
}

/** Navigates to `url` and waits until paragraph `line` is in view; false if it never is. */
async function landsOn(url, line) {
  await page.goto('about:blank');
  await page.goto(url);
  return page.waitForFunction((i) => {
    const r = document.querySelector(`p[data-i="${i}"]`)?.getBoundingClientRect();
    return r && r.bottom > 0 && r.top < innerHeight;
  }, line, { timeout: 3000 }).then(() => true, () => false);
}

const lineOf = (text, byte) => Buffer.from(text).subarray(0, byte).toString('utf8').split('\n').length - 1;

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 800, height: 600 } })).newPage();
});
after(async () => { await browser?.close(); });

describe('publisher links with text fragments', () => {
  test('Chromium follows every passage link to the passage', T, async () => {
    const b = bundle();
    const missed = [];
    let followed = 0;
    for (const s of b.sources) {
      // The first-load bundle has no texts: the stand-in page is the stored text beside it.
      const text = readFileSync(path.join(DIST, s.source.file), 'utf8');
      await standIn(text);
      for (const [n, p] of s.passages.entries()) {
        assert.ok(p.check_url?.startsWith(`${s.source.url}#:~:text=`), `${s.source.id} passage ${n} has a publisher link`);
        const line = lineOf(text, p.start);
        if (await landsOn(p.check_url, line)) followed += 1;
        else missed.push(`${s.source.id} passage ${n} (line ${line}): ${p.check_url}`);
      }
    }
    assert.deepEqual(missed, [], 'expected every link to bring its passage into view');
    assert.ok(followed > 60, `only ${followed} links followed`);
  });

  test('a fragment of the first words alone would land on the headline: the links avoid it', T, async () => {
    // The Independent's headline and first sentence both open "Tens of thousands of North Korean
    // women": the bare opening leads the browser to the headline (line 0), not the passage.
    const s = bundle().sources.find((x) => x.source.id === 'independent-2019-05');
    const text = readFileSync(path.join(DIST, s.source.file), 'utf8');
    await standIn(text);
    const at = text.indexOf('Tens of thousands of North Korean women and girls are trafficked');
    const p = s.passages.find((x) => Buffer.from(text).subarray(0, x.start).toString('utf8').length === at);
    assert.ok(p, 'expected the passage that opens the article to be cited');
    const line = lineOf(text, p.start);
    assert.ok(line > 0);
    assert.equal(await landsOn(`${s.source.url}#:~:text=Tens%20of%20thousands%20of%20North`, 0), true, 'the bare opening finds the headline');
    assert.equal(await landsOn(`${s.source.url}#:~:text=Tens%20of%20thousands%20of%20North`, line), false);
    assert.equal(await landsOn(p.check_url, line), true, `expected ${p.check_url} to reach line ${line}`);
  });
});
