// The build minifies what the first load fetches (the style sheet by lightningcss, before
// `timeline site` puts it inline in index.html; the JS by terser, both in `make dist`);
// minifying must not change how the page looks or lose an export.

import { after, before, describe, test } from 'node:test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, ROOT, assert, launchBrowser, startServer } from './harness.mjs';

const T = { timeout: 60_000 };
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

describe('minified build outputs', () => {
  test('the sheet inline in dist/index.html is smaller and styles the page exactly as www/style.css does', { timeout: 240_000 }, async () => {
    // lightningcss may reorder, merge and shorten declarations, so the rules' text differs; what
    // must not differ is the result: every element's computed style, on a phone and a desktop,
    // light and dark, with the details open.
    const source = readFileSync(path.join(ROOT, 'www', 'style.css'), 'utf8');
    const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
    const inline = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
    assert.equal(inline.length, 1, 'expected the style sheet inline in dist/index.html, once');
    const built = inline[0];
    assert.ok(built.length < source.length * 0.8, `expected the inline sheet (${built.length} bytes) well under www/style.css (${source.length})`);
    // The page with another sheet in its place, and its policy allowing that sheet instead.
    const pageWith = (css) => {
      const hash = `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
      const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
      assert.match(policy, /style-src 'self' 'sha256-[^']+'/, 'expected the policy to allow the inline sheet by its hash');
      return html.replace(policy, policy.replace(/(style-src 'self') 'sha256-[^']+'/, `$1 ${hash}`)).replace(built, () => css);
    };
    const server = await startServer();
    try {
      const styles = async (css, viewport, colorScheme) => {
        const context = await browser.newContext({ viewport, colorScheme });
        await context.addInitScript(() => sessionStorage.setItem('nk-timeline-note-seen', '1'));
        // Served without the server's header policy, which allows only the built sheet.
        await context.route((u) => u.pathname === '/', (r) => r.fulfill({ contentType: 'text/html; charset=utf-8', body: pageWith(css) }));
        const page = await context.newPage();
        await page.goto(`${server.url}#event=hrw-report-2018`);
        assert.equal(await page.evaluate(() => window.timelineReady), true, 'expected the timeline to start');
        // Entries off screen are sized by an estimate until rendered (content-visibility:
        // auto), and which ones were rendered differs from load to load: render them all.
        await page.evaluate(() => {
          for (const li of document.querySelectorAll('#list-section, #sources, .event-list > li, .source-list > li')) li.style.contentVisibility = 'visible';
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
