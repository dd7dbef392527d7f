// Looking up a query in a static search index written by CloudPortal's SearchIndexWriter, ranking the
// matches and highlighting them. No DOM here, and fetch is injectable, so node tests it against index files
// the C# writer produced. docs/SEARCH.md describes the files.
import { normalize, queryTerms, runs, stem } from './search-tokenizer.js';

export const FORMAT = 1;

/** FNV-1a (32 bit) of the UTF-8 of a string. */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** The shard holding a token: hashed by its stem, so a word form lives in the shard of its stem. */
export const shardOf = (token, shards) => fnv1a(stem(token)) % shards;

function varint(bytes, at) {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at.i++];
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return value;
  }
}

/** A shard's tokens, each with its still-encoded postings. */
export function decodeShard(buffer) {
  const bytes = new Uint8Array(buffer);
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'CPS1') throw new Error('not a search shard');
  const at = { i: 4 };
  const tokens = new Map();
  const utf8 = new TextDecoder();
  for (let n = varint(bytes, at); n > 0; n--) {
    const length = varint(bytes, at);
    const token = utf8.decode(bytes.subarray(at.i, at.i + length));
    at.i += length;
    const count = varint(bytes, at);
    const size = varint(bytes, at);
    tokens.set(token, { count, bytes: bytes.subarray(at.i, at.i + size) });
    at.i += size;
  }
  return tokens;
}

/** Postings as [document id, term frequency, in title] in document order. */
export function decodePostings(entry) {
  const out = [];
  const at = { i: 0 };
  let doc = 0;
  for (let n = 0; n < entry.count; n++) {
    doc += varint(entry.bytes, at);
    const value = varint(entry.bytes, at);
    out.push([doc, value >> 1, (value & 1) === 1]);
  }
  return out;
}

/**
 * Documents in every one of `required` (one postings list per query token), ranked: more query tokens in
 * the title first, then the summed term frequency (plus that of the exact word forms typed, from `exact`),
 * then document id.
 */
export function rank(required, exact = []) {
  if (required.length === 0) return [];
  const lists = [...required].sort((a, b) => a.length - b.length);
  let hits = new Map(lists[0].map(([doc, tf, title]) => [doc, { doc, titleHits: title ? 1 : 0, score: tf }]));
  for (const list of lists.slice(1)) {
    const next = new Map();
    for (const [doc, tf, title] of list) {
      const hit = hits.get(doc);
      if (hit) next.set(doc, { doc, titleHits: hit.titleHits + (title ? 1 : 0), score: hit.score + tf });
    }
    hits = next;
  }
  for (const list of exact) for (const [doc, tf] of list) if (hits.has(doc)) hits.get(doc).score += tf;
  return [...hits.values()].sort(compareHits);
}

/** The order of ranked hits; `order` (the index's place when several are searched) breaks ties first. */
export function compareHits(a, b) {
  return b.titleHits - a.titleHits || b.score - a.score || (a.order ?? 0) - (b.order ?? 0) || a.doc - b.doc;
}

/** One language's index: the manifest at `base` (a folder URL), shards and chunks fetched when needed. */
export class SearchIndex {
  static async open(base, fetchFn = (url, init) => globalThis.fetch(url, init)) {
    const root = base.endsWith('/') ? base : base + '/';
    // Revalidated every time: it names the version that every other file is fetched with.
    const manifest = await (await get(fetchFn, root + 'index.json', { cache: 'no-cache' })).json();
    if (manifest.format !== FORMAT) throw new Error(`search index format ${manifest.format} is not ${FORMAT}`);
    return new SearchIndex(root, manifest, fetchFn);
  }

  constructor(root, manifest, fetchFn) {
    this.root = root;
    this.manifest = manifest;
    this.lang = manifest.lang;
    this.fetch = fetchFn;
    this.shards = new Map();
    this.chunks = new Map();
  }

  file(path) {
    return `${this.root}${path}?v=${encodeURIComponent(this.manifest.version)}`;
  }

  shard(n) {
    if (!this.shards.has(n)) {
      const load = get(this.fetch, this.file(`shards/${n}.bin`)).then(async (r) => decodeShard(await r.arrayBuffer()));
      load.catch(() => this.shards.delete(n));
      this.shards.set(n, load);
    }
    return this.shards.get(n);
  }

  /** Every matching document as { doc, titleHits, score }, best first. */
  async search(query) {
    const terms = queryTerms(query);
    const count = this.manifest.shards;
    const loaded = new Map();
    await Promise.all(terms.map(async (t) => loaded.set(shardOf(t.token, count), await this.shard(shardOf(t.token, count)))));
    const required = [];
    const exact = [];
    for (const term of terms) {
      const entry = loaded.get(shardOf(term.token, count)).get(term.token);
      if (!entry) return [];
      required.push(decodePostings(entry));
      // The exact form is used only when its shard is already here (almost always the stem's own).
      const forms = term.exact !== undefined && loaded.get(shardOf(term.exact, count));
      const form = forms && forms.get(term.exact);
      if (form) exact.push(decodePostings(form));
    }
    return rank(required, exact);
  }

  /** The metadata of some hits: each hit with url, title, kind, excerpt and lang added. */
  async documents(hits) {
    const size = this.manifest.chunkSize;
    const needed = [...new Set(hits.map((h) => Math.floor(h.doc / size)))];
    await Promise.all(needed.map((c) => this.chunk(c)));
    return Promise.all(hits.map(async (hit) => {
      const [url, title, kind, excerpt] = (await this.chunk(Math.floor(hit.doc / size)))[hit.doc % size];
      return { ...hit, url, title, kind, excerpt, lang: this.lang };
    }));
  }

  chunk(n) {
    if (!this.chunks.has(n)) {
      const load = get(this.fetch, this.file(`docs/${n}.json`)).then((r) => r.json());
      load.catch(() => this.chunks.delete(n));
      this.chunks.set(n, load);
    }
    return this.chunks.get(n);
  }
}

async function get(fetchFn, url, init) {
  const response = await fetchFn(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/**
 * `text` split into [{ text, mark }] parts, marking the words and CJK characters that match the query.
 * Each code point is normalized on its own here so every part maps back to the original text.
 */
export function highlight(text, query) {
  const tokens = new Set(queryTerms(query).map((t) => t.token));
  const original = Array.from(text);
  const chars = [];
  const from = [];
  original.forEach((ch, i) => {
    for (const n of normalize(ch)) {
      chars.push(n);
      from.push(i);
    }
  });
  const marked = new Uint8Array(original.length);
  const mark = (first, last) => marked.fill(1, from[first], from[last] + 1);
  const cjkRuns = [];
  for (const { members, cjk } of runs(chars)) {
    if (cjk) cjkRuns.push(members);
    else if (tokens.has(stem(members.map((i) => chars[i]).join('')))) mark(members[0], members[members.length - 1]);
  }
  // Each CJK run of the query ("华为云") is marked where it occurs whole, a lone character anywhere; a run
  // that never occurs whole is marked by its bigrams, so a page that matched with them apart shows why.
  const q = Array.from(normalize(query));
  for (const phrase of runs(q).filter((r) => r.cjk).map((r) => r.members.map((i) => q[i]))) {
    let whole = false;
    for (const members of cjkRuns) {
      for (let k = 0; k + phrase.length <= members.length; k++) {
        if (phrase.every((ch, j) => chars[members[k + j]] === ch)) {
          mark(members[k], members[k + phrase.length - 1]);
          whole = true;
        }
      }
    }
    if (whole) continue;
    const grams = new Set(phrase.slice(1).map((ch, j) => phrase[j] + ch));
    for (const members of cjkRuns) {
      members.forEach((i, k) => {
        if (k + 1 < members.length && grams.has(chars[i] + chars[members[k + 1]])) mark(i, members[k + 1]);
      });
    }
  }
  const parts = [];
  original.forEach((ch, i) => {
    const last = parts[parts.length - 1];
    if (last && last.mark === (marked[i] === 1)) last.text += ch;
    else parts.push({ text: ch, mark: marked[i] === 1 });
  });
  return parts;
}

/**
 * About `length` characters of `excerpt` as highlighted parts: around the first match when it lies beyond
 * the opening, else the opening; "…" marks what was left out.
 */
export function snippet(excerpt, query, length = 160) {
  const parts = highlight(excerpt, query);
  let first = -1;
  let offset = 0;
  for (const part of parts) {
    if (part.mark) {
      first = offset;
      break;
    }
    offset += part.text.length;
  }
  const lead = Math.min(30, Math.floor(length / 4));
  let start = first > length - 2 * lead ? first - lead : 0;
  // Start after a space when one is near, so a Latin word is not cut in two.
  const space = start > 0 ? excerpt.indexOf(' ', start) : -1;
  if (space >= 0 && space < start + 15 && space < first) start = space + 1;
  if (start > 0 && /[\udc00-\udfff]/.test(excerpt[start])) start--;
  let end = Math.min(excerpt.length, start + length);
  if (end < excerpt.length && /[\ud800-\udbff]/.test(excerpt[end - 1])) end--;
  const out = [];
  if (start > 0) out.push({ text: '…', mark: false });
  offset = 0;
  for (const part of parts) {
    const a = Math.max(start, offset);
    const b = Math.min(end, offset + part.text.length);
    if (a < b) out.push({ text: part.text.slice(a - offset, b - offset), mark: part.mark });
    offset += part.text.length;
  }
  if (end < excerpt.length) out.push({ text: '…', mark: false });
  return out;
}
