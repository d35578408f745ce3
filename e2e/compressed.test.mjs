// The precompressed files `make dist` writes (FILE.br, FILE.gz) and how `timeline serve` sends
// them: every variant decodes to its original; the server picks br, then gzip, else the original by
// Accept-Encoding, with Content-Encoding, Vary, the original's Content-Type and the right
// Content-Length; and Chromium, loading the page, gets brotli and decodes it to the built bytes.

import { after, before, describe, test } from 'node:test';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { COMPRESSIBLE, brotli, gzip } from '../scripts/precompress.mjs';
import { DIST, assert, setup, startServer } from './harness.mjs';

function compressible(dir = DIST) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...compressible(p));
    else if (COMPRESSIBLE.test(name)) out.push(p);
  }
  return out;
}

const rel = (f) => path.relative(DIST, f).split(path.sep).join('/');

/** GET with node's http (no automatic decoding): { status, headers, body: Buffer }. */
function get(url, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    const req = http.get(url, { headers, timeout: 10_000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url}: no answer within 10 s`)));
    req.on('error', reject);
  });
}

describe('precompressed files in dist/', () => {
  test('every text and wasm file has a .br and a .gz that decode to it (or compression would not help)', () => {
    const files = compressible();
    assert.ok(files.some((f) => f.endsWith('.wasm')), 'expected the wasm among the compressible files');
    assert.ok(files.some((f) => f.endsWith('index.html')), 'expected index.html among the compressible files');
    for (const f of files) {
      const original = readFileSync(f);
      for (const [ext, decode, encode] of [['.br', brotliDecompressSync, brotli], ['.gz', gunzipSync, gzip]]) {
        if (!existsSync(f + ext)) {
          assert.ok(encode(original).length >= original.length,
            `${rel(f)}${ext} is missing though it would be smaller; run make dist (scripts/precompress.mjs)`);
          continue;
        }
        const packed = readFileSync(f + ext);
        assert.ok(packed.length < original.length, `${rel(f)}${ext} is not smaller than ${rel(f)}`);
        let decoded;
        try { decoded = decode(packed); } catch (e) { assert.fail(`${rel(f)}${ext} does not decode (${e.message}): run make dist again`); }
        assert.ok(decoded.equals(original), `${rel(f)}${ext} does not decode to ${rel(f)}: run make dist again`);
        assert.ok(statSync(f + ext).mtimeMs >= statSync(f).mtimeMs, `${rel(f)}${ext} is older than ${rel(f)}`);
      }
    }
  });
});

describe('timeline serve and Accept-Encoding', () => {
  let server;
  before(async () => { server = await startServer(); });
  after(async () => { await server?.close(); });

  const firstLoad = ['index.html', 'app.js', 'pkg/nk_timeline.js', 'pkg/nk_timeline_bg.wasm', 'data.ko.json'];

  test('br, then gzip, else the original; the same type, the right length, Vary', async () => {
    for (const f of firstLoad) {
      const original = readFileSync(path.join(DIST, f));
      const url = server.url + (f === 'index.html' ? '' : f);
      const plain = await get(url);
      assert.equal(plain.status, 200, `${f}`);
      assert.equal(plain.headers['content-encoding'], undefined, `${f} without Accept-Encoding`);
      assert.ok(plain.body.equals(original), `${f} without Accept-Encoding: the bytes on disk`);
      assert.equal(plain.headers.vary, 'Accept-Encoding', `${f}: Vary`);
      for (const [accept, coding, decode] of [
        ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
        ['br;q=0.5, gzip', 'gzip', gunzipSync],
        ['gzip;q=0.9, br;q=0.1, identity;q=0', 'gzip', gunzipSync],
        ['identity', undefined, (b) => b],
        ['br;q=0, gzip;q=0', undefined, (b) => b],
      ]) {
        const r = await get(url, accept);
        const what = `${f} with Accept-Encoding "${accept}"`;
        assert.equal(r.status, 200, what);
        assert.equal(r.headers['content-encoding'], coding, `${what}: Content-Encoding`);
        assert.equal(r.headers['content-type'], plain.headers['content-type'], `${what}: the original's Content-Type`);
        assert.equal(Number(r.headers['content-length']), r.body.length, `${what}: Content-Length`);
        assert.equal(r.headers.vary, 'Accept-Encoding', `${what}: Vary`);
        assert.ok(decode(r.body).equals(original), `${what}: decodes to the built file`);
      }
    }
    assert.equal((await get(`${server.url}pkg/nk_timeline_bg.wasm`, 'br')).headers['content-type'], 'application/wasm');
  });
});

describe('Chromium loads the page compressed', () => {
  let env;
  before(async () => { env = await setup(); });
  after(async () => { await env?.close(); });

  test('the first load arrives as brotli and decodes to the built files; the timeline starts', async () => {
    const seen = new Map();
    const context = await env.browser.newContext();
    const page = await context.newPage();
    page.on('response', (r) => {
      const p = new URL(r.url()).pathname;
      seen.set(p === '/' ? 'index.html' : p.slice(1), r);
    });
    try {
      await page.goto(env.server.url, { waitUntil: 'load' });
      await page.waitForFunction(() => window.timelineReady !== undefined, null, { timeout: 20_000 });
      assert.equal(await page.evaluate(() => window.timelineReady), true, 'window.timelineReady resolves true');
      for (const f of ['index.html', 'app.js', 'pkg/nk_timeline.js', 'pkg/nk_timeline_bg.wasm']) {
        const r = seen.get(f);
        assert.ok(r, `expected the page to request ${f}; it requested ${[...seen.keys()].join(', ')}`);
        const h = await r.allHeaders();
        assert.equal(h['content-encoding'], 'br', `${f}: Content-Encoding`);
        assert.ok((await r.body()).equals(readFileSync(path.join(DIST, f))), `${f}: Chromium's decoded body is the built file`);
      }
    } finally {
      await context.close();
    }
  });
});
