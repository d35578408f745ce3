// A Chromium performance trace of one load of a page, summarised: where the main thread's time
// goes from navigation start to the first drawn frame (parse, style, layout, paint, script, wasm
// compile, GC), the longest tasks with what each did, when each file was requested and arrived,
// and the marks (first contentful paint, first-frame, DOMContentLoaded, load) and layout shifts.
//
//   node e2e/bench/trace.mjs [--dist DIR] [--path /?x] [--width W --height H]
//
// serves DIR (default dist/; a scratch copy for a prototype) with the bench server, traces one
// fresh load and prints the summary; the raw trace goes to e2e/artifacts/trace-NAME.json (open
// it in Chromium's DevTools Performance panel). `make bench` calls traceLoad() for our page.

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ARTIFACTS, launchBrowser } from '../harness.mjs';
import { benchInit } from './timing.mjs';

const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'loading', 'blink.user_timing',
  'v8', 'v8.execute', 'v8.wasm', 'disabled-by-default-v8.compile', 'blink', 'netlog', 'navigation',
];

/**
 * Loads `url` once in a fresh context while tracing; returns { summary (text), data (numbers),
 * file (the raw trace) }.
 */
export async function traceLoad(browser, url, { name = 'page', viewport = { width: 1280, height: 800 }, timeout = 30_000 } = {}) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  try {
    await context.addInitScript(benchInit);
    const page = await context.newPage();
    await browser.startTracing(page, { categories: CATEGORIES, screenshots: false });
    await page.goto(url, { waitUntil: 'commit', timeout });
    await page.evaluate(() => window.__benchDone);
    // Let the frame's paint and any tail tasks land in the trace.
    await page.waitForTimeout(300);
    const buf = await browser.stopTracing();
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `trace-${name}.json`);
    writeFileSync(file, buf);
    const frame = await page.evaluate(() => window.__bench.frame);
    const data = analyse(JSON.parse(buf.toString('utf8')), url, frame);
    return { data, summary: format(data), file };
  } finally {
    await context.close();
  }
}

// Each event's self time goes to the group of its nearest ancestor-or-self that names one (so
// text shaping inside a layout counts as layout, wasm running inside a microtask as script).
const GROUPS = [
  ['wasm compile', /wasm/i],
  ['GC', /GC|Scavenge|MarkCompact|MinorMS/],
  ['parse HTML', /^(ParseHTML|HTMLDocumentParser::|HTMLTreeBuilder|HTMLTokenizer)/],
  ['parse CSS', /^(ParseAuthorStyleSheet|CSSParser|StyleSheetContents)/],
  ['style', /^(UpdateLayoutTree|RecalculateStyles|Document::recalcStyle|Document::updateStyle|Blink\.Style\.|StyleEngine)/],
  ['layout', /^(Layout|LocalFrameView::(layout|performLayout)|Blink\.Layout\.|LayoutBlock|LayoutView|InlineNode|NGInline)/],
  ['paint and composite', /^(PrePaint|Paint|PaintImage|Layerize|UpdateLayer|CompositeLayers|Commit|Blink\.(Paint|PrePaint|Composit)|LocalFrameView::RunPaintLifecyclePhase|Canvas2D|PaintController)/],
  ['script compile', /^(V8\.(CompileCode|ParseProgram|PreParse|CompileLazy|ScriptCompiler|ParseFunction|CompileScript|CompileEval)|v8\.compile|v8\.compileModule|v8\.produce)/],
  ['script and wasm run', /^(EvaluateScript|v8\.evaluateModule|FunctionCall|RunMicrotasks|V8\.Execute|v8\.run|v8\.callFunction|FireAnimationFrame|TimerFire|EventDispatch|BlinkScheduler_PerformMicrotaskCheckpoint|V8\.Bytecode)/],
  ['navigation and loading', /^(RenderFrameImpl::CommitNavigation|FrameLoader::|NavigationBodyLoader|DocumentLoader|LocalWindowProxy::CreateContext|ResourceFetcher|ContentRendererClient|LocalFrame::SwapIn)/],
];
const ownGroup = (name) => GROUPS.find(([, re]) => re.test(name))?.[0] ?? null;
const groupOf = (e) => {
  for (let x = e; x; x = x.parent) {
    const g = ownGroup(x.name);
    if (g) {
      // Style or layout that script asked for (a forced, synchronous one) is shown on its own.
      if ((g === 'style' || g === 'layout') && hasAncestor(x, 'script and wasm run')) return `${g} forced by script`;
      return g;
    }
  }
  return 'other (IPC, scheduling)';
};
const hasAncestor = (e, g) => { for (let x = e.parent; x; x = x.parent) if (ownGroup(x.name) === g) return true; return false; };

/** Numbers from a trace: t0 = the main frame's navigationStart; times in ms from it. */
export function analyse(trace, url, frameMs) {
  const events = trace.traceEvents ?? trace;
  const nav = events.filter((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith(url.split('#')[0].split('?')[0]));
  const navStart = nav.find((e) => e.args?.data?.isLoadingMainFrame) ?? nav[0];
  if (!navStart) throw new Error(`no navigationStart for ${url} in the trace`);
  const pid = navStart.pid;
  const mainTid = navStart.tid;
  const t0 = navStart.ts;
  const ms = (ts) => (ts - t0) / 1000;
  const end = t0 + frameMs * 1000;

  // Complete events on the renderer's main thread, nested by time; self time per name.
  const main = events.filter((e) => e.pid === pid && e.tid === mainTid && e.ph === 'X' && e.ts >= t0 - 1000 && e.ts <= end && e.dur != null)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = new Map();
  const stack = [];
  const tops = [];
  for (const e of main) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    e.children = [];
    e.self = e.dur;
    e.tself = e.tdur ?? e.dur;
    e.parent = null;
    if (parent && e.ts + e.dur <= parent.ts + parent.dur + 1) {
      e.parent = parent;
      parent.children.push(e);
      parent.self -= e.dur;
      parent.tself -= e.tdur ?? e.dur;
    } else {
      tops.push(e);
    }
    stack.push(e);
  }
  const groups = new Map();
  // The same in thread (CPU) time: what the work cost, less the waits of a busy machine.
  const cpu = new Map();
  for (const e of main) {
    const v = Math.max(0, e.self) / 1000;
    self.set(e.name, (self.get(e.name) ?? 0) + v);
    groups.set(groupOf(e), (groups.get(groupOf(e)) ?? 0) + v);
    cpu.set(groupOf(e), (cpu.get(groupOf(e)) ?? 0) + Math.max(0, e.tself) / 1000);
  }
  const busy = tops.reduce((s, e) => s + e.dur / 1000, 0);

  // What a task did: its heaviest named descendants (inclusive), with script URLs shortened.
  const label = (e) => {
    const d = e.args?.data ?? e.args?.beginData ?? {};
    const file = (u) => (u ? new URL(u, url).pathname.split('/').pop() || '/' : '');
    if (e.name === 'EvaluateScript' || e.name === 'v8.compileModule' || e.name === 'v8.evaluateModule') return `${e.name} ${file(d.url ?? e.args?.fileName)}`;
    if (e.name === 'FunctionCall') return `FunctionCall ${file(d.url)}${d.functionName ? `:${d.functionName}` : ''}`;
    if (e.name === 'ParseHTML') return 'ParseHTML';
    return e.name;
  };
  const describe = (task) => {
    const parts = new Map();
    const walk = (e, depth) => {
      for (const c of e.children) {
        if (c.dur >= 1000 && depth < 6 && !/^(RunTask|ThreadControllerImpl::RunTask|RunMicrotasks|v8\.run|V8\.Execute)$/.test(c.name)) {
          parts.set(label(c), (parts.get(label(c)) ?? 0) + c.dur / 1000);
        }
        walk(c, depth + 1);
      }
    };
    walk(task, 0);
    return [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6);
  };
  // A task's own breakdown by group, too.
  const byGroup = (task) => {
    const m = new Map();
    const walk = (e) => { m.set(groupOf(e), (m.get(groupOf(e)) ?? 0) + Math.max(0, e.self) / 1000); e.children.forEach(walk); };
    walk(task);
    return [...m].filter(([, v]) => v >= 0.5).sort((a, b) => b[1] - a[1]);
  };
  const tasks = tops.filter((e) => e.dur >= 3000).map((e) => ({ start: ms(e.ts), dur: e.dur / 1000, groups: byGroup(e), parts: describe(e) }));

  // Network: request sent, response, finished, per URL (renderer-side events).
  const reqs = new Map();
  for (const e of events) {
    const d = e.args?.data;
    // Only the page's renderer: the browser's own WebUI pages request files in the same trace.
    if (!d?.requestId || e.pid !== pid) continue;
    if (e.name === 'ResourceSendRequest' && d.url) reqs.set(d.requestId, { url: d.url, sent: ms(e.ts), priority: d.priority });
    const r = reqs.get(d.requestId);
    if (!r) continue;
    if (e.name === 'ResourceReceiveResponse') { r.response = ms(e.ts); r.mime = d.mimeType; r.encoded = d.encodedDataLength; }
    if (e.name === 'ResourceFinish') { r.finish = ms(e.ts); r.bytes = d.encodedDataLength ?? r.bytes; }
  }
  const network = [...reqs.values()].filter((r) => r.sent <= frameMs + 50).sort((a, b) => a.sent - b.sent);

  const marks = [];
  const mark = (label, e) => { if (e) marks.push([label, ms(e.ts)]); };
  const inFrame = (e) => e.pid === pid;
  mark('first paint', events.find((e) => inFrame(e) && e.name === 'firstPaint'));
  mark('first contentful paint', events.find((e) => inFrame(e) && e.name === 'firstContentfulPaint'));
  mark('DOMContentLoaded', events.find((e) => inFrame(e) && e.name === 'MarkDOMContent'));
  mark('load', events.find((e) => inFrame(e) && e.name === 'MarkLoad'));
  mark("performance.mark('first-frame')", events.find((e) => inFrame(e) && e.name === 'first-frame' && e.cat?.includes('user_timing')));
  marks.push(['bench timing point (rAF + MessageChannel)', frameMs]);
  for (const e of events.filter((x) => inFrame(x) && x.name === 'largestContentfulPaint::Candidate')) {
    mark(`LCP candidate (${e.args?.data?.type ?? ''} ${e.args?.data?.size ?? ''} px²)`, e);
  }
  marks.sort((a, b) => a[1] - b[1]);
  const shifts = events.filter((e) => inFrame(e) && e.name === 'LayoutShift')
    .map((e) => ({ at: ms(e.ts), score: e.args?.data?.score ?? 0, recent: e.args?.data?.had_recent_input }));

  return { url, frameMs, busy, groups: [...groups].sort((a, b) => b[1] - a[1]), cpu: Object.fromEntries(cpu), self: [...self].sort((a, b) => b[1] - a[1]).slice(0, 15), tasks, network, marks, shifts };
}

export function format(d) {
  const f = (v) => v.toFixed(1).padStart(7);
  const lines = [];
  lines.push(`trace of one load of ${d.url}: navigation start -> bench timing point ${d.frameMs.toFixed(1)} ms; main thread busy ${d.busy.toFixed(1)} ms of it`);
  lines.push('  main-thread time by kind (self time, ms; in brackets its CPU time):');
  for (const [g, v] of d.groups) if (v >= 0.5) lines.push(`    ${f(v)}  (${(d.cpu[g] ?? 0).toFixed(1).padStart(5)})  ${g}`);
  lines.push('  tasks of 3 ms or more: start, duration, by kind (self ms) | the heaviest named work inside (inclusive ms)');
  for (const t of d.tasks) {
    lines.push(`    at ${f(t.start)}  ${f(t.dur)} ms  ${t.groups.map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}`);
    const parts = t.parts.filter(([k]) => !/^(Receive mojo|SimpleWatcher|WebFrameWidgetImpl::UpdateLifecycle|HTMLDocumentParser::(Deferred)?PumpTokenizer)/.test(k)).slice(0, 4);
    if (parts.length) lines.push(`${' '.repeat(30)}| ${parts.map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; ')}`);
  }
  lines.push('  requests (sent / response / finished, ms; bytes on the wire):');
  for (const r of d.network) {
    const p = new URL(r.url).pathname + new URL(r.url).search;
    lines.push(`    ${p.padEnd(36)} ${f(r.sent)} ${r.response == null ? '      -' : f(r.response)} ${r.finish == null ? '      -' : f(r.finish)}  ${r.bytes ?? r.encoded ?? '?'} B  ${r.priority ?? ''}`);
  }
  lines.push('  marks (ms):');
  for (const [k, v] of d.marks) lines.push(`    ${f(v)}  ${k}`);
  if (d.shifts.length) lines.push(`  layout shifts: ${d.shifts.map((s) => `${s.score.toFixed(4)} at ${s.at.toFixed(0)} ms`).join(', ')}`);
  else lines.push('  layout shifts: none before the timing point');
  return lines.join('\n');
}

async function main() {
  const arg = (k, dflt) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : dflt; };
  const { startBenchServer } = await import('./server.mjs');
  const server = await startBenchServer({ dist: arg('--dist', undefined) });
  const browser = await launchBrowser();
  try {
    const p = arg('--path', '/');
    const viewport = { width: Number(arg('--width', 1280)), height: Number(arg('--height', 800)) };
    // One load first, so the server's caches are warm and the traced load is a typical one.
    const warm = await browser.newContext();
    await (await warm.newPage()).goto(server.url + p.slice(1), { waitUntil: 'load' });
    await warm.close();
    const r = await traceLoad(browser, server.url + p.slice(1), { name: arg('--name', 'cli'), viewport });
    console.log(r.summary);
    console.log(`  raw trace: ${path.relative(process.cwd(), r.file)}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
