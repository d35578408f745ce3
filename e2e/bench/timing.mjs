// The one timing point for every page of the bench: navigation start to the first animation frame
// after the library's own "drawn" signal, then a MessageChannel task (the frame's rendering work
// has run by then). Pages call window.__benchDrawn(what) at their signal; our page is caught at
// its performance.mark('first-frame'), which draw_first() sets right after it drew the canvas.

/**
 * Init script (runs before any script of the page). Sets window.__benchDone: a promise of
 * { frame, signal, what, fcp } in ms from navigation start; fcp is null when the page painted
 * nothing contentful within 3 s of its frame.
 */
export function benchInit() {
  const t = { signal: null, frame: null, what: null, fcp: null };
  window.__bench = t;
  let fcpSeen;
  const fcp = new Promise((resolve) => { fcpSeen = resolve; });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'first-contentful-paint') fcpSeen(e.startTime);
      }
    }).observe({ type: 'paint', buffered: true });
  } catch { fcpSeen(null); }
  let framed;
  const frame = new Promise((resolve) => { framed = resolve; });
  window.__benchDone = frame.then(() => Promise.race([fcp, new Promise((r) => setTimeout(() => r(null), 3000))]))
    .then((f) => { t.fcp = f; return { ...t }; });
  window.__benchDrawn = (what) => {
    if (t.signal !== null) return;
    t.signal = performance.now();
    t.what = what;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { t.frame = performance.now(); framed(); };
      ch.port2.postMessage(null);
    });
  };
  const mark = performance.mark.bind(performance);
  performance.mark = function benchMark(name, ...rest) {
    const r = mark(name, ...rest);
    if (name === 'first-frame') window.__benchDrawn('first-frame mark (after draw_first() drew)');
    return r;
  };
}

/**
 * One fresh load of `url` in a new context of `browser`: { frame, signal, what, fcp, requests,
 * errors } or { error } when the page gave no signal within `timeout` ms.
 */
export async function timedLoad(browser, url, { context: opts = {}, timeout = 30_000 } = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', ...opts });
  const requests = [];
  const errors = [];
  try {
    await context.addInitScript(benchInit);
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e).split('\n')[0]));
    await page.goto(url, { waitUntil: 'commit', timeout });
    let timer;
    const r = await Promise.race([
      page.evaluate(() => window.__benchDone),
      new Promise((resolve) => { timer = setTimeout(() => resolve(null), timeout); }),
    ]).finally(() => clearTimeout(timer));
    if (!r) return { error: `no drawn signal within ${(timeout / 1000).toFixed(0)} s`, requests, errors };
    return { ...r, requests, errors };
  } catch (e) {
    return { error: e.message.split('\n')[0], requests, errors };
  } finally {
    await context.close().catch(() => {});
  }
}
