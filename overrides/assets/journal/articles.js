// The list of articles (articles.html): show the filter form and hide the items that do not
// match the chosen type and keyword. Items carry data-type and data-keywords (keyword slugs).
(function () {
  "use strict";
  var form = document.querySelector(".journal-filter");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".journal-articles__year li"));
  var years = document.querySelectorAll(".journal-articles__year");
  var status = form.querySelector(".journal-filter__status");
  var typeSelect = form.querySelector("#filter-type");
  var keywordSelect = form.querySelector("#filter-keyword");

  function apply() {
    var type = typeSelect.value;
    var keyword = keywordSelect.value;
    var shown = 0;
    items.forEach(function (item) {
      var keywords = (item.getAttribute("data-keywords") || "").split(" ");
      var match = (!type || item.getAttribute("data-type") === type) &&
        (!keyword || keywords.indexOf(keyword) !== -1);
      item.hidden = !match;
      if (match) shown += 1;
    });
    Array.prototype.forEach.call(years, function (year) {
      year.hidden = !year.querySelector("li:not([hidden])");
    });
    status.textContent = shown + (shown === 1 ? " article" : " articles") + " shown.";
  }

  form.hidden = false;
  form.addEventListener("change", apply);
})();
