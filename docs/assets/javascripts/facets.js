/* "Hitta exempel": filters municipalities and projects in the browser.
 *
 * The page (templates/finder.html) holds the form, every facet value as a checkbox; the data
 * (hitta-exempel/data.json, made by site/facets.py) holds each record's value indexes.
 * AND across facets; within one, each facet's "någon av dem" (OR, the default) or "alla valda"
 * (AND). Hits are ranked by how many of the chosen values they have ("matchar 3 av 4"). A value's
 * count is the number of hits the reader gets by ticking it, from the current choice (for a ticked
 * value: the hits now). The choice and the modes live in the query string, so a search can be
 * shared, and back/forward steps through earlier choices. On a phone a bar with "Visa N träffar"
 * stays in view under the choices and takes the reader to the results.
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
    var show = form.querySelector("[data-kb-show]");
    var heading = results.querySelector("h2");
    // Record URLs in the data are site-relative; the page knows its way to the site's root.
    var siteRoot = root.getAttribute("data-root") || "";
    if (siteRoot && siteRoot.slice(-1) !== "/") { siteRoot += "/"; }
    var data, keys, boxes = {}, matches = [], shown = 0, current = 0;

    function allMode(key) {
      var radio = form.querySelector('input[name="' + key + '-lage"][value="alla"]');
      return !!(radio && radio.checked);
    }

    function selection() {
      // [facet index, {value index: true}, "all" or not] for each facet with a choice
      var chosen = [];
      keys.forEach(function (key, f) {
        var set = null;
        boxes[key].forEach(function (box, v) {
          if (box.checked) { (set = set || {})[v] = true; }
        });
        if (set) { chosen.push([f, set, allMode(key)]); }
      });
      return chosen;
    }

    // How many of ``set`` the record's ``values`` have.
    function overlap(values, set) {
      var n = 0;
      for (var i = 0; i < values.length; i++) { if (set[values[i]]) { n++; } }
      return n;
    }

    function size(set) { return Object.keys(set).length; }

    function update() {
      var chosen = selection();
      var wanted = chosen.reduce(function (sum, c) { return sum + size(c[1]); }, 0);
      var mode = {};
      chosen.forEach(function (c) { mode[c[0]] = c; });
      // counts[f][v]: hits with value v ticked as well, in its facet's mode (see below).
      var counts = keys.map(function (key) { return new Array(boxes[key].length).fill(0); });
      matches = [];
      data.records.forEach(function (record) {
        var values = record[3], failed = -1, misses = 0, fit = 0;
        for (var c = 0; c < chosen.length; c++) {
          var have = overlap(values[chosen[c][0]], chosen[c][1]);
          fit += have;
          var ok = chosen[c][2] ? have === size(chosen[c][1]) : have > 0;
          if (!ok) { failed = chosen[c][0]; misses++; }
        }
        if (misses === 0) {
          matches.push([record, fit]);
          // A hit stays a hit when a value it has is ticked too, in either mode.
          values.forEach(function (ids, f) { ids.forEach(function (v) { counts[f][v]++; }); });
        } else if (misses === 1 && !mode[failed][2]) {
          // Missing only one "någon av dem" facet: ticking a value it has there makes it a hit.
          values[failed].forEach(function (v) { counts[failed][v]++; });
        }
      });
      // In a "någon av dem" facet with a choice, every present hit stays: add those without v.
      keys.forEach(function (key, f) {
        var c = mode[f];
        boxes[key].forEach(function (box, v) {
          var count = counts[f][v];
          if (box.checked) {
            count = matches.length;
          } else if (c && !c[2]) {
            count += matches.length - matches.filter(function (m) { return m[0][3][f].indexOf(v) !== -1; }).length;
          }
          box.kbCount.textContent = "(" + count + ")";
          box.parentNode.classList.toggle("kb-facet-empty", count === 0 && !box.checked);
        });
      });
      // Best fit first: the most chosen values matched, then by name as before.
      matches.sort(function (a, b) { return b[1] - a[1]; });
      var total = data.records.length;
      status.textContent = chosen.length === 0
        ? "Alla " + total + " kommuner och projekt visas. Välj för att begränsa."
        : matches.length === 0
          ? "Inga kommuner eller projekt uppfyller alla val."
          : matches.length + " av " + total + (total === 1 ? " kommun eller projekt" : " kommuner och projekt") + " uppfyller valen"
            + (wanted > 1 ? ", de som stämmer med flest val först." : ".");
      show.textContent = matches.length === 1 ? "Visa 1 träff" : "Visa " + matches.length + " träffar";
      list.textContent = "";
      shown = 0;
      current = wanted;
      showMore();
    }

    function showMore() {
      var end = Math.min(shown + STEP, matches.length);
      var fragment = document.createDocumentFragment();
      for (var i = shown; i < end; i++) {
        var record = matches[i][0];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = siteRoot + record[1];
        link.textContent = record[0];
        item.appendChild(link);
        if (current > 1) {
          var fit = document.createElement("span");
          fit.className = "kb-finder-fit";
          fit.textContent = " matchar " + matches[i][1] + " av " + current;
          item.appendChild(fit);
        }
        var line = document.createElement("span");
        line.className = "kb-finder-meta";
        line.textContent = record[2];
        item.appendChild(line);
        if (record[4]) {
          var summary = document.createElement("span");
          summary.className = "kb-finder-summary";
          summary.textContent = record[4];
          item.appendChild(summary);
        }
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
      keys.forEach(function (key) { if (allMode(key)) { params.append("alla", key); } });
      var query = params.toString();
      return query ? "?" + query : "";
    }

    function fromQuery() {
      var params = new URLSearchParams(window.location.search);
      var all = params.getAll("alla");
      keys.forEach(function (key) {
        var wanted = params.getAll(key);
        boxes[key].forEach(function (box) { box.checked = wanted.indexOf(box.value) !== -1; });
        var radio = form.querySelector('input[name="' + key + '-lage"][value="' + (all.indexOf(key) !== -1 ? "alla" : "nagon") + '"]');
        if (radio) { radio.checked = true; }
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
      show.addEventListener("click", function (event) {
        event.preventDefault();
        heading.scrollIntoView();
        heading.focus();
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
