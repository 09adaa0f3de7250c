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

  document.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (d instanceof HTMLDetailsElement && d.open && d.dataset.children) load(d);
  }, true);
})();
