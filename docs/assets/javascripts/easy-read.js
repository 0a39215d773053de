// A printed page shows every folded list (Chromium prints a closed <details> closed).
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details.kb-fold:not([open])").forEach(function (details) {
    details.setAttribute("open", "");
    details.setAttribute("data-kb-printed", "");
  });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-kb-printed]").forEach(function (details) {
    details.removeAttribute("open");
    details.removeAttribute("data-kb-printed");
  });
});
