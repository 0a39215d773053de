// The search box (overrides/partials/kb-search.html), built on Pagefind's JavaScript API.
//
// Nothing of the index is fetched when a page loads: Pagefind's script is imported the first
// time a reader focuses the box, and each query then fetches only the index fragments it needs.
// A name typed exactly ("Kraft") puts the record of that name first: every page carries a name
// key (render/search_records.py, name_key), and a second query for the key finds it alone.
// Keys: arrow down/up move between the box and the results, Enter opens, Escape closes.
(function () {
  "use strict";

  var NAME_KEY_SUFFIX = "qnamnq"; // the same as NAME_KEY_SUFFIX in render/search_records.py
  var PAGE_SIZE = 6; // results fetched and shown at a time: each one is a fragment to download
  var MAX_NAMED = 6; // at most this many pages share one name
  var EXCERPT_WORDS = 12;
  var TYPING_PAUSE_MS = 300; // search once the reader pauses, not at every key
  var script = document.currentScript;
  // This file is assets/javascripts/search.js: the site's root is two folders up.
  var siteRoot = new URL("../../", script ? script.src : location.href);
  var pagefind = null;

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (module) {
        // No web worker: it would be a second copy of the search program to download (12 kB),
        // for searches that take milliseconds.
        var options = { baseUrl: siteRoot.pathname, excerptLength: EXCERPT_WORDS, noWorker: true };
        return module.options(options).then(function () {
          module.init();
          return module;
        });
      });
      pagefind.catch(function () { pagefind = null; });
    }
    return pagefind;
  }

  // As name_key in Python: lower case, diacritics dropped, only letters and digits kept.
  function nameKey(text) {
    var folded = text.normalize("NFKD").toLowerCase().replace(/[^a-z0-9]/g, "");
    return folded ? folded + NAME_KEY_SUFFIX : "";
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  // Pagefind's excerpt is escaped text with <mark> around the hits; copy just that, as nodes.
  function excerptNodes(html) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    var nodes = [];
    parsed.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        nodes.push(document.createTextNode(node.textContent));
      } else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        nodes.push(mark);
      } else {
        nodes.push(document.createTextNode(node.textContent || ""));
      }
    });
    return nodes;
  }

  function describe(meta) {
    // "IPS – projekt, Lund": what the result is and where.
    var what = meta.kind || "sida";
    return meta.place ? what + ", " + meta.place : what;
  }

  function SearchBox(root, index) {
    this.root = root;
    this.input = root.querySelector(".kb-search__input");
    this.status = root.querySelector(".kb-search__status");
    this.panel = root.querySelector(".kb-search__panel");
    this.list = root.querySelector(".kb-search__results");
    this.more = root.querySelector(".kb-search__more");
    this.prefix = (this.input.id || "kb-search-" + index) + "-hit-";
    this.query = "";
    this.results = [];
    this.shown = 0;
    this.bind();
  }

  SearchBox.prototype.bind = function () {
    var box = this;
    this.input.addEventListener("focus", function (event) {
      loadPagefind().catch(function () { box.say("Sökningen kunde inte laddas."); });
      // Coming back to the box shows the results again (not when Escape sent the focus here).
      var fromOutside = !event.relatedTarget || !box.root.contains(event.relatedTarget);
      if (fromOutside && box.results.length && box.input.value.trim() === box.query) box.open();
    });
    this.input.addEventListener("input", function () { box.search(box.input.value.trim()); });
    this.root.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      var first = box.links()[0];
      if (first) location.href = first.href;
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
    // Our own pause instead of Pagefind's debouncedSearch: that one fetches the index for every
    // prefix typed on the way ("k", "ko", "kom" …), many chunks a finished word never needs.
    clearTimeout(this.timer);
    new Promise(function (resolve) { box.timer = setTimeout(resolve, TYPING_PAUSE_MS); }).then(function () {
      return box.query === query ? loadPagefind() : null;
    }).then(function (pf) {
      if (!pf) return null; // a later query is under way
      return pf.search(query).then(function (search) {
        if (box.query !== query) return null;
        var key = nameKey(query);
        return (key ? pf.search(key) : Promise.resolve({ results: [] })).then(function (exact) {
          return { search: search, exact: exact };
        });
      });
    }).then(function (found) {
      if (!found || box.query !== query) return null;
      // Pagefind splits a word it does not know into known parts (Swedish compounds), so the key
      // query can find pages of another name: keep the few whose key is the one asked for.
      // More pages than ever share a name means the key was split: none is named so.
      var key = nameKey(query);
      var candidates = found.exact.results.length <= MAX_NAMED ? found.exact.results : [];
      return Promise.all(candidates.map(function (r) { return r.data(); })).then(function (pages) {
        var named = candidates.filter(function (r, i) { return (pages[i].meta || {}).key === key; });
        return { search: found.search, named: named };
      });
    }).then(function (found) {
      if (!found || box.query !== query) return;
      // Records named exactly as typed first (in Pagefind's order among themselves), then the rest.
      var namedIds = {};
      found.named.forEach(function (r) { namedIds[r.id] = true; });
      var named = found.search.results.filter(function (r) { return namedIds[r.id]; });
      found.named.forEach(function (r) {
        if (!named.some(function (n) { return n.id === r.id; })) named.push(r);
      });
      var rest = found.search.results.filter(function (r) { return !namedIds[r.id]; });
      box.results = named.concat(rest);
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
      box.say(text);
      if (total) box.open(); else box.close();
      // Move the focus before the button hides, or the page would take it.
      if (focusFirstNew && pages.length) box.links()[start].focus();
      box.more.hidden = box.shown >= total;
    });
  };

  SearchBox.prototype.item = function (page, position) {
    var meta = page.meta || {};
    var item = document.createElement("li");
    item.className = "kb-search__result";
    var link = document.createElement("a");
    link.className = "kb-search__link";
    link.href = page.url;
    var name = document.createElement("span");
    name.className = "kb-search__name";
    name.textContent = meta.title || page.url;
    var what = document.createElement("span");
    what.className = "kb-search__what";
    what.textContent = " – " + describe(meta);
    link.append(name, what);
    var excerpt = document.createElement("p");
    excerpt.className = "kb-search__excerpt";
    excerpt.id = this.prefix + position;
    excerpt.append.apply(excerpt, excerptNodes(page.excerpt || ""));
    link.setAttribute("aria-describedby", excerpt.id);
    item.append(link, excerpt);
    return item;
  };

  document.querySelectorAll("[data-kb-search]").forEach(function (root, index) {
    new SearchBox(root, index);
  });
})();
