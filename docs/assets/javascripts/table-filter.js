// A filter above each index table (kommuner, projekt, metoder): rows stay visible when they
// contain every word typed. Made by script, so a reader without JavaScript never sees a
// control that does nothing; the full table is there either way.
document$.subscribe(function () {
  document.querySelectorAll("table.kb-index").forEach(function (table, index) {
    var region = table.closest(".kb-scroll") || table;
    if (region.previousElementSibling && region.previousElementSibling.classList.contains("kb-filter")) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var id = "kb-filter-" + index;
    var form = document.createElement("form");
    form.className = "kb-filter";
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Filtrera tabellen";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-describedby", id + "-status");
    var status = document.createElement("p");
    status.id = id + "-status";
    status.className = "kb-filter__status";
    status.setAttribute("role", "status");
    function update() {
      var words = input.value.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var text = row.textContent.toLocaleLowerCase("sv");
        var match = words.every(function (word) { return text.indexOf(word) !== -1; });
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = "Visar " + shown + " av " + rows.length + " rader.";
    }
    input.addEventListener("input", update);
    form.append(label, input, status);
    region.parentNode.insertBefore(form, region);
    update();
  });
});
