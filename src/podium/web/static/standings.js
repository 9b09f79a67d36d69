// Progression chart of a standings page: points after every round, drawn by the local Plotly
// from the JSON block the server wrote (<script type="application/json" id="progression-data">).
(function () {
  "use strict";

  function css(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }

  function draw() {
    var box = document.getElementById("progression-chart");
    var source = document.getElementById("progression-data");
    if (!box || !source || typeof Plotly === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    if (!data.rounds.length) { return; }
    var narrow = window.matchMedia("(max-width: 40rem)").matches;
    // A phone has no room for a legend of thirty names: it draws the leading group only.
    var shown = narrow ? data.series.filter(function (s) { return s.visible; }) : data.series;
    var brand = css("--brand", "#c8102e");
    var traces = shown.map(function (s, index) {
      // The leader's line in the series' colour, thicker: the story of the season at a glance.
      var lead = index === 0;
      return {
        x: narrow ? data.short : data.rounds, y: s.points, name: s.name, type: "scatter", mode: "lines+markers",
        visible: s.visible ? true : "legendonly", connectgaps: false,
        line: lead ? { width: 4, color: brand } : { width: 2 },
        marker: { size: lead ? 7 : 5 }, hovertemplate: "%{y}<extra>" + s.name.replace(/[<>&]/g, "") + "</extra>"
      };
    });
    var fg = css("--fg", "#16181d");
    var line = css("--line", "#dde1e8");
    var layout = {
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      font: { color: fg, family: "system-ui, sans-serif", size: narrow ? 10 : 12 },
      margin: { l: 40, r: 10, t: 10, b: 40 },
      xaxis: { gridcolor: line, tickangle: narrow ? 0 : -30, automargin: true },
      yaxis: { gridcolor: line, zerolinecolor: line, rangemode: "tozero" },
      legend: narrow ? { orientation: "h", x: 0, y: -0.12, yanchor: "top" } : { orientation: "v" },
      hovermode: "x unified"
    };
    Plotly.newPlot(box, traces, layout, { displayModeBar: false, responsive: true });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
