/* Printing a page as a handout (assets/stylesheets/print.css): the button "Skriv ut eller spara
   som PDF", the print date in the handout's head, and every <details> opened for the paper and
   closed again afterwards, whether the reader used the button or the browser's own print. */
(function () {
  "use strict";
  var opened = [];

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  function beforePrint() {
    // A page whose content depends on its query (the picker's choice) prints its full address.
    document.querySelectorAll("[data-kb-print-address]").forEach(function (el) {
      if (!el.dataset.kbAddress) el.dataset.kbAddress = el.textContent.trim();
      el.textContent = el.dataset.kbAddress + location.search;
    });
    document.querySelectorAll("[data-kb-print-date]").forEach(function (el) {
      el.textContent = "Utskriven " + today();
    });
    document.querySelectorAll("article details:not([open])").forEach(function (d) {
      d.open = true;
      opened.push(d);
    });
  }

  function afterPrint() {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  document.querySelectorAll("[data-kb-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
