// node bench/search-previews.mjs OUT QUERIES.txt: for each query of QUERIES.txt (one per line; a line "zh:" or
// "en:" switches the index, a line starting with # is a comment), run as the first query on a page by
// search-core.js itself over the built files of OUT, whether its first result comes from the previews of the
// shards it loads (no chunk fetched). Prints the queries that need a chunk (every query with VERBOSE=1) and a
// summary line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SearchIndex, topHits } from '../themes/default/static/js/search-core.js';

const [out, list] = process.argv.slice(2);
if (!out || !list) {
  console.error('usage: node bench/search-previews.mjs OUT QUERIES.txt');
  process.exit(2);
}

let bytes = 0;
const fetchFile = async (url) => {
  const data = readFileSync(join(out, url.split('?')[0]));
  bytes += data.length;
  return { ok: true, status: 200, json: async () => JSON.parse(data.toString('utf8')), arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.length) };
};

let lang = 'zh';
const totals = { queries: 0, found: 0, previewed: 0 };
for (const line of readFileSync(list, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
  if (/^[a-z-]+:$/.test(line)) {
    lang = line.slice(0, -1);
    continue;
  }
  // A fresh index per query: a first query on the page, with only its own shards loaded.
  const index = await SearchIndex.open(`/search/${lang}/`, fetchFile);
  bytes = 0;
  const hits = await index.matches(line);
  const [first] = topHits(hits, 1);
  const previewed = first !== undefined && index.preview(first.doc) !== undefined;
  totals.queries++;
  if (first) totals.found++;
  if (previewed) totals.previewed++;
  if (process.env.VERBOSE || (first && !previewed)) console.log(`${lang}\t${line}\t${hits.length} hits\t${first ? (previewed ? 'previewed' : 'chunk') : '-'}\t${(bytes / 1024).toFixed(1)} KiB of shards`);
}
console.log(`first result previewed: ${totals.previewed} of ${totals.found} queries with results (${totals.queries} queries)`);
