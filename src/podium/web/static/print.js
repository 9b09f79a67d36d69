// "Print or save as PDF": the browser's print dialog, which print.css turns into a notice-board sheet.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
