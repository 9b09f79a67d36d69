// Title odds chart of the title page: data from <script type="application/json" id="t-forecast-data">,
// drawn with the locally served Plotly (no inline script: the CSP forbids it).
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("t-forecast");
    var source = document.getElementById("t-forecast-data");
    if (!holder || !source || typeof Plotly === "undefined") return;
    var data = JSON.parse(source.textContent);
    if (!data) return;
    var style = getComputedStyle(document.documentElement);
    var fg = getComputedStyle(document.body).color;
    var accent = style.getPropertyValue("--accent").trim() || "#b3001b";
    var muted = style.getPropertyValue("--muted").trim() || "#5b6170";
    var pct = data.odds.map(function (x) { return x * 100; });
    var labels = data.labels;  // written by podium.present.numbers.probability on the server
    var trace = {
      type: "bar", orientation: "h", x: pct, y: data.names, text: labels, textposition: "outside",
      cliponaxis: false, hoverinfo: "y+text",
      marker: { color: data.odds.map(function (x, i) { return i === 0 ? accent : muted; }) }
    };
    var layout = {
      height: 70 + 44 * data.names.length,
      margin: { l: 10, r: 70, t: 10, b: 30 },
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)",
      font: { color: fg, family: "system-ui, sans-serif", size: 13 },
      xaxis: { range: [0, 100], ticksuffix: " %", gridcolor: "rgba(128,128,128,.25)", zeroline: false, fixedrange: true },
      yaxis: { autorange: "reversed", automargin: true, fixedrange: true, ticksuffix: "   " },
      bargap: 0.35
    };
    Plotly.newPlot(holder, [trace], layout, { displayModeBar: false, responsive: true, staticPlot: false });
    holder.setAttribute("data-drawn", "1");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
