// The bench pages, made per request by the bench server (server.mjs): a floor page and one page
// per peer, each drawing the same events as our page: the 12 of data/events.json (title, start,
// end) or, with ?n=N, N generated events (the same mix of dates and periods as our page's
// ?synthetic=N, from a seeded generator, made in the page as ours are made in the wasm).
//
// Each page calls window.__benchDrawn(what) at the library's own "drawn" signal; the bench's init
// script (bench.mjs) turns that into the common timing point: the first animation frame after
// it, then a MessageChannel task. Outside the bench (Lighthouse) the call does nothing.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../harness.mjs';

const EVENTS = JSON.parse(readFileSync(path.join(ROOT, 'data', 'events.json'), 'utf8'))
  .map((e) => ({ title: typeof e.title === 'string' ? e.title : e.title.en, start: e.start, end: e.end ?? null }));

// JSON inside <script>: nothing in it may close the element.
const json = (v) => JSON.stringify(v).replace(/</g, '\\u003c');

/** N events like the wasm's synthetic_items: 1990-2025, 60% full dates, 25% months, 15% years, 1% periods. */
const GENERATOR = `function benchEvents(n) {
  var seed = 20240917;
  function r(m) {
    seed = (seed + 0x6D2B79F5) | 0;
    var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * m);
  }
  var words = ['report', 'women', 'border', 'testimony', 'trafficking', 'survey', 'arrests', 'brokers', 'repatriation', 'figures', 'hearing', 'shelter'];
  var p = function (v) { return (v < 10 ? '0' : '') + v; };
  var out = [];
  for (var k = 0; k < n; k++) {
    var y = 1990 + r(36), m = 1 + r(12), d = 1 + r(28), prec = r(20);
    var start = prec <= 11 ? y + '-' + p(m) + '-' + p(d) : prec <= 16 ? y + '-' + p(m) : String(y);
    var end = r(100) === 0 ? String(y + 1 + r(5)) : null;
    out.push({ title: words[r(12)] + ' ' + words[r(12)] + ' ' + k, start: start, end: end });
  }
  return out;
}`;

function events(params) {
  const n = Number(params.get('n') || 0);
  return n > 0 ? `benchEvents(${n})` : json(EVENTS);
}

function shell(title, head, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

export const pages = {
  /** The least a page can do to draw on a canvas: one rectangle from an inline script. */
  floor: () => shell('Floor: one canvas rectangle', '', `<canvas id="c" width="640" height="240" aria-label="A rectangle" role="img"></canvas>
<script>
var c = document.getElementById('c').getContext('2d');
c.fillStyle = '#2a4d69';
c.fillRect(20, 20, 320, 120);
window.__benchDrawn && window.__benchDrawn('floor drawn');
</script>`),

  /**
   * TimelineJS 3 from node_modules. Its files come from our server (script_path), so its locale
   * file is fetched locally; font: null stops it loading font.default.css, whose @font-face rules
   * point at fonts.gstatic.com (its own CSS then falls back to local fonts). No Google Analytics
   * id is set, so it loads no analytics. The drawn signal: both its "loaded" (slider and
   * time-navigation built) and "ready" (layout done) events.
   */
  timelinejs: (params) => shell('TimelineJS bench',
    `<link rel="stylesheet" href="/peers/timelinejs/css/timeline.css">
<script src="/peers/timelinejs/js/timeline.js"></script>
<style>body { margin: 0; } #tl { width: 100%; height: 100vh; }</style>`,
    `<main><div id="tl"></div></main>
<script>
${GENERATOR}
var list = ${events(params)};
function tlDate(s) {
  var p = s.split('-');
  var d = { year: Number(p[0]) };
  if (p[1]) d.month = Number(p[1]);
  if (p[2]) d.day = Number(p[2]);
  return d;
}
var data = { events: list.map(function (e) {
  var ev = { start_date: tlDate(e.start), text: { headline: e.title } };
  if (e.end) ev.end_date = tlDate(e.end);
  return ev;
}) };
var seen = {};
var timeline = new TL.Timeline('tl', data, { script_path: '/peers/timelinejs/js/', font: null, hash_bookmark: false });
['loaded', 'ready'].forEach(function (name) {
  timeline.on(name, function () {
    seen[name] = performance.now();
    if (seen.loaded && seen.ready) window.__benchDrawn && window.__benchDrawn('TimelineJS loaded + ready');
  });
});
</script>`),

  /**
   * vis-timeline's standalone build (vis-data bundled in it) from node_modules. The drawn
   * signal: the first "changed" event (emitted after a redraw that settled) at which the timeline
   * has done its initial fit (its own initialDrawDone flag, set when it makes its hidden root
   * visible and removes its loading screen).
   */
  'vis-timeline': (params) => shell('vis-timeline bench',
    `<link rel="stylesheet" href="/peers/vis-timeline/styles/vis-timeline-graph2d.min.css">
<script src="/peers/vis-timeline/standalone/umd/vis-timeline-graph2d.min.js"></script>`,
    `<main><div id="vis"></div></main>
<script>
${GENERATOR}
var list = ${events(params)};
var items = new vis.DataSet(list.map(function (e, i) {
  return e.end ? { id: i, content: e.title, start: e.start, end: e.end, type: 'range' } : { id: i, content: e.title, start: e.start };
}));
var timeline = new vis.Timeline(document.getElementById('vis'), items, {});
timeline.on('changed', function () {
  if (timeline.initialDrawDone === true) window.__benchDrawn && window.__benchDrawn('vis-timeline changed, initial draw done');
});
</script>`),
};
