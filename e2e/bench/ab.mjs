// What the static page costs its first contentful paint, piece by piece: built copies of dist/
// with one part of index.html or of its inline style sheet taken out or changed, each loaded fresh beside the floor page
// (interleaved, one Chromium, the bench's server), medians and ratios to the floor. Not part of
// `make bench` (it takes a minute or more per variant); the README's Speed section and the issue
// notes quote its output.
//
//   node e2e/bench/ab.mjs [--loads N] [--frame] VARIANT[,VARIANT...]
//
// A VARIANT is a '+'-joined list of the cuts below, e.g. `control,nomain,nomain+nocss`. With
// --frame the bench's timing point (the first drawn frame) is measured too; a variant without
// the timeline then never gives it. A VARIANT `@DIR` is another built folder served as it is
// (another build of the site, to compare with this one). The copies go to a temporary folder, removed at the end.
// Each copy's page gets its (changed) style sheet back inline, with the hash in its policy
// recomputed: a sheet the policy refused would make a variant look fast by being unstyled.

import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, VIEWPORTS, launchBrowser } from '../harness.mjs';
import { startBenchServer } from './server.mjs';
import { timedLoad } from './timing.mjs';
import { median } from './stats.mjs';

/** `s` with what lies between `a` and the next `b` replaced; throws when either is missing. */
function between(s, a, b, put = '') {
  const i = s.indexOf(a);
  const j = i < 0 ? -1 : s.indexOf(b, i + a.length);
  if (j < 0) throw new Error(`index.html has no ${a} ... ${b}: the page changed; update ab.mjs`);
  return s.slice(0, i + a.length) + put + s.slice(j);
}
function replace(s, a, b) {
  if (!(a instanceof RegExp ? a.test(s) : s.includes(a))) throw new Error(`not found: ${a}: the page changed; update ab.mjs`);
  return s.replace(a, b);
}

const DATA = ['<script type="application/json" id="timeline-data">', '</script>'];
/** Each cut: `html(page)`, `css(sheet)` (null: no sheet) and/or `link` (the sheet as a file). */
const CUTS = {
  control: {},
  nomain: { html: (h) => between(h, '<main id="main">', '</main>'), about: 'no <main> (header and content note only)' },
  nolist: { html: (h) => between(h, '<ol id="event-list" class="event-list">', '</ol>'), about: 'no entries in the event list' },
  nosources: { html: (h) => between(h, '<ul id="source-list" class="source-list">', '</ul>'), about: 'no entries in the source list' },
  nojson: { html: (h) => between(h, DATA[0], DATA[1], '{}'), about: 'an empty data block' },
  noscript: {
    html: (h) => replace(h.replace(/<link rel="modulepreload"[^>]*>/, ''), /<script type="module"( async)? src="app.js"><\/script>/, ''),
    about: 'no app.js and no modulepreload',
  },
  nocss: { css: () => null, about: 'no style sheet' },
  linkcss: { link: true, about: 'the style sheet as a linked style.css (as before it went inline)' },
  emptycss: { css: () => '', about: 'an empty style.css' },
  textfloor: {
    html: () => '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Text</title><link rel="icon" href="data:,"></head><body><p>One line of text.</p></body></html>',
    about: 'a page of one line of text and nothing else (what any text costs the first paint)',
  },
  preloadwasm: {
    html: (h) => replace(h, '<link rel="modulepreload" href="pkg/nk_timeline.js">', '<link rel="modulepreload" href="pkg/nk_timeline.js"><link rel="preload" href="pkg/nk_timeline_bg.wasm" as="fetch" crossorigin>'),
    about: 'the wasm preloaded from the head',
  },
  nocvlists: {
    css: (c) => c.replace(/#list-section\{[^}]*\}/, '').replace(/#sources\{content-visibility[^}]*\}/, ''),
    about: 'no content-visibility on the two lists as wholes (only on their entries)',
  },
  nomodulepreload: {
    html: (h) => replace(h, /<link rel="modulepreload"[^>]*>/, ''),
    about: 'no modulepreload of the glue',
  },
  asyncscript: {
    html: (h) => replace(h, '<script type="module" src="app.js"></script>', '<script type="module" async src="app.js"></script>'),
    about: 'app.js as an async module (runs when it arrives, not after parsing)',
  },
  paintfirst: {
    files: (dir) => {
      const app = readFileSync(path.join(dir, 'app.js'), 'utf8');
      writeFileSync(path.join(dir, 'app.js'), `await new Promise((r)=>requestAnimationFrame(()=>setTimeout(r,0)));${app}`);
    },
    about: 'app.js waits for the first frame before it does anything',
  },
  nocsp: { html: (h) => h.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''), about: 'no CSP meta' },
  hidelists: { css: (c) => `${c}\n#list-section,#sources{display:none}`, about: 'both lists display: none' },
  datafile: {
    html: (h) => between(h, DATA[0], DATA[1]),
    files: (dir) => {
      writeFileSync(path.join(dir, 'data.json'), html0.slice(html0.indexOf(DATA[0]) + DATA[0].length, html0.indexOf(DATA[1], html0.indexOf(DATA[0]))));
      const app = readFileSync(path.join(dir, 'app.js'), 'utf8');
      writeFileSync(path.join(dir, 'app.js'), `window.__data=fetch("data.json").then(r=>r.text());${replace(app, /document\.getElementById\("timeline-data"\)\?\.textContent/, 'await window.__data')}`);
    },
    about: 'the data block as data.json, fetched as app.js starts',
  },
};

const args = process.argv.slice(2);
const flag = (k) => { const i = args.indexOf(k); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const loads = Number(flag('--loads') ?? 12);
const frame = args.includes('--frame');
const names = (args.filter((a) => !a.startsWith('--'))[0] || 'control').split(',');
for (const n of names.filter((n) => !n.startsWith('@'))) for (const c of n.split('+')) {
  if (!CUTS[c]) {
    console.error(`ab.mjs: unknown cut "${c}"; the cuts are:\n${Object.entries(CUTS).map(([k, v]) => `  ${k.padEnd(10)} ${v.about || 'the built page as it is'}`).join('\n')}`);
    process.exit(2);
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'nk-ab-'));
const html0 = readFileSync(path.join(DIST, 'index.html'), 'utf8');
const STYLE = /<style>([\s\S]*?)<\/style>/;
if (!STYLE.test(html0)) throw new Error('dist/index.html has no inline <style>: run make dist');
const css0 = html0.match(STYLE)[1];
const hash = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
/** `html` with `css` inline (or linked as style.css, or none) and its policy allowing exactly it. */
function withStyle(html, css, link) {
  // A page of its own (textfloor) has no sheet to put back.
  if (!STYLE.test(html)) return html;
  const put = css === null ? '' : link ? '<link rel="stylesheet" href="style.css">' : `<style>${css}</style>`;
  const allow = css === null || link ? '' : ` ${hash(css)}`;
  return replace(html.replace(/style-src 'self'[^;"]*/, `style-src 'self'${allow}`), STYLE, put);
}
const servers = {};
const browser = await launchBrowser();
try {
  for (const name of names) {
    if (name.startsWith('@')) {
      servers[name] = await startBenchServer({ dist: name.slice(1) });
      continue;
    }
    const cuts = name.split('+').map((c) => CUTS[c]);
    const css = cuts.reduce((c, cut) => (cut.css && c !== null ? cut.css(c) : c), css0);
    const link = cuts.some((cut) => cut.link);
    const html = withStyle(cuts.reduce((h, cut) => (cut.html ? cut.html(h) : h), html0), css, link);
    const dir = path.join(tmp, name.replace(/\+/g, '_'));
    cpSync(DIST, dir, { recursive: true });
    // Written after the copy: newer than their .br/.gz, which the server then ignores.
    writeFileSync(path.join(dir, 'index.html'), html);
    if (link) writeFileSync(path.join(dir, 'style.css'), css);
    for (const cut of cuts) cut.files?.(dir);
    servers[name] = await startBenchServer({ dist: dir });
  }

  async function paintOnly(url) {
    const context = await browser.newContext({ ...VIEWPORTS.desktop, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'load' });
      const fcp = await page.evaluate(() => new Promise((resolve) => {
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) if (e.name === 'first-contentful-paint') resolve(e.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => resolve(null), 3000);
      }));
      return { fcp, frame: null };
    } finally {
      await context.close();
    }
  }
  const load = (url) => (frame ? timedLoad(browser, url, { context: VIEWPORTS.desktop, timeout: 10_000 }) : paintOnly(url));
  const runs = { floor: [] };
  for (const n of names) runs[n] = [];
  const floorUrl = `${servers[names[0]].url}bench/floor.html`;
  for (let i = 0; i < loads; i++) {
    runs.floor.push(await load(floorUrl));
    for (const n of names) runs[n].push(await load(servers[n].url));
  }
  const fp = median(runs.floor.map((r) => r.fcp));
  const ff = median(runs.floor.map((r) => r.frame));
  console.log(`${loads} fresh loads each, 1280x800, medians; ratios to the floor page in this run`);
  console.log(`  ${'floor'.padEnd(30)} fcp ${fp.toFixed(0).padStart(4)} ms${frame ? `   frame ${ff.toFixed(0).padStart(4)} ms` : ''}`);
  for (const n of names) {
    const p = median(runs[n].map((r) => r.fcp));
    const f = median(runs[n].map((r) => r.frame));
    const fr = frame ? `   frame ${Number.isFinite(f) ? `${f.toFixed(0).padStart(4)} ms (${(f / ff).toFixed(2)}x)` : 'none'}` : '';
    console.log(`  ${n.padEnd(30)} fcp ${p.toFixed(0).padStart(4)} ms (${(p / fp).toFixed(2)}x)${fr}`);
  }
} finally {
  await browser.close();
  for (const s of Object.values(servers)) s.close();
  rmSync(tmp, { recursive: true, force: true });
}
