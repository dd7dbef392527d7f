// The search box. A form[data-search] with data-search-index (the URL of a language's index folder, or
// several separated by spaces) searches as the user types, on a page with a [data-search-results] element;
// any other form[data-search] (the header box) just submits ?q= to the search page. Results are built with
// createElement and textContent only. docs/SEARCH.md lists the attributes.
import { SearchIndex, allHits, compareHits, highlight, snippet, topHits, warmUp, warmUpAtScale } from './search-core.js';

// Keystrokes closer together than this make one search; short, since a search costs a few milliseconds.
const DELAY = 30;
const PAGE = 10;

function marked(parent, parts) {
  for (const part of parts) {
    if (part.mark) {
      const mark = document.createElement('mark');
      mark.textContent = part.text;
      parent.append(mark);
    } else {
      parent.append(part.text);
    }
  }
  return parent;
}

function element(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function setup(form, results) {
  const bases = (form.dataset.searchIndex || '').split(/\s+/).filter(Boolean);
  const input = form.querySelector('input[type=search][name=q]');
  if (!bases.length || !input) return;
  const status = document.querySelector('[data-search-status]');
  const text = (name, fallback) => results.getAttribute(name) ?? fallback;
  let indexes = null;
  // The indexes once open, so a query asks for its shards in the very input event that typed it.
  let opened = null;
  let run = 0;
  let timer = 0;
  // The current query's hits per index (typed arrays, see `matches`); made into objects and sorted only
  // when the reader asks for more than the first page.
  let found = [];
  let total = 0;
  let sorted = null;
  let shown = 0;
  let query = '';
  let button = null;
  if (status && !status.hasAttribute('aria-live')) status.setAttribute('aria-live', 'polite');

  // Opened on the first search; a failed open is forgotten so the next keystroke tries again.
  const open = () => {
    if (!indexes) {
      indexes = Promise.all(bases.map((base) => SearchIndex.open(base))).then(
        (list) => (opened = list),
        (error) => {
          indexes = null;
          throw error;
        },
      );
    }
    return indexes;
  };

  const announce = (message) => {
    if (status) status.textContent = message;
  };

  function render(hit, list) {
    const item = element('li', 'card');
    item.lang = hit.lang || form.dataset.searchLang || '';
    item.append(element('p', 'kind', text(`data-kind-${hit.kind}`, hit.kind)));
    const link = element('a', '');
    link.href = hit.url;
    item.append(element('h2', '', marked(link, highlight(hit.title, query))));
    if (hit.excerpt) item.append(marked(element('p', ''), snippet(hit.excerpt, query)));
    item.append(element('p', 'meta', text(`data-lang-${hit.lang}`, hit.lang)));
    list.append(item);
  }

  // The hits of every index as objects marked with that index, and with its place among them (which ranks ties).
  const tagged = (pick) => found.flatMap(({ hits, index }, order) => pick(hits).map((hit) => Object.assign(hit, { order, index })));

  async function more(id) {
    if (shown > 0 && !sorted) sorted = tagged(allHits).sort(compareHits);
    // The first page is the best PAGE of each index's own best PAGE.
    const page = shown === 0 ? tagged((hits) => topHits(hits, PAGE)).sort(compareHits).slice(0, PAGE) : sorted.slice(shown, shown + PAGE);
    shown += page.length;
    // The first hit is looked up alone (usually in the previews of the shards just loaded, else in its chunk),
    // and the others only in a later task, once the first result is on the page: asking for chunks costs the
    // page's thread time too. Each further result appears, in rank order, once it has arrived.
    let list = null;
    const show = (hit) => {
      list ??= results.querySelector('ol') ?? results.appendChild(element('ol', 'cards'));
      render(hit, list);
    };
    if (page.length) {
      const [first] = await page[0].index.documents([page[0]]);
      if (id !== run) return;
      show(first);
      await new Promise((resolve) => setTimeout(resolve));
      if (id !== run) return;
    }
    for (const load of page.slice(1).map((hit) => hit.index.documents([hit]))) {
      const [hit] = await load;
      if (id !== run) return;
      show(hit);
    }
    button?.remove();
    button = null;
    if (shown < total) {
      button = element('button', 'more', text('data-more', 'More'));
      button.type = 'button';
      button.addEventListener('click', (event) => {
        event.currentTarget.disabled = true;
        more(id).catch((error) => announce(text('data-status-error', String(error))));
      });
      results.append(button);
    }
  }

  // The address keeps the query, so a reload or a shared link shows the same results.
  const remember = () => {
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(history.state, '', url);
  };

  async function search(value) {
    const id = ++run;
    query = value.trim();
    results.replaceChildren();
    button = null;
    found = [];
    total = 0;
    sorted = null;
    shown = 0;
    if (!query) {
      remember();
      announce('');
      return;
    }
    try {
      const list = opened ?? (await open());
      const matched = await Promise.all(list.map((index) => index.matches(query)));
      if (id !== run) return;
      found = matched.map((hits, order) => ({ hits, index: list[order] }));
      total = matched.reduce((sum, hits) => sum + hits.length, 0);
      announce(total ? text('data-status-count', '{0}').replace('{0}', total) : text('data-status-none', ''));
      if (total) await more(id);
      // The address is updated once the results are shown: the browser takes a good part of a frame for it,
      // which the reader should not wait for.
      if (id === run) remember();
    } catch (error) {
      if (id !== run) return;
      announce(text('data-status-error', String(error)));
      console.error(error);
    }
  }

  // The manifests are fetched as soon as the reader is in the box, so the first keystroke waits only for
  // shards; and the code a query runs is run once on a tiny sample, so the browser has compiled it by then.
  input.addEventListener(
    'focus',
    () => {
      open().catch(() => {});
      warmUp();
      // Once the page is idle: a keystroke already queued is searched first.
      setTimeout(warmUpAtScale, 0);
    },
    { once: true },
  );
  // The first keystroke after a pause searches at once (an IME's committed word or a paste is one
  // input event); keystrokes that follow within DELAY wait for the last of them.
  let lastSearch = -Infinity;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const go = () => {
      // Emptying the box costs nothing, so it does not hold back the query typed next.
      if (input.value.trim()) lastSearch = performance.now();
      search(input.value);
    };
    if (performance.now() - lastSearch >= DELAY) go();
    else timer = setTimeout(go, DELAY);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });
  const q = new URLSearchParams(location.search).get('q');
  if (q) {
    input.value = q;
    search(q);
  }
}

const results = document.querySelector('[data-search-results]');
if (results) for (const form of document.querySelectorAll('form[data-search]')) setup(form, results);
