// Case explorer: every filter combination is a static page; this only makes switching between them
// instant, by fetching the target page and swapping the facets and results in place.
const root = document.querySelector('[data-explorer]');
if (root) {
  const swap = async (url, push) => {
    const response = await fetch(url, { headers: { Accept: 'text/html' } });
    if (!response.ok) { location.href = url; return; }
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const next = page.querySelector('[data-explorer]');
    if (!next) { location.href = url; return; }
    root.replaceChildren(...next.childNodes);
    document.title = page.title;
    if (push) history.pushState({ explorer: true }, '', url);
  };
  root.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('.facets a, .explorer-results p a') : null;
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    swap(link.href, true).catch(() => { location.href = link.href; });
  });
  window.addEventListener('popstate', () => swap(location.href, false).catch(() => location.reload()));
}
