/* Reveal obfuscated e-mail addresses on click. The address is never in the HTML: the
   button carries it reversed and base64-encoded (journal/formatting.py encode_email). */
(function () {
  "use strict";
  function decode(code) {
    var bytes = Uint8Array.from(atob(code), function (c) { return c.charCodeAt(0); });
    return Array.from(new TextDecoder().decode(bytes)).reverse().join("");
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.journal-email[data-email]");
    if (!button) { return; }
    var address = decode(button.getAttribute("data-email"));
    var link = document.createElement("a");
    link.className = "journal-email journal-email--revealed";
    link.href = "mailto:" + address;
    link.textContent = address;
    button.replaceWith(link);
    link.focus();
  });
  // Material's search overlay is a dialog without a name; screen readers announce it as "Search".
  document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(function (dialog) {
    dialog.setAttribute("aria-label", "Search");
  });
})();
