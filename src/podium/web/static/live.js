// Live overlays: fill the page from the Server-Sent Events stream of its session and class.
// No inline script (the CSP forbids them) and no innerHTML: every name is set as text.
(function () {
  "use strict";
  var body = document.body;
  var rows = parseInt(body.getAttribute("data-rows") || "10", 10);
  var lastChampion = null;
  var lastPositions = {};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function delta(n) {
    if (n > 0) return el("span", "delta up", "\u25B2" + n);
    if (n < 0) return el("span", "delta down", "\u25BC" + -n);
    return el("span", "delta same", "\u2013");
  }

  function tower(state) {
    var list = document.getElementById("tower-rows");
    if (!list) return;
    var cls = state["class"];
    document.getElementById("tower-class").textContent = cls.name;
    clear(list);
    var seen = {};
    cls.standings.slice(0, rows).forEach(function (r) {
      var li = el("li");
      li.setAttribute("data-competitor", r.competitor_id);
      li.appendChild(el("span", "pos", r.position === null ? "" : r.position));
      li.appendChild(el("span", "name", r.competitor));
      li.appendChild(el("span", "pts", r.points_text || r.points));
      li.appendChild(delta(r.gained));
      if (lastPositions[r.competitor_id] !== undefined && lastPositions[r.competitor_id] !== r.position) {
        li.classList.add("flash");
        window.setTimeout(function () { li.classList.remove("flash"); }, 900);
      }
      seen[r.competitor_id] = r.position;
      list.appendChild(li);
    });
    lastPositions = seen;
  }

  function banner(state) {
    var box = document.getElementById("banner");
    if (!box) return;
    var title = state["class"].title || {};
    var label = document.getElementById("banner-label");
    var name = document.getElementById("banner-name");
    var sub = document.getElementById("banner-sub");
    var who = title.champion ? title.champion.name : (title.leader ? title.leader.name : "");
    if (state.official) {
      label.textContent = body.getAttribute(title.champion ? "data-l-champion-official" : "data-l-leader-official");
      box.classList.add("official");
    } else {
      label.textContent = body.getAttribute(title.champion ? "data-l-champion-now" : "data-l-leader-now");
      box.classList.remove("official");
    }
    name.textContent = who;
    sub.textContent = state["class"].name + " \u00B7 " + (state.session_name || state.session);
    box.setAttribute("data-champion", title.champion ? title.champion.id : "");
    if (lastChampion !== null && lastChampion !== who) {
      box.classList.remove("changed");
      void box.offsetWidth; // restart the animation
      box.classList.add("changed");
    }
    lastChampion = who;
  }

  function needs(state) {
    var list = document.getElementById("needs-rows");
    if (!list) return;
    clear(list);
    var title = state["class"].title || {};
    (title.contenders || []).forEach(function (c) {
      var li = el("li", c.champion_now ? "now" : "");
      var head = el("span", "who", c.name + (c.place ? " (P" + c.place + ")" : "") + ": ");
      li.appendChild(head);
      var lang = document.documentElement.lang || "en";
      var what = (c.needs_short && c.needs_short[lang]) ||
        (c.needs.indexOf(c.name + " ") === 0 ? c.needs.slice(c.name.length + 1) : c.needs);
      li.appendChild(el("span", "what", what));
      list.appendChild(li);
    });
  }

  function show(state) {
    if (!state || !state["class"]) return;
    tower(state);
    banner(state);
    needs(state);
    body.setAttribute("data-seq", state.seq === null || state.seq === undefined ? "official" : state.seq);
  }

  var source = new EventSource(body.getAttribute("data-events"));
  source.addEventListener("state", function (event) {
    try {
      show(JSON.parse(event.data));
    } catch (err) {
      // a bad message is skipped; the next state repaints everything
    }
  });
})();
