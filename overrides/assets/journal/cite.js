/* "Cite this abstract": show one citation style at a time and copy it to the clipboard.
   Without JavaScript the block lists every style (see partials/journal/cite.html). */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = document.execCommand("copy");
    document.body.removeChild(area);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
  }

  function setup(block) {
    if (block.dataset.citeReady) return;
    block.dataset.citeReady = "true";
    var switcher = block.querySelector(".journal-cite__switcher");
    var buttons = block.querySelectorAll(".journal-cite__style");
    var entries = block.querySelectorAll(".journal-cite__entry");
    var status = block.querySelector(".journal-cite__status");
    var current = buttons.length ? buttons[0].dataset.citeStyle : "";

    function show(style) {
      current = style;
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.dataset.citeStyle === style));
      });
      entries.forEach(function (entry) {
        entry.hidden = entry.dataset.citeStyle !== style;
        var label = entry.querySelector(".journal-cite__label");
        if (label) label.hidden = true;
      });
      status.textContent = "";
    }

    buttons.forEach(function (button) {
      button.addEventListener("click", function () { show(button.dataset.citeStyle); });
    });
    block.querySelector(".journal-cite__copy").addEventListener("click", function () {
      var entry = block.querySelector('.journal-cite__entry[data-cite-style="' + current + '"]');
      var text = entry.querySelector(".journal-cite__text").textContent;
      copyText(text).then(
        function () { status.textContent = "Copied."; },
        function () { status.textContent = "Select the citation and copy it."; }
      );
    });
    switcher.hidden = false;
    show(current);
  }

  function init() {
    document.querySelectorAll(".journal-cite").forEach(setup);
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(init);  // Material's instant navigation swaps pages without reload
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
