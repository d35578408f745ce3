// Issue 10 on the page: every quote links to the same words at its publisher (a text fragment,
// without referrer; a reprint says so), in the details, on the static page and in the reader; the
// reader shows the stored text's SHA-256; "Copy citation" puts the passage's citation on the
// clipboard and says so.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, assert, loadEvents, setup } from './harness.mjs';

const T = { timeout: 90_000 };
const SOURCES = JSON.parse(readFileSync(path.join(ROOT, 'data', 'sources.json'), 'utf8'));
const EVENT = 'hrw-report-2018';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const links = (page, sel) => page.locator(sel).evaluateAll((as) => as.map((a) => ({
  href: a.getAttribute('href'), rel: a.getAttribute('rel'), text: a.textContent.trim(),
})));

describe('check it at the publisher', () => {
  test('every quote in the details and on the static page links to its words at the publisher', T, async () => {
    const ev = loadEvents().find((e) => e.id === EVENT);
    const s = await env.open({ path: `/#event=${EVENT}` });
    const { page } = s;
    await page.locator('#details').waitFor({ state: 'visible' });
    for (const [where, sel] of [['details', '#details figure.quote a.check-link'], ['static list', `#ev-${EVENT} .ev-quotes a.check-link`]]) {
      const found = await links(page, sel);
      assert.equal(found.length, ev.evidence.length, `expected one publisher link per quote in the ${where}`);
      for (const [i, a] of found.entries()) {
        const src = SOURCES.find((x) => x.id === ev.evidence[i].source);
        assert.ok(a.href.startsWith(`${src.url}#:~:text=`), `${where} quote ${i}: expected ${src.url}#:~:text=…, got ${a.href}`);
        assert.match(a.rel, /noreferrer/, `${where} quote ${i}: expected rel noreferrer`);
        assert.equal(a.text, src.reprint ? 'Check in the reprint' : 'Check at the publisher', `${where} quote ${i}: the label says whether it is a reprint`);
      }
    }
    await s.close();
  });

  test('the reader links the current passage to the publisher and shows the text\'s SHA-256', T, async () => {
    const s = await env.open({ path: `/#event=${EVENT}` });
    const { page } = s;
    const first = page.locator('#details figure.quote a.quote-link').first();
    const source = await first.getAttribute('data-source');
    await first.click();
    await page.locator('#passage-current').waitFor();
    const src = SOURCES.find((x) => x.id === source);
    const check = await links(page, '#reader a.check-link');
    assert.equal(check.length, 1, 'expected one publisher link for the current passage');
    assert.ok(check[0].href.startsWith(`${src.url}#:~:text=`));
    assert.equal((await page.locator('#reader .sha256 code').innerText()).trim(), src.sha256, 'expected the stored text\'s sha256 from sources.json');
    await s.close();
  });
});

describe('cite it', () => {
  test('"Copy citation" puts the quote\'s citation on the clipboard and says so', T, async () => {
    const s = await env.open({ path: `/#event=${EVENT}`, context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    const { page } = s;
    await page.locator('#details').waitFor({ state: 'visible' });
    const fig = page.locator('#details figure.quote').first();
    const quote = (await fig.locator('blockquote').innerText()).replace(/\s+/g, ' ').trim();
    await fig.locator('button.copy-citation').click();
    await page.waitForFunction(() => /Citation copied/.test(document.querySelector('#status').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const source = await fig.locator('a.quote-link').getAttribute('data-source');
    const src = SOURCES.find((x) => x.id === source);
    assert.ok(copied.replace(/\s+/g, ' ').includes(quote), `expected the quote in the citation, got ${copied}`);
    assert.ok(copied.includes(src.title), 'expected the source\'s title in the citation');
    assert.ok(copied.includes('#:~:text='), 'expected the address of the words at the publisher');
    await s.close();
  });

  test('"Cite this entry": the event\'s citation, copied whole and downloadable', T, async () => {
    const s = await env.open({ path: `/#event=${EVENT}`, context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    const { page } = s;
    const block = page.locator('#details .cite-entry');
    await block.waitFor({ state: 'visible' });
    const head = (await block.locator('.citation-text').innerText()).trim();
    const title = (await page.locator('#details-title').innerText()).trim();
    assert.ok(head.includes(`\u201C${title}\u201D`), `expected the title in "${head}"`);
    await block.locator('button.copy-citation').click();
    await page.waitForFunction(() => /Citation copied/.test(document.querySelector('#status').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.startsWith(head), `the copy starts with what the page shows: ${copied.slice(0, 200)}`);
    // Every quote of the details is among the passages the copy lists.
    const quotes = await page.locator('#details figure.quote blockquote').allInnerTexts();
    assert.ok(quotes.length > 0);
    for (const q of quotes) {
      assert.ok(copied.replace(/\s+/g, ' ').includes(q.replace(/\s+/g, ' ').trim()), `expected "${q.slice(0, 60)}" in the copy`);
    }
    // The downloads are the build's files, and the plain text is what was copied.
    const hrefs = await block.locator('.cite-downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(hrefs, ['txt', 'json', 'bib', 'ris'].map((x) => `cite/event/${EVENT}.${x}`));
    for (const h of hrefs) {
      const r = await page.request.get(new URL(h, page.url()).href);
      assert.equal(r.status(), 200, h);
      if (h.endsWith('.txt')) assert.equal((await r.text()).trim(), copied.trim());
    }
    await s.close();
  });

  test('each source in the list has its citation, a copy button and its files', T, async () => {
    const s = await env.open({ path: '/', context: { permissions: ['clipboard-read', 'clipboard-write'] } });
    const { page } = s;
    for (const src of SOURCES) {
      const li = page.locator(`#src-${src.id}`);
      // The source list is laid out only near the screen (content-visibility): bring the entry
      // there first, or its rendered text is empty.
      await li.scrollIntoViewIfNeeded();
      const text = (await li.locator('.citation-text').innerText()).trim();
      assert.ok(text.includes(src.publisher), `publisher in ${text}`);
      if (src.url) assert.ok(text.includes(src.url), `address in ${text}`);
      await li.locator('button.copy-citation').click();
      await page.waitForFunction(() => /Citation copied/.test(document.querySelector('#status').textContent));
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
      await page.evaluate(() => { document.querySelector('#status').textContent = ''; });
      const r = await page.request.get(new URL(`cite/source/${src.id}.bib`, page.url()).href);
      assert.equal(r.status(), 200);
      assert.ok((await r.text()).includes(src.url ?? src.publisher));
    }
    const all = await page.locator('#sources > .cite-downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.equal(all.length, 4);
    for (const h of all) assert.equal((await page.request.get(new URL(h, page.url()).href)).status(), 200, h);
    await s.close();
  });
});
