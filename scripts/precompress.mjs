// `node scripts/precompress.mjs DIR`: writes FILE.br (brotli, quality 11) and FILE.gz (gzip, level
// 9) beside every text and wasm file in DIR, for static hosts that serve precompressed files
// (nginx gzip_static / brotli_static, `timeline serve`). Run last in `make dist`, after every file
// is final: a variant older than its original is ignored by `timeline serve`.
//
// A variant that would not be smaller than the original is not written (tiny files): the host then
// sends the original, which is what it should do. Prints one line per file and the totals.

import { readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Extensions worth compressing: text, and wasm (which compresses to about a third). */
export const COMPRESSIBLE = /\.(html?|css|m?js|json|jsonld|map|wasm|txt|svg|xml|webmanifest|csv|md|ico)$/i;

export function brotli(buf) {
  return brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_GENERIC,
    },
  });
}

export function gzip(buf) {
  return gzipSync(buf, { level: 9 });
}

function files(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (COMPRESSIBLE.test(name)) out.push(p);
  }
  return out;
}

function main() {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/precompress.mjs DIR');
    process.exit(2);
  }
  let st;
  try { st = statSync(dir); } catch { st = null; }
  if (!st?.isDirectory()) {
    console.error(`${dir}: not a folder. Fix: run make dist, which builds it first`);
    process.exit(1);
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  let raw = 0;
  let br = 0;
  let gz = 0;
  let written = 0;
  for (const f of files(dir)) {
    const buf = readFileSync(f);
    const variants = [['.br', brotli(buf)], ['.gz', gzip(buf)]];
    const sizes = [];
    for (const [ext, data] of variants) {
      const out = f + ext;
      if (data.length < buf.length) {
        writeFileSync(out, data);
        written++;
        sizes.push(`${ext.slice(1)} ${kb(data.length)}`);
      } else {
        try { unlinkSync(out); } catch { /* none */ }
        sizes.push(`${ext.slice(1)} not smaller, not written`);
      }
    }
    raw += buf.length;
    br += Math.min(buf.length, variants[0][1].length);
    gz += Math.min(buf.length, variants[1][1].length);
    console.log(`  precompress ${path.relative(dir, f)}: ${kb(buf.length)} -> ${sizes.join(', ')}`);
  }
  console.log(`precompress: ${written} files written in ${dir}; all compressible files ${kb(raw)}, brotli ${kb(br)}, gzip ${kb(gz)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
