/* "Hitta exempel": filters municipalities and projects in the browser.
 *
 * The page (templates/finder.html) holds the form, every facet value as a checkbox; the data
 * (hitta-exempel/data.json, made by site/facets.py) holds each record's value indexes.
 * AND across facets, OR within one. A value's count is what the result would be with that value
 * added to its facet's choice ("disjunctive" counts). The choice lives in the query string, so a
 * search can be shared, and back/forward steps through earlier choices.
 */
(function () {
  "use strict";
  var STEP = 100;

  function init(root) {
    var form = root.querySelector(".kb-finder-form");
    var results = root.querySelector(".kb-finder-results");
    var status = results.querySelector(".kb-finder-status");
    var list = results.querySelector(".kb-finder-list");
    var more = results.querySelector("[data-kb-more]");
    // Record URLs in the data are site-relative; the page knows its way to the site's root.
    var siteRoot = root.getAttribute("data-root") || "";
    if (siteRoot && siteRoot.slice(-1) !== "/") { siteRoot += "/"; }
    var data, keys, boxes = {}, matches = [], shown = 0;

    function selection() {
      // facet index -> {value index: true} for the checked values, only for facets with a choice
      var chosen = [];
      keys.forEach(function (key, f) {
        var set = null;
        boxes[key].forEach(function (box, v) {
          if (box.checked) { (set = set || {})[v] = true; }
        });
        if (set) { chosen.push([f, set]); }
      });
      return chosen;
    }

    function hasAny(values, set) {
      for (var i = 0; i < values.length; i++) { if (set[values[i]]) { return true; } }
      return false;
    }

    function update() {
      var chosen = selection();
      var counts = keys.map(function (key) { return new Array(boxes[key].length).fill(0); });
      matches = [];
      data.records.forEach(function (record) {
        var values = record[3], failed = -1, misses = 0;
        for (var c = 0; c < chosen.length && misses < 2; c++) {
          if (!hasAny(values[chosen[c][0]], chosen[c][1])) { failed = chosen[c][0]; misses++; }
        }
        if (misses === 0) {
          matches.push(record);
          values.forEach(function (ids, f) { ids.forEach(function (v) { counts[f][v]++; }); });
        } else if (misses === 1) {
          values[failed].forEach(function (v) { counts[failed][v]++; });
        }
      });
      keys.forEach(function (key, f) {
        boxes[key].forEach(function (box, v) {
          var count = box.kbCount;
          count.textContent = "(" + counts[f][v] + ")";
          box.parentNode.classList.toggle("kb-facet-empty", counts[f][v] === 0 && !box.checked);
        });
      });
      var total = data.records.length;
      status.textContent = chosen.length === 0
        ? "Alla " + total + " kommuner och projekt visas. Välj för att begränsa."
        : matches.length === 0
          ? "Inga kommuner eller projekt uppfyller alla val."
          : matches.length + " av " + total + (matches.length === 1 ? " kommun eller projekt" : " kommuner och projekt") + " uppfyller valen.";
      list.textContent = "";
      shown = 0;
      showMore();
    }

    function showMore() {
      var end = Math.min(shown + STEP, matches.length);
      var fragment = document.createDocumentFragment();
      for (var i = shown; i < end; i++) {
        var record = matches[i];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = siteRoot + record[1];
        link.textContent = record[0];
        var line = document.createElement("span");
        line.className = "kb-finder-meta";
        line.textContent = record[2];
        item.appendChild(link);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(line);
        fragment.appendChild(item);
      }
      list.appendChild(fragment);
      shown = end;
      more.hidden = shown >= matches.length;
      more.textContent = "Visa fler (" + (matches.length - shown) + " till)";
    }

    function toQuery() {
      var params = new URLSearchParams();
      keys.forEach(function (key) {
        boxes[key].forEach(function (box) { if (box.checked) { params.append(key, box.value); } });
      });
      var query = params.toString();
      return query ? "?" + query : "";
    }

    function fromQuery() {
      var params = new URLSearchParams(window.location.search);
      keys.forEach(function (key) {
        var wanted = params.getAll(key);
        boxes[key].forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
      });
    }

    function changed() {
      var query = toQuery();
      if (query !== window.location.search) {
        window.history.pushState(null, "", window.location.pathname + query + window.location.hash);
      }
      update();
    }

    function start(json) {
      data = json;
      keys = Object.keys(data.facets);
      keys.forEach(function (key) {
        // Boxes in the order of the data's value indexes (the page and the data come from one build).
        boxes[key] = data.facets[key].map(function (id) {
          var box = form.querySelector('input[name="' + key + '"][value="' + id + '"]');
          box.kbCount = box.parentNode.querySelector(".kb-facet-count");
          return box;
        });
      });
      fromQuery();
      form.addEventListener("change", changed);
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      form.querySelector("[data-kb-clear]").addEventListener("click", function () {
        keys.forEach(function (key) { boxes[key].forEach(function (box) { box.checked = false; }); });
        changed();
      });
      more.addEventListener("click", showMore);
      window.addEventListener("popstate", function () { fromQuery(); update(); });
      form.hidden = false;
      results.hidden = false;
      update();
      root.setAttribute("data-kb-ready", "");
    }

    fetch(root.getAttribute("data-src"))
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(start)
      .catch(function () {
        results.hidden = false;
        status.textContent = "Filtret kunde inte laddas. Använd de färdiga urvalen nedan.";
      });
  }

  var root = document.querySelector("[data-kb-finder]");
  if (root) { init(root); }
})();
