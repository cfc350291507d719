/* Printing helpers. Optional: every page prints without JavaScript.
   - Adds an "In trang này" (print this page) button to each .cs-print-tools
     block, labelled from its data-print-label, so the button only exists
     where it works.
   - Writes today's date into the print footer ("In ngày …"). */
(function () {
  "use strict";

  function today(lang) {
    var en = lang.indexOf("en") === 0;
    return new Date().toLocaleDateString(en ? "en-GB" : "vi-VN",
      en ? { day: "numeric", month: "long", year: "numeric" } : { day: "2-digit", month: "2-digit", year: "numeric" });
  }

  function addButtons() {
    document.querySelectorAll(".cs-print-tools[data-print-label]").forEach(function (box) {
      if (box.querySelector(".cs-print-button")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button cs-print-button";
      button.textContent = box.getAttribute("data-print-label");
      button.addEventListener("click", function () { window.print(); });
      (box.querySelector("p") || box).appendChild(button);
    });
  }

  function datePrintFooter() {
    var date = document.querySelector(".cs-print-date");
    if (date) date.textContent = date.getAttribute("data-label") + " " + today(document.documentElement.lang || "vi");
  }

  function init() {
    addButtons();
    datePrintFooter();
    window.addEventListener("beforeprint", datePrintFooter);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
