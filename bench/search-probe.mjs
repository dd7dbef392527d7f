// node bench/search-probe.mjs OUT: CloudPortal's search page vs Pagefind, in Debian's chromium.
// Needs playwright-core: PF_MODULES=<folder holding node_modules> (bench/search.sh sets it).
// Serves OUT on 127.0.0.1 (a small static server, no compression: bytes are raw body bytes), then per
// query, each side in a fresh browser context (empty cache):
//   CloudPortal: /search/?q= (zh) or /en/search/?q= (Latin queries); bytes = bodies of every response
//     under /search/ and of /js/search*.js until the first page (10 results) is shown; results = the
//     count in [data-search-status]; ms = from navigation start to the first element in
//     [data-search-results] (MutationObserver, performance.now()).
//   Pagefind: a blank page /__probe/<lang> of the same origin (<html lang> = zh or en, which picks
//     Pagefind's per-language index); import('/pagefind/pagefind.js'), init(), search(q), data() of the
//     first 10; bytes = bodies of every /pagefind/ response; ms = performance.now() around all of it.
// Then, CloudPortal only, typing to first result on a loaded search page (see typing() below).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SERVE = process.argv[2] === '--serve';
const OUT = path.resolve(process.argv[SERVE ? 3 : 2] || '');
if (!OUT || !fs.existsSync(path.join(OUT, 'search'))) {
  console.error('usage: node bench/search-probe.mjs OUT   (OUT = a built CloudPortal site with search/ and pagefind/)');
  process.exit(2);
}

const QUERIES = ['云计算', '可用区', '华为云', '马来西亚', 'regions', 'Kubernetes'];
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm', '.xml': 'application/xml' };

// The static server runs in a process of its own (this script with --serve): in this one, the browser's
// protocol traffic would hold back its responses, which a real host does not do.
function serve(root) {
  return http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const m = url.pathname.match(/^\/__probe\/(\w+)$/);
    if (m) {
      res.writeHead(200, { 'content-type': MIME['.html'] });
      return res.end(`<!DOCTYPE html><html lang="${m[1]}"><head><meta charset="utf-8"><title>probe</title></head><body></body></html>`);
    }
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
      const body = fs.readFileSync(file);
      res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream', 'content-length': body.length });
      res.end(body);
    } catch { res.writeHead(404); res.end('not found'); }
  });
}
if (SERVE) {
  const server = serve(OUT);
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
  await new Promise(() => {});
}
const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', OUT], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((resolve, reject) => {
  child.stdout.once('data', (data) => resolve(parseInt(String(data), 10)));
  child.once('exit', (code) => reject(new Error(`static server exited with ${code}`)));
});
const ORIGIN = `http://127.0.0.1:${port}`;

const require = createRequire(path.join(process.env.PF_MODULES || process.cwd(), 'x.js'));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'] });

const isCjk = q => /[\u3400-\u9fff]/.test(q);

// counts response body bytes of the URLs `match` accepts, in a fresh context
async function withContext(match, fn) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let bytes = 0, files = 0;
  const pending = [];
  page.on('response', resp => {
    const p = new URL(resp.url()).pathname;
    if (!match(p)) return;
    pending.push(resp.body().then(b => { bytes += b.length; files++; }, () => {}));
  });
  try {
    const r = await fn(page);
    await Promise.all(pending);
    return { ...r, bytes, files };
  } finally { await context.close(); }
}

async function cloudportal(q) {
  const prefix = isCjk(q) ? '' : '/en';
  return withContext(p => p.startsWith('/search/') || /^\/js\/search[^/]*\.js$/.test(p), async page => {
    // Done when the status shows a count (also for 0 results) and, with results, the first page is there.
    // Watched by a promise the page makes itself: Playwright's waitForFunction would load its own script
    // into the page while the search runs, and that takes the page's thread for tens of milliseconds.
    await page.addInitScript(() => {
      window.__done = new Promise((resolve) => {
        new MutationObserver((_, obs) => {
          const box = document.querySelector('[data-search-results]');
          if (box && box.querySelector('li, .card') && window.__firstResult === undefined) window.__firstResult = performance.now();
          // Done when the first page is complete (min(10, count) results), so its bytes are all counted.
          const s = document.querySelector('[data-search-status]');
          const count = s ? parseInt(s.textContent.trim(), 10) : NaN;
          const shown = box ? box.querySelectorAll('li').length : 0;
          if (s && s.textContent.trim() !== '' &&
              ((count > 0 && shown >= Math.min(10, count)) || /^0\b/.test(s.textContent.trim()) || s.textContent.includes('error'))) {
            obs.disconnect();
            resolve();
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
    });
    await page.goto(`${ORIGIN}${prefix}/search/?q=${encodeURIComponent(q)}`);
    await page.evaluate(() => window.__done);
    const r = await page.evaluate(() => ({
      status: document.querySelector('[data-search-status]').textContent.trim(),
      shown: document.querySelectorAll('[data-search-results] li').length,
      ms: window.__firstResult,
    }));
    const n = parseInt(r.status, 10);
    return { results: Number.isNaN(n) ? r.status : n, shown: r.shown, ms: r.ms };
  });
}

// Typing: the search page loaded, the reader clicks into the box (which fetches the manifests), then the
// query arrives as one input event, as an IME commits a Chinese word or a paste does; ms = from that input
// event to the first result in the list. Two queries per fresh context: the first fetches its shards
// (cold), the second is another query on the same page (the manifest and some shards already there).
// From the page's resource timings, also: when the last shard the query fetched had arrived, and when
// the first result's chunk was requested (what lies between is decoding and ranking in the page).
async function typing(q, next) {
  const prefix = isCjk(q) ? '' : '/en';
  return withContext(p => p.startsWith('/search/') || /^\/js\/search[^/]*\.js$/.test(p), async page => {
    await page.goto(`${ORIGIN}${prefix}/search/`, { waitUntil: 'networkidle' });
    await page.click('#search-page-q');
    await page.waitForLoadState('networkidle');
    const measure = async text => {
      await page.evaluate(() => {
        performance.clearResourceTimings();
        window.__firstResult = undefined;
        const box = document.querySelector('[data-search-results]');
        const old = new Set(box.querySelectorAll('li'));
        window.__done = new Promise((resolve) => {
          new MutationObserver((_, obs) => {
            const first = box.querySelector('li');
            if (first && !old.has(first)) { window.__firstResult = performance.now(); obs.disconnect(); resolve(); }
          }).observe(box, { childList: true, subtree: true });
        });
        // Captured on the window, so the time is taken before the search script's own listener runs.
        window.addEventListener('input', () => { window.__input = performance.now(); }, { capture: true, once: true });
      });
      await page.fill('#search-page-q', text);
      await page.evaluate(() => window.__done);
      return page.evaluate(() => {
        const since = (e) => e.startTime >= window.__input;
        const entries = performance.getEntriesByType('resource').filter(since);
        const shards = entries.filter((e) => e.name.includes('/shards/')).map((e) => e.responseEnd - window.__input);
        const chunks = entries.filter((e) => e.name.includes('/docs/')).map((e) => e.startTime - window.__input);
        return {
          ms: window.__firstResult - window.__input,
          shards: shards.length ? Math.max(...shards) : undefined,
          chunk: chunks.length ? Math.min(...chunks) : undefined,
        };
      });
    };
    const cold = await measure(q);
    const warm = await measure(next);
    return { cold, warm };
  });
}

async function pagefind(q) {
  const lang = isCjk(q) ? 'zh' : 'en';
  return withContext(p => p.startsWith('/pagefind/'), async page => {
    await page.goto(`${ORIGIN}/__probe/${lang}`);
    return page.evaluate(async q => {
      const t0 = performance.now();
      const pf = await import('/pagefind/pagefind.js');
      await pf.init();
      const r = await pf.search(q);
      await Promise.all(r.results.slice(0, 10).map(x => x.data()));
      return { results: r.results.length, shown: Math.min(10, r.results.length), ms: performance.now() - t0 };
    }, q);
  });
}

const kb = b => (b / 1024).toFixed(1);
const ms = v => (v === undefined ? '-' : v.toFixed(0));
const rows = [];
for (const q of QUERIES) {
  const c = await cloudportal(q);
  const p = await pagefind(q);
  rows.push([q, `${kb(c.bytes)} KiB (${c.files})`, String(c.results), ms(c.ms), `${kb(p.bytes)} KiB (${p.files})`, String(p.results), ms(p.ms)]);
}
// Only queries with results: the time to a first result is undefined for the others.
const found = rows.filter(r => r[2] !== '0').map(r => r[0]);
const typed = [];
for (const q of found) {
  const next = found.filter(x => isCjk(x) === isCjk(q) && x !== q)[0] ?? q;
  const t = await typing(q, next);
  typed.push([q, next, t.cold, t.warm]);
}
await browser.close();
child.kill();

const head = ['query', 'CloudPortal bytes (files)', 'results', 'ms', 'Pagefind bytes (files)', 'results', 'ms'];
const all = [head, ...rows];
const w = head.map((_, i) => Math.max(...all.map(r => [...r[i]].length + (i === 0 ? [...r[i]].filter(ch => isCjk(ch)).length : 0))));
const pad = (s, i) => { const width = [...s].length + (i === 0 ? [...s].filter(ch => isCjk(ch)).length : 0); return i === 0 ? s + ' '.repeat(w[i] - width) : ' '.repeat(w[i] - width) + s; };
console.log('| ' + head.map(pad).join(' | ') + ' |');
console.log('|' + w.map((x, i) => (i === 0 ? '-'.repeat(x + 2) : '-'.repeat(x + 1) + ':')).join('|') + '|');
for (const r of rows) console.log('| ' + r.map(pad).join(' | ') + ' |');
console.log('bytes: raw response bodies (no compression), cold cache; results: total hits; ms: navigation start to first result (CloudPortal), import + init + search + 10x data() (Pagefind)');
// Pagefind's known problem: 0 results for some Chinese queries written without spaces (no segmentation)
const zero = rows.filter(r => isCjk(r[0]) && r[5] === '0' && r[2] !== '0').map(r => r[0]);
if (zero.length) console.log(`Pagefind found nothing for ${zero.join(', ')} where CloudPortal did: its known problem with Chinese queries written without spaces.`);
const none = rows.filter(r => r[2] === '0' && r[5] === '0').map(r => r[0]);
if (none.length) console.log(`No results on either side for ${none.join(', ')} (not in the corpus).`);
console.log('');
console.log('Typing to first result, CloudPortal (search page loaded, box focused, query as one input event;');
console.log('in brackets: shards arrived / first chunk requested, ms after the input event, "-" when none was fetched):');
const parts = (t) => `${t.ms.toFixed(0)} ms [${ms(t.shards)} / ${ms(t.chunk)}]`;
for (const [q, next, cold, warm] of typed) console.log(`  ${q}: ${parts(cold)} (first query on the page); then ${next}: ${parts(warm)}`);
const all2 = typed.flatMap(t => [t[2].ms, t[3].ms]).sort((a, b) => a - b);
console.log(`typing-to-first-result: median ${all2[Math.floor(all2.length / 2)].toFixed(0)} ms, max ${all2[all2.length - 1].toFixed(0)} ms over ${all2.length} queries`);
