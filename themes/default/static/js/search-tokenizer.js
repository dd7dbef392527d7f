// The search tokenizer. src/CloudPortal/Search/SearchTokenizer.cs implements exactly the same rules at
// index time and tests/search-vectors.json holds the token lists both must produce: change them together.
// docs/SEARCH.md describes the rules.

// Code point ranges treated as CJK (Han, kana, Hangul), inclusive; only letters and numbers inside them
// count, so CJK punctuation still splits runs. Explicit ranges because .NET has no script property.
const CJK = [
  [0x1100, 0x11ff], [0x2e80, 0x2fdf], [0x3005, 0x3007], [0x3021, 0x3029], [0x3031, 0x3035],
  [0x3038, 0x303c], [0x3041, 0x30ff], [0x3130, 0x318f], [0x31f0, 0x31ff], [0x3400, 0x4dbf],
  [0x4e00, 0x9fff], [0xa960, 0xa97f], [0xac00, 0xd7ff], [0xf900, 0xfaff], [0xff66, 0xffdc],
  [0x1b000, 0x1b16f], [0x20000, 0x2fa1f], [0x30000, 0x323af],
];
const WORD = /^[\p{L}\p{M}\p{N}]$/u;
// Words the plural rule would turn into a different, common word.
const KEEP_FINAL_S = new Set(['news']);

// ASCII and the main block of CJK ideographs are told without the regular expression: they are most of
// the text, and highlighting classifies every character of an excerpt while the reader waits.
const isWord = (ch) => {
  const c = ch.charCodeAt(0);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  return WORD.test(ch);
};

// Indexed loops, not destructuring: this runs for every character of an excerpt being highlighted, often
// in code the browser has not optimized yet, where each destructuring walks an iterator.
function isCjk(ch) {
  const cp = ch.codePointAt(0);
  if (cp < CJK[0][0]) return false;
  if (cp >= 0x4e00 && cp <= 0x9fff) return true;
  for (let i = 0; i < CJK.length; i++) {
    if (cp < CJK[i][0]) return false;
    if (cp <= CJK[i][1]) return true;
  }
  return false;
}

/**
 * NFKC, then accents folded (NFD, non-spacing marks dropped except the kana voicing marks U+3099 and U+309A,
 * so ド stays ド; NFC), then lower case per code point.
 */
export function normalize(text) {
  // Highlighting normalizes an excerpt one character at a time; an ASCII character or a CJK ideograph of the
  // main block is left as it is by NFKC and accent folding, so only its case (ASCII) can change.
  if (text.length === 1) {
    const c = text.charCodeAt(0);
    if (c < 0x80) return text.toLowerCase();
    if (c >= 0x4e00 && c <= 0x9fff) return text;
  }
  const folded = text.normalize('NFKC').normalize('NFD').replace(/(?![\u3099\u309a])\p{Mn}/gu, '').normalize('NFC');
  let out = '';
  // One code point at a time, so final sigma is never chosen by position (then sigma is folded anyway).
  for (const ch of folded) {
    const lower = ch.toLowerCase();
    out += lower === 'ς' ? 'σ' : lower;
  }
  return out;
}

const hasVowel = (s) => /[aeiouy]/.test(s);
const isStemBase = (rest) => rest.length >= 3 && hasVowel(rest);
const undouble = (w) =>
  w.length >= 4 && w[w.length - 1] === w[w.length - 2] && !'aeioulsz'.includes(w[w.length - 1]) ? w.slice(0, -1) : w;

/** The small English suffix stemmer for words of a-z only (see SearchTokenizer.Stem for the rules). */
export function stem(word) {
  if (word.length < 3 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('s') && !w.endsWith('ss') && w.length >= 4 && !KEEP_FINAL_S.has(w)) w = w.slice(0, -1);

  if (w.endsWith('ied') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('ed') && !w.endsWith('eed') && isStemBase(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  else if (w.endsWith('ing') && isStemBase(w.slice(0, -3))) w = undouble(w.slice(0, -3));

  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/**
 * Splits a sequence of normalized code points into runs of CJK characters and runs of other letters,
 * marks and digits; an apostrophe between two such characters is dropped. Returns [first, end, cjk] index
 * triples into `chars`, with apostrophes left out of a run's characters by `skip`.
 */
export function runs(chars) {
  const out = [];
  let start = -1;
  let cjk = false;
  const skip = new Set();
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const word = isWord(ch);
    if (!word && (ch === "'" || ch === '\u2019') && i > 0 && i + 1 < chars.length && isWord(chars[i - 1]) && isWord(chars[i + 1])) {
      skip.add(i);
      continue;
    }
    const c = word && isCjk(ch);
    if (start >= 0 && (!word || c !== cjk)) {
      out.push([start, i, cjk]);
      start = -1;
    }
    if (word && start < 0) {
      start = i;
      cjk = c;
    }
  }
  if (start >= 0) out.push([start, chars.length, cjk]);
  return out.map(([first, end, isCjkRun]) => {
    const members = [];
    for (let i = first; i < end; i++) if (!skip.has(i)) members.push(i);
    return { members, cjk: isCjkRun };
  });
}

function bigrams(points) {
  if (points.length === 1) return [points[0]];
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) out.push(points[i] + points[i + 1]);
  return out;
}

function analyze(text) {
  const chars = Array.from(normalize(text));
  return runs(chars).map(({ members, cjk }) => {
    const points = members.map((i) => chars[i]);
    return { cjk, points, word: points.join('') };
  });
}

/** Index tokens in order, repeats included: word then stem (when different); CJK bigrams or a lone character. */
export function tokenize(text) {
  const tokens = [];
  for (const run of analyze(text)) {
    if (run.cjk) tokens.push(...bigrams(run.points));
    else {
      tokens.push(run.word);
      const s = stem(run.word);
      if (s !== run.word) tokens.push(s);
    }
  }
  return tokens;
}

/**
 * The query's terms: `token` must be in a matching document; `exact` (words only, when it differs from the
 * stem) is the word as typed, which ranks pages using that very form higher.
 */
export function queryTerms(text) {
  const terms = [];
  const seen = new Set();
  for (const run of analyze(text)) {
    const produced = run.cjk ? bigrams(run.points).map((t) => ({ token: t })) : [{ token: stem(run.word), exact: run.word }];
    for (const term of produced) {
      if (seen.has(term.token)) continue;
      seen.add(term.token);
      if (term.exact === term.token) delete term.exact;
      terms.push(term);
    }
  }
  return terms;
}

/** The tokens a document must all contain to match the query, distinct, in order of first appearance. */
export function queryTokens(text) {
  return queryTerms(text).map((t) => t.token);
}
