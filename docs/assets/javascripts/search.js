// The search box (overrides/partials/kb-search.html), over our own index (search-engine.js).
//
// Nothing of the search is fetched when a page loads: search-engine.js is imported the first
// time a reader focuses the box, and each query then fetches only the parts of the index it
// needs. Records named in the query ("Kraft resultat") come first; a misspelt name is suggested.
// Keys: arrow down/up move between the box and the results, Enter in the box opens the results
// page (sok/?q=…), Enter on a result opens it, Escape closes.
(function () {
  "use strict";

  var PAGE_SIZE = 6; // results shown at a time
  var TYPING_PAUSE_MS = 300; // search once the reader pauses, not at every key
  var script = document.currentScript;
  // This file is assets/javascripts/search.js: the site's root is two folders up.
  var siteRoot = new URL("../../", script ? script.src : location.href);
  var engine = null;

  function loadEngine() {
    if (!engine) {
      engine = import(new URL("assets/javascripts/search-engine.js", siteRoot).href).then(function (module) {
        return module.createEngine(siteRoot);
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  // The engine's excerpt is [text, isHit] pieces: hits in <mark>, all of it as text.
  function excerptNodes(pieces) {
    return pieces.map(function (piece) {
      if (!piece[1]) return document.createTextNode(piece[0]);
      var mark = document.createElement("mark");
      mark.textContent = piece[0];
      return mark;
    });
  }

  function describe(page) {
    // "IPS – projekt, Lund": what the result is and where.
    var what = page.kind || "sida";
    return page.place ? what + ", " + page.place : what;
  }

  function SearchBox(root, index) {
    this.root = root;
    this.input = root.querySelector(".kb-search__input");
    this.status = root.querySelector(".kb-search__status");
    this.panel = root.querySelector(".kb-search__panel");
    this.list = root.querySelector(".kb-search__results");
    this.more = root.querySelector(".kb-search__more");
    this.suggestion = root.querySelector(".kb-search__suggestion");
    this.suggested = root.querySelector(".kb-search__suggested");
    this.all = root.querySelector(".kb-search__all");
    this.prefix = (this.input.id || "kb-search-" + index) + "-hit-";
    this.query = "";
    this.results = [];
    this.shown = 0;
    this.bind();
  }

  SearchBox.prototype.bind = function () {
    var box = this;
    this.input.addEventListener("focus", function (event) {
      // The index's first file now, so the first query does not wait for it.
      loadEngine().then(function (found) { return found.prepare(); })
        .catch(function () { box.say("Sökningen kunde inte laddas. Försök igen eller ladda om sidan."); });
      // Coming back to the box shows the results again (not when Escape sent the focus here).
      var fromOutside = !event.relatedTarget || !box.root.contains(event.relatedTarget);
      if (fromOutside && box.results.length && box.input.value.trim() === box.query) box.open();
    });
    this.input.addEventListener("input", function () { box.search(box.input.value.trim()); });
    this.root.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var query = box.input.value.trim();
      if (query) location.href = new URL("sok/?q=" + encodeURIComponent(query), siteRoot).href;
    });
    this.root.addEventListener("keydown", function (event) { box.key(event); });
    this.root.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !box.root.contains(event.relatedTarget)) box.close();
    });
    this.more.addEventListener("click", function () { box.showMore(true); });
  };

  SearchBox.prototype.links = function () {
    return Array.prototype.slice.call(this.list.querySelectorAll(".kb-search__link"));
  };

  SearchBox.prototype.key = function (event) {
    var links = this.links();
    var at = links.indexOf(document.activeElement);
    var onInput = document.activeElement === this.input;
    if (event.key === "Escape") {
      if (!this.panel.hidden) {
        this.input.focus(); // first: a hidden link would lose the focus to the page
        this.close();
      } else if (onInput && this.input.value) {
        this.input.value = "";
        this.search("");
      } else {
        return;
      }
      event.preventDefault();
    } else if (event.key === "ArrowDown" && (onInput || at !== -1)) {
      if (!links.length) return;
      this.open();
      links[Math.min(at + 1, links.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at !== -1) {
      (at === 0 ? this.input : links[at - 1]).focus();
      event.preventDefault();
    }
  };

  SearchBox.prototype.say = function (text) { this.status.textContent = text; };

  SearchBox.prototype.open = function () {
    if (this.results.length) this.panel.hidden = false;
  };

  SearchBox.prototype.close = function () { this.panel.hidden = true; };

  SearchBox.prototype.search = function (query) {
    var box = this;
    this.query = query;
    if (!query) {
      this.results = [];
      this.list.replaceChildren();
      this.close();
      this.say("");
      return;
    }
    clearTimeout(this.timer);
    new Promise(function (resolve) { box.timer = setTimeout(resolve, TYPING_PAUSE_MS); }).then(function () {
      return box.query === query ? loadEngine() : null;
    }).then(function (found) {
      return found && box.query === query ? found.search(query) : null;
    }).then(function (results) {
      if (!results || box.query !== query) return;
      box.results = results;
      box.shown = 0;
      box.list.replaceChildren();
      return box.showMore(false);
    }).catch(function () {
      if (box.query === query) box.say("Sökningen kunde inte laddas.");
    });
  };

  SearchBox.prototype.showMore = function (focusFirstNew) {
    var box = this;
    var query = this.query;
    var start = this.shown;
    var batch = this.results.slice(start, start + PAGE_SIZE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (box.query !== query) return;
      pages.forEach(function (page, i) { box.list.append(box.item(page, start + i)); });
      box.shown = start + pages.length;
      var total = box.results.length;
      var text = total === 0 ? "Inga träffar för ”" + query + "”."
        : plural(total, "träff", "träffar") + " för ”" + query + "”"
          + (box.shown < total ? ", visar " + box.shown + "." : ".");
      var suggestion = box.results.suggestion;
      if (suggestion) text += " Menade du " + suggestion + "?";
      box.say(text);
      box.suggestion.hidden = !suggestion;
      if (suggestion) {
        box.suggested.textContent = suggestion;
        box.suggested.href = new URL("sok/?q=" + encodeURIComponent(suggestion), siteRoot).href;
      }
      box.all.href = new URL("sok/?q=" + encodeURIComponent(query), siteRoot).href;
      if (total) box.open(); else box.close();
      // Move the focus before the button hides, or the page would take it.
      if (focusFirstNew && pages.length) box.links()[start].focus();
      box.more.hidden = box.shown >= total;
    });
  };

  SearchBox.prototype.item = function (page, position) {
    var item = document.createElement("li");
    item.className = "kb-search__result";
    var link = document.createElement("a");
    link.className = "kb-search__link";
    link.href = page.url;
    var name = document.createElement("span");
    name.className = "kb-search__name";
    name.textContent = page.title || page.url;
    var what = document.createElement("span");
    what.className = "kb-search__what";
    what.textContent = " – " + describe(page);
    link.append(name, what);
    var excerpt = document.createElement("p");
    excerpt.className = "kb-search__excerpt";
    excerpt.id = this.prefix + position;
    excerpt.append.apply(excerpt, excerptNodes(page.excerpt));
    link.setAttribute("aria-describedby", excerpt.id);
    item.append(link, excerpt);
    return item;
  };

  document.querySelectorAll("[data-kb-search]").forEach(function (root, index) {
    new SearchBox(root, index);
  });
})();
