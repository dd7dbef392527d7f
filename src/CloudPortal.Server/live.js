// cloudportal serve: reloads the page when the site is rebuilt, swaps stylesheets when only CSS changed.
// Injected into every HTML response of the preview server; never part of a built site.
(() => {
  "use strict";
  const script = document.currentScript;
  let version = script ? script.getAttribute("data-version") : null;
  let source = null;

  const reload = () => location.reload();

  // A CSS-only rebuild: stylesheet names are fingerprinted and carry SRI hashes, so the new names and
  // hashes come from a fresh copy of this page; each link is replaced once its successor has loaded,
  // so the page never shows unstyled.
  const swapStylesheets = async () => {
    try {
      const response = await fetch(location.href, { cache: "no-store" });
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
      const next = [...fresh.querySelectorAll('link[rel~="stylesheet"]')];
      const current = [...document.querySelectorAll('link[rel~="stylesheet"]')];
      if (next.length !== current.length) {
        reload();
        return;
      }
      current.forEach((link, i) => {
        const url = new URL(next[i].getAttribute("href"), location.href);
        url.searchParams.set("cloudportal", Date.now().toString(36)); // cache-busting
        const replacement = link.cloneNode();
        const integrity = next[i].getAttribute("integrity");
        if (integrity) replacement.setAttribute("integrity", integrity);
        else replacement.removeAttribute("integrity");
        replacement.href = url.href;
        replacement.addEventListener("load", () => link.remove(), { once: true });
        replacement.addEventListener("error", reload, { once: true });
        link.after(replacement);
      });
    } catch {
      reload();
    }
  };

  const connect = () => {
    if (source) return;
    source = new EventSource("/__cloudportal/events");
    // Built while this page was loading, or while this tab was hidden: show the current build.
    source.addEventListener("hello", (e) => { if (version && e.data !== version) reload(); });
    source.addEventListener("reload", reload);
    source.addEventListener("css", (e) => { version = e.data; swapStylesheets(); });
  };

  const disconnect = () => {
    if (source) source.close();
    source = null;
  };

  // Over HTTP/1.1 a browser opens at most six connections to one host, and each open stream holds one:
  // hidden tabs let go of theirs, and check the build again when shown.
  document.addEventListener("visibilitychange", () => (document.hidden ? disconnect() : connect()));
  addEventListener("pagehide", disconnect);
  addEventListener("pageshow", () => { if (!document.hidden) connect(); });

  document.addEventListener("click", (e) => {
    const button = e.target instanceof Element && e.target.closest("[data-cloudportal-dismiss]");
    if (button) document.getElementById("cloudportal-overlay")?.remove();
  });

  if (!document.hidden) connect();
})();
