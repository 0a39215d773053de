// Material wraps wide Markdown tables in a container that scrolls sideways
// (.md-typeset__scrollwrap). Keyboard users can only scroll it if it can take focus
// (WCAG 2.1.1), and a focusable region needs a name: the heading of its section.
document$.subscribe(function () {
  // After Material's own handlers for this page have wrapped the tables.
  setTimeout(function () {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      var heading = wrap.previousElementSibling;
      while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
      var title = heading ? heading.textContent.replace("¶", "").trim() : "";
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", title ? "Tabell: " + title : "Tabell");
    });
  }, 0);
});
