// The build minifies what the first load fetches (style.css by lightningcss, the JS by terser,
// both in `make dist`); minifying must not change how the page looks or lose an export.

import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, ROOT, assert, launchBrowser, startServer } from './harness.mjs';

const T = { timeout: 60_000 };
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

describe('minified build outputs', () => {
  test('dist/style.css is smaller and styles the page exactly as www/style.css does', { timeout: 240_000 }, async () => {
    // lightningcss may reorder, merge and shorten declarations, so the rules' text differs; what
    // must not differ is the result: every element's computed style, on a phone and a desktop,
    // light and dark, with the details open.
    const source = readFileSync(path.join(ROOT, 'www', 'style.css'), 'utf8');
    const built = readFileSync(path.join(DIST, 'style.css'), 'utf8');
    assert.ok(built.length < source.length * 0.8, `expected dist/style.css (${built.length} bytes) well under www/style.css (${source.length})`);
    const server = await startServer();
    try {
      const styles = async (css, viewport, colorScheme) => {
        const context = await browser.newContext({ viewport, colorScheme });
        await context.addInitScript(() => sessionStorage.setItem('nk-timeline-note-seen', '1'));
        await context.route('**/style.css', (r) => r.fulfill({ contentType: 'text/css', body: css }));
        const page = await context.newPage();
        await page.goto(`${server.url}#event=hrw-report-2018`);
        await page.evaluate(() => window.timelineReady);
        // Entries off screen are sized by an estimate until rendered (content-visibility:
        // auto), and which ones were rendered differs from load to load: render them all.
        await page.evaluate(() => {
          for (const li of document.querySelectorAll('.event-list > li, .source-list > li')) li.style.contentVisibility = 'visible';
        });
        const out = await page.evaluate(() => [...document.querySelectorAll('body *')].map((e) => {
          const cs = getComputedStyle(e);
          // Custom properties are compared where they are used: their own text may be respelled
          // (#ffffff as #fff).
          return [`${e.tagName}#${e.id}.${e.className}`, [...cs].filter((p) => !p.startsWith('--')).map((p) => `${p}=${cs.getPropertyValue(p)}`)];
        }));
        await context.close();
        return out;
      };
      for (const [viewport, scheme] of [[{ width: 1280, height: 800 }, 'light'], [{ width: 390, height: 844 }, 'dark']]) {
        const [a, b] = [await styles(source, viewport, scheme), await styles(built, viewport, scheme)];
        assert.ok(a.length > 200, `expected the page's elements, got ${a.length}`);
        const diff = a.flatMap(([el, props], i) => props.filter((p, j) => p !== b[i][1][j]).map((p, j) => `${el}: ${p} ≠ ${b[i][1][props.indexOf(p)]}`)).slice(0, 12);
        assert.deepEqual(diff, [], `expected the same computed styles at ${viewport.width}×${viewport.height} ${scheme}`);
      }
    } finally {
      server.close();
    }
  });

  test('the JavaScript is minified and the glue still exports what app.js imports', T, async () => {
    for (const f of ['app.js', 'pkg/nk_timeline.js']) {
      const text = readFileSync(path.join(DIST, f), 'utf8');
      assert.ok(!/^\s*\/\/ /m.test(text) && text.split('\n').length < 10, `expected dist/${f} to be minified`);
    }
    const glue = readFileSync(path.join(DIST, 'pkg', 'nk_timeline.js'), 'utf8');
    const app = readFileSync(path.join(ROOT, 'www', 'app.js'), 'utf8');
    const used = new Set(['default', ...[...app.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1])]);
    const exported = new Set();
    for (const m of glue.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const part of m[1].split(',')) exported.add(part.trim().split(/\s+as\s+/).pop());
    }
    for (const m of glue.matchAll(/export\s+(?:async\s+)?(?:function\*?|class|const|let|var)\s+([A-Za-z_$][\w$]*)/g)) exported.add(m[1]);
    if (/export\s+default\b/.test(glue)) exported.add('default');
    for (const name of used) assert.ok(exported.has(name), `expected dist/pkg/nk_timeline.js to export ${name}; it exports ${[...exported].join(', ')}`);
  });
});
