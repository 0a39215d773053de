// Sorting and filtering of the comparison matrix (jamforelse/), added by script so that a
// reader without JavaScript gets the full table and no control that does nothing.
// Sort: a button in every column header, and the same choice in a list that also works on a
// phone, where the matrix is shown as cards. Filter: the rows with a given rating on a criterion.
document$.subscribe(function () {
  var ORDER = {"c-m": 0, "c-p": 1, "c-n": 2, "c-u": 3};
  var RATINGS = [["c-m", "Ja (uppfyllt)"], ["c-p", "Delvis"], ["c-n", "Nej (inte uppfyllt)"], ["c-u", "Okänt"], ["", "Ingen bedömning"]];

  document.querySelectorAll("table.kb-matrix").forEach(function (table, tableIndex) {
    var wrap = table.closest(".kb-matrix-wrap") || table;
    if (wrap.previousElementSibling && wrap.previousElementSibling.classList.contains("kb-matrix-tools")) return;
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var names = headers.map(function (th) { return th.textContent.replace(/\s+/g, " ").trim(); });
    var id = "kb-matrix-" + tableIndex;
    var state = {column: 0, descending: false};

    function field(labelText, suffix, options) {
      var wrapper = document.createElement("div");
      var label = document.createElement("label");
      label.htmlFor = id + "-" + suffix;
      label.textContent = labelText;
      var select = document.createElement("select");
      select.id = id + "-" + suffix;
      options.forEach(function (o) {
        var option = document.createElement("option");
        option.value = o[0];
        option.textContent = o[1];
        select.appendChild(option);
      });
      wrapper.append(label, select);
      return {wrapper: wrapper, select: select};
    }

    function key(row, column) {
      var cell = row.cells[column];
      if (column === 0) return cell.textContent.replace(",", "").trim();
      if (cell.classList.contains("kb-total")) return -parseInt(cell.textContent, 10);
      var code = cell.className;
      return code in ORDER ? ORDER[code] : 4;
    }

    var tools = document.createElement("form");
    tools.className = "kb-matrix-tools";
    tools.setAttribute("aria-label", "Sortera och filtrera: " + table.caption.textContent);
    tools.addEventListener("submit", function (event) { event.preventDefault(); });
    var sortBy = field("Sortera efter", "sort", names.map(function (n, i) { return [String(i), n]; }));
    var direction = field("Ordning", "order", [["asc", "Bäst först (namn A–Ö)"], ["desc", "Sämst först (namn Ö–A)"]]);
    var criterion = field("Filtrera på kriterium", "criterion",
                          [["", "Alla kriterier"]].concat(names.slice(1, -2).map(function (n, i) { return [String(i + 1), n]; })));
    var rating = field("med bedömningen", "rating", [["any", "Vilken som helst"]].concat(RATINGS));
    var status = document.createElement("p");
    status.className = "kb-matrix-tools__status";
    status.setAttribute("role", "status");
    tools.append(sortBy.wrapper, direction.wrapper, criterion.wrapper, rating.wrapper, status);
    wrap.parentNode.insertBefore(tools, wrap);

    function apply() {
      var column = state.column;
      var sorted = rows.slice().sort(function (a, b) {
        var x = key(a, column), y = key(b, column);
        var result = typeof x === "string" ? x.localeCompare(y, "sv") : x - y;
        if (result === 0) result = key(a, 0).localeCompare(key(b, 0), "sv");
        return state.descending ? -result : result;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
      headers.forEach(function (th, i) {
        if (i === column) th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      var k = criterion.select.value, wanted = rating.select.value, shown = 0;
      rows.forEach(function (row) {
        var cells = k ? [row.cells[parseInt(k, 10)]] : Array.prototype.slice.call(row.cells, 1, names.length - 2);
        var match = wanted === "any" || cells.some(function (cell) { return cell.className === wanted; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      var by = names[column] + (state.descending ? ", fallande" : ", stigande");
      status.textContent = "Visar " + shown + " av " + rows.length + " rader, sorterade efter " + by + ".";
    }

    headers.forEach(function (th, i) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kb-sort";
      button.textContent = "⇅";
      button.setAttribute("aria-label", "Sortera efter " + names[i]);
      button.addEventListener("click", function () {
        state.descending = state.column === i ? !state.descending : false;
        state.column = i;
        sortBy.select.value = String(i);
        direction.select.value = state.descending ? "desc" : "asc";
        apply();
      });
      th.appendChild(button);
    });
    sortBy.select.addEventListener("change", function () { state.column = parseInt(sortBy.select.value, 10); apply(); });
    direction.select.addEventListener("change", function () { state.descending = direction.select.value === "desc"; apply(); });
    criterion.select.addEventListener("change", apply);
    rating.select.addEventListener("change", apply);
    apply();
  });
});
