// The build minifies what the first load fetches (style.css by `timeline site`, the JS by terser
// in `make dist`); minifying must not change a rule or lose an export.

import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST, ROOT, assert, launchBrowser } from './harness.mjs';

const T = { timeout: 60_000 };
let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

describe('minified build outputs', () => {
  test('dist/style.css is smaller and parses to the same rules as www/style.css', T, async () => {
    const source = readFileSync(path.join(ROOT, 'www', 'style.css'), 'utf8');
    const built = readFileSync(path.join(DIST, 'style.css'), 'utf8');
    assert.ok(built.length < source.length, `expected dist/style.css (${built.length} bytes) smaller than www/style.css (${source.length})`);
    const page = await browser.newPage();
    try {
      const [a, b] = await page.evaluate(([x, y]) => [x, y].map((css) => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(css);
        return [...sheet.cssRules].map((r) => r.cssText);
      }), [source, built]);
      assert.ok(a.length > 50, `expected the sheet to hold its rules, got ${a.length}`);
      assert.deepEqual(b, a, 'expected the browser to read the same rules from both sheets');
    } finally {
      await page.close();
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
