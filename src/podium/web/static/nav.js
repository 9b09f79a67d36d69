// On a phone the season's links scroll sideways: bring the current page's link into view.
(function () {
  "use strict";
  var nav = document.querySelector("header.site nav");
  var current = nav && nav.querySelector("a[aria-current=page]");
  if (!current || nav.scrollWidth <= nav.clientWidth) { return; }
  nav.scrollLeft = current.offsetLeft - nav.offsetLeft - (nav.clientWidth - current.offsetWidth) / 2;
})();
