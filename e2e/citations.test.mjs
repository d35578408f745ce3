// The citation files the build writes (dist/cite/), read back by a real citation library
// (citation-js: its CSL-JSON, BibTeX and RIS parsers), with the right title, author, date and
// address for every source, and every event's quoted passages as notes.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { DIST, ROOT, loadEvents } from './harness.mjs';

const require = createRequire(import.meta.url);
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-ris');

const CITE = path.join(DIST, 'cite');
const sources = JSON.parse(readFileSync(path.join(ROOT, 'data', 'sources.json'), 'utf8'));
const byId = new Map(sources.map((s) => [s.id, s]));

function read(rel) {
  const p = path.join(CITE, rel);
  assert.ok(existsSync(p), `expected ${p}; run make dist first`);
  return readFileSync(p, 'utf8');
}

/** The items citation-js reads from a file, by their id (BibTeX: the citation key). */
function parse(rel) {
  const text = read(rel);
  const input = rel.endsWith('.json') ? JSON.parse(text) : text;
  const items = new Cite(input).data;
  assert.ok(items.length > 0, `citation-js read no item from ${rel}`);
  return items;
}

/** [year, month?, day?] of a partial ISO date. */
const dateParts = (partial) => partial.split('-').map(Number);

function assertSourceMetadata(item, s, where) {
  assert.equal(item.title, s.title, `${where}: title`);
  assert.equal(item.URL, s.url, `${where}: address`);
  assert.deepEqual(item.issued?.['date-parts']?.[0], dateParts(s.published), `${where}: date`);
  if (s.author) {
    const [given, family] = [s.author.slice(0, s.author.lastIndexOf(' ')), s.author.slice(s.author.lastIndexOf(' ') + 1)];
    assert.deepEqual(item.author?.map((a) => [a.given, a.family]), [[given, family]], `${where}: author`);
  } else {
    assert.equal(item.author, undefined, `${where}: no author is given where the source names none`);
  }
}

describe('citations read back by citation-js', () => {
  for (const ext of ['json', 'bib', 'ris']) {
    test(`cite/sources.${ext}: every source's title, author, date and address`, () => {
      const items = parse(`sources.${ext}`);
      assert.deepEqual(items.map((i) => i.id).sort(), [...byId.keys()].sort());
      for (const item of items) assertSourceMetadata(item, byId.get(item.id), `sources.${ext} ${item.id}`);
    });

    test(`cite/source/<id>.${ext}: one file per source`, () => {
      for (const s of sources) {
        const items = parse(`source/${s.id}.${ext}`);
        assert.equal(items.length, 1);
        assertSourceMetadata(items[0], s, `source/${s.id}.${ext}`);
      }
    });

    test(`cite/event/<id>.${ext}: each quoted passage, with its words as the note`, () => {
      for (const e of loadEvents()) {
        const items = parse(`event/${e.id}.${ext}`);
        const quoted = new Set([
          ...e.evidence.map((q) => q.source),
          ...(e.figures ?? []).map((f) => f.source),
          ...(e.discrepancies ?? []).flatMap((d) => d.accounts.map((a) => a.source).filter(Boolean)),
        ]);
        for (const item of items) {
          const [event, source, n] = item.id.split(':');
          assert.equal(event, e.id);
          assert.ok(quoted.has(source), `${item.id}: ${source} is quoted by ${e.id}`);
          assert.match(n, /^\d+$/);
          assertSourceMetadata(item, byId.get(source), `event/${e.id}.${ext} ${item.id}`);
          assert.match(item.note ?? '', /^Passage quoted: “.+”/, `${item.id}: the note quotes the passage`);
          if (byId.get(source).url) {
            assert.ok(item.note.includes(`${byId.get(source).url}#:~:text=`), `${item.id}: the note links to the words`);
          }
        }
        // Every evidence quote's opening words stand in one of the notes.
        for (const q of e.evidence) {
          const opening = q.quote.split(/\s+/).slice(0, 4).join(' ').replace(/[“”"]/g, '');
          assert.ok(items.some((i) => i.note.replace(/[“”"]/g, '').includes(opening)), `${e.id}: a note quotes “${opening}…”`);
        }
      }
    });
  }

  test('the three formats agree on the number of references', () => {
    for (const e of loadEvents()) {
      const counts = ['json', 'bib', 'ris'].map((ext) => parse(`event/${e.id}.${ext}`).length);
      assert.deepEqual(new Set(counts).size, 1, `${e.id}: ${counts}`);
    }
  });
});
