// The search box. A form[data-search] with data-search-index (the URL of a language's index folder, or
// several separated by spaces) searches as the user types, on a page with a [data-search-results] element;
// any other form[data-search] (the header box) just submits ?q= to the search page. Results are built with
// createElement and textContent only. docs/SEARCH.md lists the attributes.
import { SearchIndex, compareHits, highlight, snippet, topHits } from './search-core.js';

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
  let run = 0;
  let timer = 0;
  // Every hit of the current query; sorted only when the reader asks for more than the first page.
  let hits = [];
  let sorted = false;
  let shown = 0;
  let query = '';
  let button = null;
  if (status && !status.hasAttribute('aria-live')) status.setAttribute('aria-live', 'polite');

  // Opened on the first search; a failed open is forgotten so the next keystroke tries again.
  const open = () => {
    if (!indexes) {
      indexes = Promise.all(bases.map((base) => SearchIndex.open(base))).catch((error) => {
        indexes = null;
        throw error;
      });
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

  async function more(id) {
    if (shown > 0 && !sorted) {
      hits.sort(compareHits);
      sorted = true;
    }
    const page = shown === 0 ? topHits(hits, PAGE) : hits.slice(shown, shown + PAGE);
    shown += page.length;
    // The first hit's chunk is asked for alone, so it does not queue behind the others; then the rest
    // at once. Each result appears, in rank order, as soon as it and those above it have arrived.
    const first = page.length ? page[0].index.documents([page[0]]).then((docs) => docs[0]) : null;
    const rest = (first ?? Promise.resolve()).then(() => page.slice(1).map((hit) => hit.index.documents([hit]).then((docs) => docs[0])));
    const loading = page.map((_, i) => (i === 0 ? first : rest.then((all) => all[i - 1])));
    let list = null;
    for (const load of loading) {
      const hit = await load;
      if (id !== run) return;
      list ??= results.querySelector('ol') ?? results.appendChild(element('ol', 'cards'));
      render(hit, list);
    }
    button?.remove();
    button = null;
    if (shown < hits.length) {
      button = element('button', 'more', text('data-more', 'More'));
      button.type = 'button';
      button.addEventListener('click', (event) => {
        event.currentTarget.disabled = true;
        more(id).catch((error) => announce(text('data-status-error', String(error))));
      });
      results.append(button);
    }
  }

  async function search(value) {
    const id = ++run;
    query = value.trim();
    const url = new URL(location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    history.replaceState(history.state, '', url);
    results.replaceChildren();
    button = null;
    hits = [];
    sorted = false;
    shown = 0;
    if (!query) {
      announce('');
      return;
    }
    try {
      const list = await open();
      const found = await Promise.all(list.map((index) => index.matches(query)));
      if (id !== run) return;
      // The hits are this query's own objects: marked with their index in place rather than copied.
      hits = [];
      found.forEach((matched, order) => {
        for (const hit of matched) {
          hit.order = order;
          hit.index = list[order];
          hits.push(hit);
        }
      });
      announce(hits.length ? text('data-status-count', '{0}').replace('{0}', hits.length) : text('data-status-none', ''));
      if (hits.length) await more(id);
    } catch (error) {
      if (id !== run) return;
      announce(text('data-status-error', String(error)));
      console.error(error);
    }
  }

  // The manifests are fetched as soon as the reader is in the box, so the first keystroke waits only for shards.
  input.addEventListener('focus', () => open().catch(() => {}), { once: true });
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
