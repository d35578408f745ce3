// Accessibility: axe-core (from node_modules) finds no serious or critical violations on the page,
// with the details panel and the source reader open too. axe is evaluated through the devtools
// protocol, which the page's CSP does not apply to; errors are checked before it is injected.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import { VIEWPORTS, assert, assertNoProblems, setup } from './harness.mjs';

const T = { timeout: 120_000 };
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function axe(page, what) {
  await page.evaluate(AXE);
  const res = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  }));
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const text = bad.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `      ${n.target.join(' ')}`).join('\n')}`).join('\n');
  assert.equal(bad.length, 0, `expected no serious or critical axe violations ${what}; got:\n${text}`);
}

describe('accessibility (axe-core)', () => {
  for (const [name, vp] of [['desktop', VIEWPORTS.desktop], ['phone', VIEWPORTS.phone]]) {
    test(`timeline page, ${name}`, T, async () => {
      const s = await env.open(vp);
      assertNoProblems(s.problems);
      await axe(s.page, `on the timeline (${name})`);
      await s.close();
    });
  }

  test('details and reader open', T, async () => {
    const s = await env.open({ path: '/#event=hrw-report-2018' });
    const { page } = s;
    await page.locator('#details').waitFor({ state: 'visible', timeout: 5000 });
    assertNoProblems(s.problems);
    await axe(page, 'with #details open');
    const href = await page.locator('#details a.quote-link').first().getAttribute('href');
    await s.close();
    const r = await env.open({ path: `/${href}` });
    await r.page.locator('#reader').waitFor({ state: 'visible', timeout: 5000 });
    assertNoProblems(r.problems);
    await axe(r.page, 'with #reader open');
    await r.close();
  });
});
