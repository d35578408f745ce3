// The bench's one local server (127.0.0.1 only, a free port): our built site, the peers' files
// from node_modules and the generated bench pages, all from one origin, so every page is loaded
// the same way.
//
//   /                       dist/ (our page; its precompressed .br/.gz are used as they are),
//                           or another built copy (startBenchServer({ dist }))
//   /peers/timelinejs/      node_modules/@knight-lab/timelinejs/dist/
//   /peers/vis-timeline/    node_modules/vis-timeline/
//   /bench/NAME.html?n=N    the pages in pages.mjs (floor, timelinejs, vis-timeline)
//
// Every text or wasm response is compressed as a good static host would send it: brotli (quality
// 11) when the request accepts br, else gzip (level 9). For dist/ these are the files `make dist`
// wrote; for everything else they are made once and kept in memory. Lighthouse's simulated
// throttling counts transferred bytes, so the peers get the same compression as our page.
// No CSP header here: our page carries its own in a <meta> tag, and the floor page needs its
// inline script.

import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotli, gzip, COMPRESSIBLE } from '../../scripts/precompress.mjs';
import { DIST, ROOT } from '../harness.mjs';
import { pages } from './pages.mjs';

const NM = path.join(ROOT, 'node_modules');
/** Where each URL prefix is served from; `dist` may be another built copy (a prototype). */
export function mounts(dist = DIST) {
  return [
    ['/peers/timelinejs/', path.join(NM, '@knight-lab', 'timelinejs', 'dist')],
    ['/peers/vis-timeline/', path.join(NM, 'vis-timeline')],
    ['/', path.resolve(dist)],
  ];
}

const TYPES = {
  html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8', json: 'application/json', wasm: 'application/wasm', svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8', png: 'image/png', woff: 'font/woff', woff2: 'font/woff2', ttf: 'font/ttf',
  eot: 'application/vnd.ms-fontobject', map: 'application/json',
};
const type = (p) => TYPES[path.extname(p).slice(1).toLowerCase()] || 'application/octet-stream';

/** The file a request path maps to, or null (outside every mount, or missing). */
export function fileFor(pathname, table = mounts()) {
  let decoded;
  try { decoded = decodeURIComponent(pathname); } catch { return null; }
  for (const [prefix, dir] of table) {
    if (!decoded.startsWith(prefix)) continue;
    let rel = decoded.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (!file.startsWith(dir + path.sep)) return null;
    return existsSync(file) && statSync(file).isFile() ? file : null;
  }
  return null;
}

const cache = new Map();
function encoded(key, buf, coding, sibling, original) {
  // A precompressed file older than its original (an edited copy) is ignored, as timeline serve does.
  if (sibling && existsSync(sibling) && statSync(sibling).mtimeMs >= statSync(original).mtimeMs) return readFileSync(sibling);
  const k = `${key}\0${coding}`;
  if (!cache.has(k)) cache.set(k, coding === 'br' ? brotli(buf) : gzip(buf));
  return cache.get(k);
}

function pick(accept = '') {
  const names = accept.toLowerCase().split(',').map((s) => s.split(';')[0].trim());
  return names.includes('br') ? 'br' : names.includes('gzip') ? 'gzip' : null;
}

/**
 * Starts the server; resolves to { url, origin, requests, fileFor, close }. `requests` lists the
 * paths served. `dist`: serve another built copy of the site at / (default dist/).
 */
export function startBenchServer({ dist = DIST } = {}) {
  const table = mounts(dist);
  const root = path.resolve(dist);
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push(url.pathname);
    let body;
    let file;
    let key;
    const page = url.pathname.match(/^\/bench\/([a-z-]+)\.html$/);
    if (page && pages[page[1]]) {
      body = Buffer.from(pages[page[1]](url.searchParams));
      key = url.pathname + url.search;
      file = key;
    } else {
      const f = fileFor(url.pathname, table);
      if (!f) {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end('not found\n');
        return;
      }
      file = f;
      key = `${f}@${statSync(f).mtimeMs}`;
      body = readFileSync(f);
    }
    const headers = { 'Content-Type': page ? TYPES.html : type(file), 'Cache-Control': 'no-cache' };
    // Fonts other than woff/woff2 compress too (TimelineJS's icon font is a .ttf); hosts compress them.
    const coding = (page || COMPRESSIBLE.test(file) || /\.(ttf|otf|eot)$/i.test(file)) ? pick(req.headers['accept-encoding']) : null;
    if (coding) {
      const sibling = !page && file.startsWith(root + path.sep) ? `${file}.${coding === 'br' ? 'br' : 'gz'}` : null;
      const packed = encoded(key, body, coding, sibling, file);
      if (packed.length < body.length) {
        body = packed;
        headers['Content-Encoding'] = coding;
      }
      headers.Vary = 'Accept-Encoding';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      const origin = `http://127.0.0.1:${port}`;
      resolve({
        url: `${origin}/`,
        origin,
        requests,
        fileFor: (p) => fileFor(p, table),
        close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
