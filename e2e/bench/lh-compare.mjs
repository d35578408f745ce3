// Lighthouse (mobile, simulated throttling) on our page from two built copies, alternating, to
// compare one change: performance, TBT, FCP, LCP, CLS medians.
//
//   node e2e/bench/lh-compare.mjs DIR_A DIR_B [--runs N]

import { runLighthouse } from './lighthouse.mjs';
import { startBenchServer } from './server.mjs';
import { median } from './stats.mjs';

const [a, b] = process.argv.slice(2, 4);
const i = process.argv.indexOf('--runs');
const RUNS = i > 0 ? Number(process.argv[i + 1]) : 3;
const servers = [await startBenchServer({ dist: a }), await startBenchServer({ dist: b })];
const runs = [[], []];
try {
  for (let r = 0; r < RUNS; r++) {
    for (const k of [0, 1]) runs[k].push(await runLighthouse(servers[k].url, `cmp-${k}-${r}`));
  }
  for (const k of [0, 1]) {
    const m = (f) => median(runs[k].map((x) => x[f]));
    console.log(`${[a, b][k]}: perf ${m('performance')} TBT ${m('tbt').toFixed(0)} ms FCP ${m('fcp').toFixed(0)} LCP ${m('lcp').toFixed(0)} CLS ${m('cls').toFixed(3)}  (TBT runs ${runs[k].map((x) => x.tbt.toFixed(0)).join(' ')})`);
  }
} finally {
  for (const s of servers) await s.close();
}
