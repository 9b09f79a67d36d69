// Live countdown to the next session and session times on the viewer's clock.
// The server already wrote both as text; this only refines them (no inline scripts: CSP).
(function () {
  "use strict";
  var lang = document.documentElement.lang || undefined;

  function localTimes() {
    var nodes = document.querySelectorAll("time.viewer-time[datetime]");
    var format = new Intl.DateTimeFormat(lang, {
      weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
      timeZoneName: "short"
    });
    for (var i = 0; i < nodes.length; i++) {
      var when = new Date(nodes[i].getAttribute("datetime"));
      if (!isNaN(when.getTime())) { nodes[i].textContent = format.format(when); }
    }
  }

  function pad(n) { return n < 10 ? "0" + n : String(n); }

  function countdown() {
    var box = document.getElementById("countdown");
    if (!box) { return; }
    var start = new Date(box.dataset.start).getTime();
    var text = box.querySelector(".countdown-text");
    var units = (box.dataset.units || "d,h,min,s").split(",");
    if (isNaN(start) || !text) { return; }
    function tick() {
      var left = Math.floor((start - Date.now()) / 1000);
      if (left <= 0) { text.textContent = box.dataset.started; return false; }
      var days = Math.floor(left / 86400);
      var hours = Math.floor(left % 86400 / 3600);
      var minutes = Math.floor(left % 3600 / 60);
      text.textContent = box.dataset.prefix + " " + days + " " + units[0] + " " + pad(hours) + " " +
        units[1] + " " + pad(minutes) + " " + units[2] + " " + pad(left % 60) + " " + units[3];
      return true;
    }
    if (tick()) {
      var timer = setInterval(function () { if (!tick()) { clearInterval(timer); } }, 1000);
    }
  }

  function start() { localTimes(); countdown(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
