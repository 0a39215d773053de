// The picker on jamfor/: compose two to four municipalities or projects side by side from the
// open data (data/jamfor/), with the selection in the address (?kommuner=partille,tyreso).
// The cells come pre-rendered from the same templates as the static pages; this script only
// lays them out in the same structure as templates/_compare_body.html.
(function () {
  "use strict";
  var form = document.querySelector("form.kb-compare-picker");
  if (!form || form.dataset.ready) return;
  form.dataset.ready = "1";
  var result = document.querySelector(".kb-compare-result");
  var status = form.querySelector(".kb-compare-picker__status");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var root = new URL(form.dataset.root, location.href);
  var cache = {};

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { el.setAttribute(name, attributes[name]); });
    if (text) el.textContent = text;
    return el;
  }

  function row(cells) {
    var div = element("div", {class: "kb-compare__row"});
    cells.forEach(function (html) {
      var cell = element("div", {class: "kb-compare__cell"});
      cell.innerHTML = html;  // our own template output, sanitised at build time
      div.appendChild(cell);
    });
    return div;
  }

  function render(index, columns) {
    var grid = element("div", {class: "kb-compare", "data-count": String(columns.length)});
    index.sections.forEach(function (section) {
      var box = element("section", {class: "kb-compare__section", "aria-labelledby": "jf-" + section.key});
      box.appendChild(element("h2", {id: "jf-" + section.key}, section.title));
      box.appendChild(row(columns.map(function (c) { return c.cells[section.key]; })));
      grid.appendChild(box);
    });
    var verdicts = element("section", {class: "kb-compare__section", "aria-labelledby": "jf-kriterier"});
    verdicts.appendChild(element("h2", {id: "jf-kriterier"}, index.criteria_title));
    var list = element("ol", {class: "kb-compare__criteria"});
    index.criteria.forEach(function (criterion) {
      var item = element("li", {value: String(criterion.number)});
      item.appendChild(element("h3", {class: "kb-compare__criterion"}, criterion.number + ". " + criterion.text));
      item.appendChild(row(columns.map(function (c) { return c.cells["k" + criterion.number]; })));
      list.appendChild(item);
    });
    verdicts.appendChild(list);
    grid.appendChild(verdicts);
    result.replaceChildren(grid);
  }

  // A file that does not come (offline, a broken deploy) is said in words, never a silent blank.
  function json(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + url);
      return response.json();
    });
  }

  function load(entry) {
    if (!cache[entry.id + entry.data]) {
      cache[entry.id + entry.data] = json(new URL(entry.data, root));
      cache[entry.id + entry.data].catch(function () { delete cache[entry.id + entry.data]; });
    }
    return cache[entry.id + entry.data];
  }

  json(new URL(form.dataset.index, location.href)).catch(function () {
    var notice = document.querySelector(".kb-compare-picker__nojs");
    if (notice) notice.textContent = "Väljaren kunde inte laddas. Ladda om sidan eller försök senare. " +
      "Jämförelserna av modellkommunerna nedan fungerar ändå.";
    if (notice) notice.setAttribute("role", "alert");
  }).then(function (index) {
    if (!index) return;
    var kinds = {};
    index.kinds.forEach(function (kind) { kinds[kind.parameter] = kind; });
    var params = new URLSearchParams(location.search);
    var kind = params.has("projekt") && !params.has("kommuner") ? "projekt" : "kommuner";
    var chosen = (params.get(kind) || "").split(",").filter(Boolean);

    function fill() {
      selects.forEach(function (select, i) {
        select.replaceChildren(element("option", {value: ""}, "– ingen –"));
        kinds[kind].records.forEach(function (entry) {
          var option = element("option", {value: entry.id}, entry.name);
          if (chosen[i] === entry.id) option.selected = true;
          select.appendChild(option);
        });
      });
    }

    function update() {
      var seen = {};
      chosen = selects.map(function (s) { return s.value; }).filter(function (id) {
        if (!id || seen[id]) return false;
        seen[id] = true;
        return true;
      });
      var query = chosen.length ? "?" + kind + "=" + chosen.join(",") : "";
      history.replaceState(null, "", location.pathname + query + location.hash);
      var entries = chosen.map(function (id) {
        return kinds[kind].records.filter(function (e) { return e.id === id; })[0];
      }).filter(Boolean);
      if (entries.length < 2) {
        result.replaceChildren();
        status.textContent = "Välj minst två " + (kind === "kommuner" ? "kommuner" : "projekt") + ".";
        return;
      }
      Promise.all(entries.map(load)).then(function (columns) {
        render(index, columns);
        status.textContent = "Jämför " + columns.map(function (c) { return c.name; }).join(", ") + ".";
        // The names above the grid, where a printed copy (without the picker) still shows them.
        var names = columns.map(function (c) { return c.name; });
        var heading = names.slice(0, -1).join(", ") + " och " + names[names.length - 1];
        result.insertBefore(element("p", {"class": "kb-compare-result__names"}, "Jämförelse: " + heading), result.firstChild);
      }).catch(function () {
        result.replaceChildren();
        status.textContent = "Uppgifterna kunde inte laddas. Försök igen, eller ladda om sidan.";
      });
    }

    form.querySelectorAll("input[name=slag]").forEach(function (radio) {
      radio.checked = radio.value === kind;
      radio.addEventListener("change", function () {
        kind = radio.value;
        chosen = [];
        fill();
        update();
      });
    });
    selects.forEach(function (select) { select.addEventListener("change", update); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fill();
    form.hidden = false;
    var notice = document.querySelector(".kb-compare-picker__nojs");
    if (notice) notice.hidden = true;
    update();
  });
})();
