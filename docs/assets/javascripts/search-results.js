// The results page (templates/search_results.html, at sok/?q=…&typ=…&sida=…), over search-engine.js.
//
// The address holds the query, the kind and the page of results, so a search can be shared and
// the browser's back button works. Choosing a kind or another page changes the address and the
// list without a reload; the live region says how many results there are.
(function () {
  "use strict";

  var PAGE_SIZE = 20;
  var root = document.querySelector("[data-kb-results]");
  if (!root) return;
  var siteRoot = new URL(root.getAttribute("data-root"), location.href);
  var form = root.querySelector(".kb-results__form");
  var input = root.querySelector(".kb-results__input");
  var status = root.querySelector(".kb-results__status");
  var list = root.querySelector(".kb-results__list");
  var suggestion = root.querySelector(".kb-results__suggestion");
  var suggested = root.querySelector(".kb-results__suggested");
  var pager = root.querySelector(".kb-results__pages");
  var previous = root.querySelector(".kb-results__previous");
  var next = root.querySelector(".kb-results__next");
  var engine = null;
  var current = { query: null, results: [] };

  function loadEngine() {
    if (!engine) {
      engine = import(new URL("assets/javascripts/search-engine.js", siteRoot).href).then(function (module) {
        return module.createEngine(siteRoot);
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  // "översikt" pages are filtered as "annat", as the form says.
  function filterOf(group) { return group === "översikt" ? "annat" : group; }

  function state() {
    var params = new URLSearchParams(location.search);
    return { query: (params.get("q") || "").trim(), kind: params.get("typ") || "",
             page: Math.max(1, parseInt(params.get("sida"), 10) || 1) };
  }

  function address(query, kind, page) {
    var params = new URLSearchParams();
    params.set("q", query);
    if (kind) params.set("typ", kind);
    if (page > 1) params.set("sida", String(page));
    return "?" + params.toString();
  }

  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  function excerptNodes(pieces) {
    return pieces.map(function (piece) {
      if (!piece[1]) return document.createTextNode(piece[0]);
      var mark = document.createElement("mark");
      mark.textContent = piece[0];
      return mark;
    });
  }

  function item(page) {
    var li = document.createElement("li");
    li.className = "kb-results__item";
    var link = document.createElement("a");
    link.className = "kb-results__link";
    link.href = page.url;
    link.textContent = page.title || page.url;
    var what = document.createElement("span");
    what.className = "kb-results__what";
    what.textContent = " – " + (page.kind || "sida") + (page.place ? ", " + page.place : "");
    var excerpt = document.createElement("p");
    excerpt.className = "kb-results__excerpt";
    excerpt.append.apply(excerpt, excerptNodes(page.excerpt));
    li.append(link, what, excerpt);
    return li;
  }

  function showCounts(results) {
    var counts = { "": results.length };
    results.forEach(function (r) { var f = filterOf(r.group); counts[f] = (counts[f] || 0) + 1; });
    root.querySelectorAll(".kb-results__count").forEach(function (span) {
      span.textContent = "(" + (counts[span.getAttribute("data-kind")] || 0) + ")";
    });
  }

  function render(focusList) {
    var s = state();
    input.value = s.query;
    var radio = form.querySelector('input[name="typ"][value="' + CSS.escape(s.kind) + '"]');
    if (radio) radio.checked = true;
    if (!s.query) {
      status.textContent = "Skriv vad du söker i rutan och tryck på Sök.";
      list.replaceChildren();
      pager.hidden = true;
      suggestion.hidden = true;
      return Promise.resolve();
    }
    status.textContent = "Söker …";
    var found = current.query === s.query ? Promise.resolve(current.results)
      : loadEngine().then(function (e) { return e.search(s.query); });
    return found.then(function (results) {
      current = { query: s.query, results: results };
      showCounts(results);
      var shown = results.filter(function (r) { return !s.kind || filterOf(r.group) === s.kind; });
      var pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
      var page = Math.min(s.page, pages);
      var slice = shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
        list.replaceChildren.apply(list, data.map(item));
        list.start = (page - 1) * PAGE_SIZE + 1;
        var label = s.kind ? form.querySelector('label[for="' + radio.id + '"]').firstChild.textContent.trim().toLowerCase() : "";
        var text = shown.length === 0 ? "Inga träffar för ”" + s.query + "”" + (label ? " bland " + label : "") + "."
          : plural(shown.length, "träff", "träffar") + " för ”" + s.query + "”" + (label ? " bland " + label : "")
            + (pages > 1 ? ", sida " + page + " av " + pages : "") + ".";
        if (results.suggestion) text += " Menade du " + results.suggestion + "?";
        status.textContent = text;
        suggestion.hidden = !results.suggestion;
        if (results.suggestion) {
          suggested.textContent = results.suggestion;
          suggested.href = address(results.suggestion, s.kind, 1);
        }
        pager.hidden = pages <= 1;
        previous.hidden = page <= 1;
        next.hidden = page >= pages;
        previous.href = address(s.query, s.kind, page - 1);
        next.href = address(s.query, s.kind, page + 1);
        if (focusList && data.length) list.querySelector("a").focus();
      });
    }).catch(function () {
      status.textContent = "Sökningen kunde inte laddas. Kontrollera anslutningen och ladda om sidan.";
    });
  }

  function go(href, focusList) {
    history.pushState(null, "", href);
    render(focusList);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var kind = (form.querySelector('input[name="typ"]:checked') || {}).value || "";
    go(address(input.value.trim(), kind, 1), false);
  });
  form.addEventListener("change", function (event) {
    if (event.target.name !== "typ" || !state().query) return;
    history.replaceState(null, "", address(state().query, event.target.value, 1));
    render(false);
  });
  [previous, next, suggested].forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      go(link.getAttribute("href"), link !== suggested);
    });
  });
  window.addEventListener("popstate", function () { render(false); });
  input.addEventListener("focus", function () {
    loadEngine().then(function (e) { return e.prepare(); }).catch(function () {});
  });
  render(false);
})();
