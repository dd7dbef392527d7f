// Looking up a query in a static search index written by CloudPortal's SearchIndexWriter, ranking the
// matches and highlighting them. No DOM here, and fetch is injectable, so node tests it against index files
// the C# writer produced. docs/SEARCH.md describes the files.
import { normalize, queryTerms, runs, stem } from './search-tokenizer.js';

export const FORMAT = 2;

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
  for (let scale = 1; ; scale *= 128) {
    const b = bytes[at.i++];
    value += (b & 0x7f) * scale;
    if (b < 0x80) return value;
  }
}

const utf8 = new TextEncoder();

/**
 * A shard's tokens, each with its still-encoded postings: `get(token)` finds one, or undefined; and the
 * entries of the documents its tokens rank first: `preview(doc)` gives one as a chunk holds it, or undefined.
 */
export function decodeShard(buffer) {
  const bytes = new Uint8Array(buffer);
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'CPS2') throw new Error('not a search shard');
  return new Shard(bytes);
}

// A query asks a shard for one or two tokens, so a token is looked up by comparing its UTF-8 bytes as the
// shard is read, rather than every token of the shard being decoded into a map first. The previews (JSON)
// are parsed only when a result is looked up in them.
class Shard {
  constructor(bytes) {
    this.bytes = bytes;
    this.found = new Map();
    const at = { i: 4 };
    const length = varint(bytes, at);
    this.previewBytes = bytes.subarray(at.i, at.i + length);
    this.previews = null;
    this.tokensAt = at.i + length;
  }

  preview(doc) {
    if (!this.previews) {
      this.previews = new Map();
      if (this.previewBytes.length) {
        for (const [id, ...entry] of JSON.parse(new TextDecoder().decode(this.previewBytes))) this.previews.set(id, entry);
      }
    }
    return this.previews.get(doc);
  }

  get(token) {
    if (this.found.has(token)) return this.found.get(token);
    const want = utf8.encode(token);
    const bytes = this.bytes;
    const at = { i: this.tokensAt };
    let entry;
    for (let n = varint(bytes, at); n > 0 && entry === undefined; n--) {
      const length = varint(bytes, at);
      let same = length === want.length;
      for (let j = 0; same && j < length; j++) same = bytes[at.i + j] === want[j];
      at.i += length;
      const count = varint(bytes, at);
      const size = varint(bytes, at);
      if (same) entry = { count, bytes: bytes.subarray(at.i, at.i + size) };
      at.i += size;
    }
    this.found.set(token, entry);
    return entry;
  }
}

/**
 * A postings list in document order as parallel typed arrays: `doc` (document id), `tf` (term frequency)
 * and `title` (1 when in the title). Typed arrays, not an array per posting: a common word has thousands,
 * decoded while the reader waits, often by code the browser has not optimized yet.
 */
export function postings(length) {
  return { length, doc: new Int32Array(length), tf: new Int32Array(length), title: new Uint8Array(length) };
}

/** A token's encoded postings (see `decodeShard`) decoded. */
export function decodePostings(entry) {
  const bytes = entry.bytes;
  const out = postings(entry.count);
  let i = 0;
  let doc = 0;
  for (let n = 0; n < entry.count; n++) {
    let b;
    let delta = 0;
    for (let scale = 1; ; scale *= 128) {
      b = bytes[i++];
      delta += (b & 0x7f) * scale;
      if (b < 0x80) break;
    }
    let value = 0;
    for (let scale = 1; ; scale *= 128) {
      b = bytes[i++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) break;
    }
    doc += delta;
    out.doc[n] = doc;
    out.tf[n] = value >>> 1;
    out.title[n] = value & 1;
  }
  return out;
}

/**
 * The documents in every one of `required` (postings, one list per query token) as parallel typed arrays
 * in document order: `doc`, `titleHits` (how many query tokens are in the title) and `score` (the summed
 * term frequency, plus that of the exact word forms typed, from `exact`). Lists are merged, not hashed, and
 * no object is made per hit: a common word has thousands, and this runs as the reader types.
 */
export function matches(required, exact = []) {
  if (required.length === 0) return { length: 0, doc: new Int32Array(0), titleHits: new Uint8Array(0), score: new Int32Array(0) };
  const lists = [...required].sort((a, b) => a.length - b.length);
  const first = lists[0];
  const doc = first.doc.slice(0, first.length);
  const titleHits = first.title.slice(0, first.length);
  const score = first.tf.slice(0, first.length);
  let length = first.length;
  // Each further list keeps, in place, the hits it also holds: what is kept never overtakes what is read.
  for (let l = 1; l < lists.length && length > 0; l++) {
    const list = lists[l];
    let kept = 0;
    let i = 0;
    for (let k = 0; k < list.length && i < length; k++) {
      const d = list.doc[k];
      while (i < length && doc[i] < d) i++;
      if (i < length && doc[i] === d) {
        doc[kept] = d;
        titleHits[kept] = titleHits[i] + list.title[k];
        score[kept] = score[i] + list.tf[k];
        kept++;
        i++;
      }
    }
    length = kept;
  }
  for (const list of exact) {
    let i = 0;
    for (let k = 0; k < list.length && i < length; k++) {
      const d = list.doc[k];
      while (i < length && doc[i] < d) i++;
      if (i < length && doc[i] === d) score[i] += list.tf[k];
    }
  }
  return { length, doc, titleHits, score };
}

/** Hit `i` of `matches` as an object { doc, titleHits, score }. */
export function hitAt(hits, i) {
  return { doc: hits.doc[i], titleHits: hits.titleHits[i], score: hits.score[i] };
}

/** Every hit of `matches` as objects, in document order. */
export function allHits(hits) {
  return Array.from({ length: hits.length }, (_, i) => hitAt(hits, i));
}

/** The documents of `matches`, best first: more query tokens in the title, then term frequency, then document id. */
export function rank(required, exact = []) {
  return allHits(matches(required, exact)).sort(compareHits);
}

/**
 * The best `count` hits of `matches` in `compareHits` order, as objects, without sorting them all: the
 * first results show before the rest are ranked.
 */
export function topHits(hits, count) {
  const { titleHits, score } = hits;
  // Hits come in document order, so a later hit goes before an earlier one only when strictly better.
  const better = (i, j) => titleHits[i] > titleHits[j] || (titleHits[i] === titleHits[j] && score[i] > score[j]);
  const best = [];
  for (let i = 0; i < hits.length; i++) {
    if (count === 0 || (best.length === count && !better(i, best[count - 1]))) continue;
    let at = best.length;
    while (at > 0 && better(i, best[at - 1])) at--;
    best.splice(at, 0, i);
    if (best.length > count) best.pop();
  }
  return best.map((i) => hitAt(hits, i));
}

/**
 * Runs a tiny query through every step a real one takes (tokenizing, finding a token in a shard, decoding
 * and merging postings, picking the best, highlighting a snippet), on data made here: no index, no network.
 * Called when the reader enters the search box, so the browser has compiled this code before the first
 * query needs it. Returns the sample's best hit with its snippet.
 */
export function warmUp() {
  const text = 'Cloud regions 云计算可用区';
  const token = utf8.encode(stem('regions'));
  // A shard of one token with postings (doc 1, tf 1, in title) and (doc 3, tf 2).
  const preview = utf8.encode('[[1,"/r/","Regions","article","Cloud regions"]]');
  const shard = decodeShard(Uint8Array.from([...utf8.encode('CPS2'), preview.length, ...preview, 1, token.length, ...token, 2, 4, 1, 3, 2, 4]).buffer);
  const terms = queryTerms(text);
  const postings = decodePostings(shard.get(terms[1].token));
  const [best] = topHits(matches([postings, decodePostings(shard.get(terms[1].token))], [postings]), 1);
  return { ...best, shard: shardOf(terms[0].token, 7), preview: shard.preview(best.doc), snippet: snippet(text, text) };
}

/**
 * The same steps at the scale of a common query (a shard of 1,000 tokens, two lists of 5,000 documents):
 * the tiny sample runs each function once, which leaves the loops of a first real query to an engine that
 * has not optimized them yet (100 ms of a 150 ms first query, in the typing benchmark). Run when the page is
 * idle after the reader enters the box; returns how many documents the two lists share.
 */
export function warmUpAtScale(tokens = 1000, documents = 5000) {
  // Written straight into one buffer: every number here is below 128, so each is one byte.
  const bytes = new Uint8Array(16 + tokens * 16 + documents * 4 * 2 + 64);
  let at = 0;
  const byte = (value) => {
    bytes[at++] = value;
  };
  const token = (name, count, step) => {
    byte(name.length);
    for (let i = 0; i < name.length; i++) byte(name.charCodeAt(i));
    // The count and the byte length of the postings, as varints (two bytes each for the long lists).
    const varint = (value) => {
      for (; value >= 0x80; value = Math.floor(value / 128)) byte((value & 0x7f) | 0x80);
      byte(value);
    };
    varint(count);
    varint(count * 2);
    for (let n = 0; n < count; n++) {
      byte(n === 0 ? 0 : step);
      byte(n % 3 === 0 ? 3 : 2);
    }
  };
  for (const c of 'CPS2') byte(c.charCodeAt(0));
  byte(0); // no previews
  const entries = tokens + 2;
  for (let value = entries; ; value = Math.floor(value / 128)) {
    if (value < 0x80) {
      byte(value);
      break;
    }
    byte((value & 0x7f) | 0x80);
  }
  for (let t = 0; t < tokens; t++) token(`w${t}`, 1, 1);
  token('warm', documents, 1);
  token('up', documents, 2);
  const shard = decodeShard(bytes.slice(0, at).buffer);
  const first = decodePostings(shard.get('warm'));
  const second = decodePostings(shard.get('up'));
  const hits = matches([first, second], [first]);
  topHits(hits, 10);
  return hits.length;
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
    // The shards decoded so far, for their previews.
    this.arrived = [];
    this.chunks = new Map();
  }

  file(path) {
    return `${this.root}${path}?v=${encodeURIComponent(this.manifest.version)}`;
  }

  shard(n) {
    if (!this.shards.has(n)) {
      const load = get(this.fetch, this.file(`shards/${n}.bin`)).then(async (r) => {
        const shard = decodeShard(await r.arrayBuffer());
        this.arrived.push(shard);
        return shard;
      });
      load.catch(() => this.shards.delete(n));
      this.shards.set(n, load);
    }
    return this.shards.get(n);
  }

  /** Every matching document as { doc, titleHits, score }, best first. */
  async search(query) {
    return allHits(await this.matches(query)).sort(compareHits);
  }

  /** Every matching document, in document order, as the typed arrays of `matches`. */
  async matches(query) {
    const terms = queryTerms(query);
    const count = this.manifest.shards;
    const loaded = new Map();
    await Promise.all(terms.map(async (t) => loaded.set(shardOf(t.token, count), await this.shard(shardOf(t.token, count)))));
    const required = [];
    const exact = [];
    for (const term of terms) {
      const entry = loaded.get(shardOf(term.token, count)).get(term.token);
      if (!entry) return matches([]);
      required.push(decodePostings(entry));
      // The exact form is used only when its shard is already here (almost always the stem's own).
      const forms = term.exact !== undefined && loaded.get(shardOf(term.exact, count));
      const form = forms && forms.get(term.exact);
      if (form) exact.push(decodePostings(form));
    }
    return matches(required, exact);
  }

  /**
   * The metadata of some hits: each hit with url, title, kind, excerpt and lang added. A hit whose entry is
   * among the previews of a shard already here needs no chunk: that is the first result of most queries.
   */
  async documents(hits) {
    const size = this.manifest.chunkSize;
    const entries = hits.map((hit) => this.preview(hit.doc));
    const needed = [...new Set(hits.filter((_, i) => !entries[i]).map((h) => Math.floor(h.doc / size)))];
    await Promise.all(needed.map((c) => this.chunk(c)));
    return Promise.all(hits.map(async (hit, i) => {
      const [url, title, kind, excerpt] = entries[i] ?? (await this.chunk(Math.floor(hit.doc / size)))[hit.doc % size];
      return { ...hit, url, title, kind, excerpt, lang: this.lang };
    }));
  }

  /** A document's entry from the previews of the shards that have arrived, or undefined. */
  preview(doc) {
    for (const shard of this.arrived) {
      const entry = shard.preview(doc);
      if (entry) return entry;
    }
    return undefined;
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
