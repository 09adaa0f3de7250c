// casenode: progressive enhancement only. Every page works without this file;
// here the framework tree loads an item's children in place when it is opened
// instead of navigating to ?open=.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function load(details) {
    if (details.dataset.loaded || details.dataset.loading) return;
    var url = details.dataset.children;
    var kids = details.querySelector(":scope > .kids");
    if (!url || !kids) return;
    details.dataset.loading = "true";
    details.setAttribute("aria-busy", "true");
    fetch(url, { headers: { "Accept": "text/html" }, credentials: "same-origin" })
      .then(function (resp) {
        if (!resp.ok) throw new Error("HTTP " + resp.status);
        return resp.text();
      })
      .then(function (html) {
        // The fragment is HTML rendered and escaped by this node's templates.
        kids.innerHTML = html;
        details.dataset.loaded = "true";
      })
      .catch(function () {
        // Keep the no-JavaScript link so the user can still open the level.
        var link = kids.querySelector(".nojs-open");
        if (link) link.style.display = "inline";
      })
      .finally(function () {
        delete details.dataset.loading;
        details.removeAttribute("aria-busy");
      });
  }

  // Math in statements: <span class="math"> holds TeX; KaTeX (loaded on the
  // page, /static/katex) typesets it. Without KaTeX the TeX stays as text.
  function typeset(root) {
    if (!window.katex) return;
    root.querySelectorAll("span.math:not([data-typeset])").forEach(function (el) {
      try {
        window.katex.render(el.textContent, el, { displayMode: el.dataset.display === "true", throwOnError: false, trust: false, maxSize: 20, maxExpand: 200 });
        el.dataset.typeset = "true";
      } catch (e) { /* leave the TeX as text */ }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { typeset(document); });
  } else {
    typeset(document);
  }
  new MutationObserver(function (records) {
    records.forEach(function (r) { if (r.target.querySelectorAll) typeset(r.target); });
  }).observe(document.documentElement, { childList: true, subtree: true });

  // The item asked for with ?open= is highlighted; bring it into view.
  var current = document.querySelector(".tree li.current");
  if (current && !location.hash) current.scrollIntoView({ block: "center", behavior: "instant" });

  // On a phone the results come first and the filters fold away (open them
  // with their summary); ticked filters keep the panel open.
  var panel = document.querySelector("details.facets-panel");
  if (panel && window.matchMedia("(max-width: 48rem)").matches && !panel.querySelector("input:checked")) {
    panel.open = false;
  }

  // Copy buttons (hidden without JavaScript): the code, identifier or URI.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest && ev.target.closest("button.copy");
    if (!btn || !navigator.clipboard) return;
    navigator.clipboard.writeText(btn.dataset.copy).then(function () {
      var was = btn.textContent;
      btn.textContent = "Copied";
      setTimeout(function () { btn.textContent = was; }, 1500);
    });
  });

  document.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (d instanceof HTMLDetailsElement && d.open && d.dataset.children) load(d);
  }, true);
})();
