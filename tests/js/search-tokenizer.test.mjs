// node --test tests/js/ : the browser side of search. The tokenizer must produce exactly the token lists of
// tests/search-vectors.json (which SearchTokenizerTests.cs checks against the C# tokenizer), and search-core
// must answer queries over an index written by the C# SearchIndexWriter exactly as the C# test reader does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { queryTerms, queryTokens, stem, tokenize } from '../../themes/default/static/js/search-tokenizer.js';
import { SearchIndex, allHits, compareHits, decodeShard, fnv1a, highlight, matches, postings, rank, snippet, topHits, warmUp, warmUpAtScale } from '../../themes/default/static/js/search-core.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const vectors = JSON.parse(readFileSync(join(root, 'tests', 'search-vectors.json'), 'utf8')).cases;
// Written by SearchTokenizerTests.cs (dotnet test) under bin/, with the C# reader's answers in expected.json.
const fixture = join(root, 'tests', 'CloudPortal.Tests', 'bin', 'search-fixture');

test('there are at least forty shared vectors', () => {
  assert.ok(vectors.length >= 40);
});

for (const vector of vectors) {
  test(`vector: ${vector.name}`, () => {
    assert.deepEqual(tokenize(vector.text), vector.tokens);
    assert.deepEqual(queryTokens(vector.text), vector.query);
  });
}

test('the forms of an English word share one stem', () => {
  assert.equal(stem('regions'), 'region');
  assert.equal(stem('providers'), 'provider');
  assert.equal(stem('zones'), stem('zone'));
  assert.equal(stem('computing'), stem('compute'));
  assert.equal(stem('computed'), stem('computes'));
});

test('a query keeps the typed form of a word beside its stem', () => {
  assert.deepEqual(queryTerms('Regions 云计算 cloud'), [
    { token: 'region', exact: 'regions' },
    { token: '云计' },
    { token: '计算' },
    { token: 'cloud' },
  ]);
});

test('FNV-1a matches the reference values', () => {
  assert.equal(fnv1a(''), 0x811c9dc5);
  assert.equal(fnv1a('a'), 0xe40c292c);
  assert.equal(fnv1a('foobar'), 0xbf9cf968);
});

/** Postings (typed arrays) from [doc, tf, in title] triples. */
function list(triples) {
  const out = postings(triples.length);
  triples.forEach(([doc, tf, title], i) => {
    out.doc[i] = doc;
    out.tf[i] = tf;
    out.title[i] = title ? 1 : 0;
  });
  return out;
}

test('rank keeps documents holding every token, title matches first, then term frequency', () => {
  const hits = rank([
    list([[1, 5, false], [2, 1, true], [3, 9, false], [4, 1, false]]),
    list([[1, 1, false], [2, 1, true], [3, 1, false]]),
  ]);
  assert.deepEqual(hits.map((h) => h.doc), [2, 3, 1]);
  assert.deepEqual(hits[0], { doc: 2, titleHits: 2, score: 2 });
  assert.deepEqual(rank([list([[1, 1, false]]), list([])]), []);
  assert.deepEqual(rank([list([[1, 1, false], [2, 1, false]])], [list([[2, 3, false]])]).map((h) => h.doc), [2, 1]);
  assert.deepEqual(rank([]), []);
});

// A small deterministic generator, so the lists below are the same on every run.
function lists(seed, count, length) {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: count }, () => {
    const list = [];
    for (let doc = 0; list.length < length && doc < length * 4; doc++) {
      if (next() < 0.5) list.push([doc, 1 + Math.floor(next() * 5), next() < 0.2]);
    }
    return list;
  });
}

test('matches finds what an intersection by hashing finds, with the same titles and scores', () => {
  const [a, b, c, exact] = lists(7, 4, 400);
  const byDoc = (list) => new Map(list.map(([doc, tf, title]) => [doc, { tf, title }]));
  const [mb, mc, me] = [byDoc(b), byDoc(c), byDoc(exact)];
  const expected = a.filter(([doc]) => mb.has(doc) && mc.has(doc)).map(([doc, tf, title]) => ({
    doc,
    titleHits: (title ? 1 : 0) + (mb.get(doc).title ? 1 : 0) + (mc.get(doc).title ? 1 : 0),
    score: tf + mb.get(doc).tf + mc.get(doc).tf + (me.get(doc)?.tf ?? 0),
  }));

  assert.ok(expected.length > 10);
  assert.deepEqual(allHits(matches([a, b, c].map(list), [list(exact)])), expected);
  assert.deepEqual(allHits(matches([list(a), list(b), list(a.slice(0, 0))])), [], 'an empty list leaves no hit');
  const input = list(a);
  matches([input, list(b)]);
  assert.deepEqual(allHits(matches([input])).map((h) => h.doc), a.map(([doc]) => doc), 'the postings given are not changed');
});

test('topHits gives the first page of the full ranking without sorting every hit', () => {
  const [triples] = lists(11, 1, 2000);
  const hits = matches([list(triples)]);
  const sorted = allHits(hits).sort(compareHits);

  for (const count of [1, 10, 25]) assert.deepEqual(topHits(hits, count), sorted.slice(0, count));
  const three = triples.slice(0, 3);
  assert.deepEqual(topHits(matches([list(three)]), 10), sorted.filter((h) => h.doc <= three[2][0]));
  assert.deepEqual(topHits(matches([list([])]), 10), []);
  assert.deepEqual(topHits(hits, 0), []);
});

test('a shard finds a token by its bytes, and says when it does not hold one', () => {
  const utf8 = new TextEncoder();
  const entry = (token, count, bytes) => [utf8.encode(token).length, ...utf8.encode(token), count, bytes.length, ...bytes];
  const shard = decodeShard(Uint8Array.from([...utf8.encode('CPS2'), 0, 3, ...entry('云计', 1, [5, 2]), ...entry('计算', 2, [1, 3, 2, 4]), ...entry('cloud', 1, [7, 9])]).buffer);
  assert.deepEqual([...shard.get('计算').bytes], [1, 3, 2, 4]);
  assert.equal(shard.get('计算').count, 2);
  assert.deepEqual([...shard.get('cloud').bytes], [7, 9]);
  assert.equal(shard.get('云'), undefined, 'a prefix of a token is not the token');
  assert.equal(shard.get('clouds'), undefined);
  assert.equal(shard.preview(5), undefined, 'a shard without previews has none');
  assert.throws(() => decodeShard(utf8.encode('CPS1').buffer), /not a search shard/, 'a shard of the format before previews');
});

test('a shard\'s previews give the entries it holds, and its tokens are found after them', () => {
  const utf8 = new TextEncoder();
  const excerpt = '云计算的摘要。'.repeat(10);
  const previews = utf8.encode(JSON.stringify([[3, '/a/', '云计算', 'article', excerpt], [9, '/b/', 'Cloud', 'provider', '']]));
  const length = [(previews.length & 0x7f) | 0x80, previews.length >> 7];
  const token = utf8.encode('云计');
  const shard = decodeShard(Uint8Array.from([...utf8.encode('CPS2'), ...length, ...previews, 1, token.length, ...token, 1, 2, 3, 2]).buffer);
  assert.ok(previews.length >= 128, 'the length takes two varint bytes');
  assert.deepEqual(shard.get('云计'), { count: 1, bytes: Uint8Array.from([3, 2]) });
  assert.deepEqual(shard.preview(3), ['/a/', '云计算', 'article', excerpt]);
  assert.deepEqual(shard.preview(9), ['/b/', 'Cloud', 'provider', '']);
  assert.equal(shard.preview(4), undefined);
});

test('the warm-up runs a whole query over its own sample', () => {
  const best = warmUp();
  assert.deepEqual([best.doc, best.titleHits, best.score], [1, 2, 3]);
  assert.ok(best.shard >= 0 && best.shard < 7);
  assert.ok(best.snippet.some((part) => part.mark && part.text === 'regions'), JSON.stringify(best.snippet));
});

test('the warm-up at scale runs a query over a shard it builds, with every document of one list in the other found', () => {
  // 'warm' holds documents 0..n-1, 'up' every second one from 0: they share the even ones below n.
  assert.equal(warmUpAtScale(10, 100), 50);
  assert.equal(warmUpAtScale(1000, 5000), 2500);
  assert.equal(warmUpAtScale(0, 1), 1);
});

const marked = (parts) => parts.map((p) => (p.mark ? `[${p.text}]` : p.text)).join('');

test('highlight marks matched CJK bigrams and words in their original form', () => {
  assert.equal(marked(highlight('华为云在马来西亚开设可用区', '可用区 马来西亚')), '华为云在[马来西亚]开设[可用区]');
  assert.equal(marked(highlight('Huawei’s new Regions in Malaysia', 'region huawei')), '[Huawei’s] new [Regions] in Malaysia');
  assert.equal(marked(highlight('Telefónica and ＣＬＯＵＤ', 'telefonica cloud')), '[Telefónica] and [ＣＬＯＵＤ]');
  assert.equal(marked(highlight('华为云计算', '云')), '华为[云]计算');
  assert.equal(marked(highlight('华为与华为云', '华为云')), '华为与[华为云]', 'a whole occurrence is marked, not its bigrams elsewhere');
  assert.equal(marked(highlight('马来，来西，西亚', '马来西亚')), '[马来]，[来西]，[西亚]', 'with no whole occurrence, the bigrams are marked');
  assert.equal(marked(highlight('nothing here', '云计算')), 'nothing here');
});

test('snippet shows the opening, or the part around a match beyond it', () => {
  const opening = '马来西亚'.repeat(5) + '云'.repeat(200) + '可用区';
  assert.equal(marked(snippet(opening, '马来西亚', 30)), '[' + '马来西亚'.repeat(5) + ']' + '云'.repeat(10) + '…');
  const late = snippet(opening, '可用区', 160);
  assert.equal(late[0].text, '…');
  assert.ok(marked(late).endsWith('[可用区]'));
  assert.equal(marked(snippet('no match here', '云计算')), 'no match here');
});

/** A test over the index the C# tests wrote (SearchTokenizerTests), skipped with a reason when it is not there. */
function fixtureTest(name, body) {
  test(name, async (t) => {
    if (!existsSync(join(fixture, 'expected.json'))) {
      t.skip('no fixture index: run `dotnet test --filter "FullyQualifiedName~Search"` first');
      return;
    }
    await body();
  });
}

/** A fetch over the fixture folder that records what it was asked for. */
function fixtureFetch(log) {
  return async (url) => {
    const path = url.split('?')[0];
    log.push(url);
    const file = join(fixture, path);
    if (!existsSync(file)) return { ok: false, status: 404 };
    const bytes = readFileSync(file);
    return {
      ok: true,
      status: 200,
      json: async () => JSON.parse(bytes.toString('utf8')),
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    };
  };
}

fixtureTest('search-core answers like the C# reader over an index the C# writer built', async () => {
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8'));
  const indexes = new Map();
  for (const { lang, query, urls } of expected) {
    if (!indexes.has(lang)) indexes.set(lang, await SearchIndex.open(`search/${lang}/`, fixtureFetch([])));
    const index = indexes.get(lang);
    const hits = await index.search(query);
    const documents = await index.documents(hits);
    assert.deepEqual(documents.map((d) => d.url), urls, `${lang}: ${query}`);
    assert.ok(documents.every((d) => d.lang === lang && d.title !== undefined && d.excerpt !== undefined));
  }
});

fixtureTest('a first query fetches the manifest, its tokens\' shards and the chunks of the hits shown', async () => {
  const log = [];
  const index = await SearchIndex.open('search/zh/', fixtureFetch(log));
  const hits = await index.search('云计算');
  await index.documents(hits.slice(0, 10));
  const shards = log.filter((u) => u.includes('/shards/'));
  const chunks = log.filter((u) => u.includes('/docs/'));
  assert.equal(log[0], 'search/zh/index.json');
  assert.ok(shards.length >= 1 && shards.length <= 2, shards.join(' '));
  assert.ok(chunks.length <= 10, chunks.join(' '));
  assert.ok([...shards, ...chunks].every((u) => u.endsWith(`?v=${index.manifest.version}`)));
  await index.search('云计算');
  assert.equal(log.length, 1 + shards.length + chunks.length, 'a repeated query is served from memory');
});

fixtureTest('the first result of a common query comes with its shards, as its chunk holds it', async () => {
  for (const [lang, query] of [['zh', '云计算'], ['zh', '可用区'], ['en', 'cloud']]) {
    const log = [];
    const index = await SearchIndex.open(`search/${lang}/`, fixtureFetch(log));
    const [first] = await index.search(query);
    const [shown] = await index.documents([first]);
    assert.deepEqual(log.filter((u) => u.includes('/docs/')), [], `${lang} ${query}: no chunk fetched for the first result`);

    const size = index.manifest.chunkSize;
    const [url, title, kind, excerpt] = (await index.chunk(Math.floor(first.doc / size)))[first.doc % size];
    assert.deepEqual(shown, { ...first, url, title, kind, excerpt, lang });
  }
});

fixtureTest('a result without a preview is read from its chunk', async () => {
  const log = [];
  const index = await SearchIndex.open('search/zh/', fixtureFetch(log));
  const hits = await index.search('云计算');
  const missing = hits.find((hit) => index.preview(hit.doc) === undefined);
  assert.ok(missing, 'some hit of the fixture has no preview');
  const [shown] = await index.documents([missing]);
  const size = index.manifest.chunkSize;
  assert.deepEqual(log.filter((u) => u.includes('/docs/')).map((u) => u.split('?')[0]), [`search/zh/docs/${Math.floor(missing.doc / size)}.json`]);
  assert.equal(shown.url, (await index.chunk(Math.floor(missing.doc / size)))[missing.doc % size][0]);
});
