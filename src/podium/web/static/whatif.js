// What-if editor: reorder each race's field (drag and drop, arrows, or a place select), mark cars that
// do not start, choose which races to use, then compute through POST /api/v1/seasons/{ref}/whatif/{cls}.
// The page address always holds the scenario (?s1=…&d1=…), so it can be shared and reloaded; the
// server renders the same result for it without this script.
(function () {
  "use strict";
  var form = document.getElementById("w-form");
  if (!form) return;
  var words = JSON.parse(document.getElementById("w-words").textContent);
  var result = document.getElementById("w-result");
  var status = document.getElementById("w-status");
  var sessions = Array.prototype.slice.call(form.querySelectorAll(".w-session"));
  var dragged = null;

  function cars(fs) { return Array.prototype.slice.call(fs.querySelectorAll(".w-car")); }
  function list(fs) { return fs.querySelector(".w-field"); }
  function fmt(template, values) {
    return template.replace(/%\((\w+)\)[sd]/g, function (_, key) { return values[key]; });
  }

  function renumber(fs) {
    var place = 0;
    cars(fs).forEach(function (li, i) {
      var dns = li.querySelector(".w-dnsbox").checked;
      li.classList.toggle("dns", dns);
      if (!dns) place += 1;
      li.querySelector(".w-place").textContent = dns ? words.dns : String(place);
      li.querySelector(".w-to").value = String(i + 1);
    });
    fs.classList.toggle("used", fs.querySelector(".w-use").checked);
  }

  // A change in race k uses race k and every race before it (results apply in running order).
  function touched(fs) {
    var k = sessions.indexOf(fs);
    sessions.forEach(function (other, i) { if (i <= k) other.querySelector(".w-use").checked = true; });
    refresh();
  }

  function refresh() {
    sessions.forEach(renumber);
    history.replaceState(null, "", form.getAttribute("action") + query());
  }

  function moment() { return form.dataset.after ? "after=" + encodeURIComponent(form.dataset.after) : ""; }

  function query() {
    var parts = moment() ? [moment()] : [];
    for (var i = 0; i < sessions.length; i++) {
      var fs = sessions[i];
      if (!fs.querySelector(".w-use").checked) break;
      var ranked = [], gone = [];
      cars(fs).forEach(function (li) {
        (li.querySelector(".w-dnsbox").checked ? gone : ranked).push(encodeURIComponent(li.dataset.car));
      });
      parts.push("s" + (i + 1) + "=" + ranked.join(","));
      if (gone.length) parts.push("d" + (i + 1) + "=" + gone.join(","));
    }
    return parts.length ? "?" + parts.join("&") : "";
  }

  function moveTo(li, index) {
    var ol = li.parentNode;
    var items = Array.prototype.slice.call(ol.children).filter(function (x) { return x !== li; });
    index = Math.max(0, Math.min(index, items.length));
    ol.insertBefore(li, items[index] || null);
  }

  function settleDns(li) {
    var ol = li.parentNode;
    if (li.querySelector(".w-dnsbox").checked) { ol.appendChild(li); return; }
    var firstOut = Array.prototype.slice.call(ol.children).filter(function (x) {
      return x !== li && x.querySelector(".w-dnsbox").checked;
    })[0];
    ol.insertBefore(li, firstOut || null);
  }

  sessions.forEach(function (fs) {
    fs.querySelector(".w-use").addEventListener("change", function (e) {
      var k = sessions.indexOf(fs);
      sessions.forEach(function (other, i) {
        if (e.target.checked && i < k) other.querySelector(".w-use").checked = true;
        if (!e.target.checked && i > k) other.querySelector(".w-use").checked = false;
      });
      refresh();
    });
    cars(fs).forEach(function (li) {
      li.querySelector(".w-up").addEventListener("click", function (e) {
        var prev = li.previousElementSibling;
        if (prev) list(fs).insertBefore(li, prev);
        touched(fs); e.currentTarget.focus();
      });
      li.querySelector(".w-down").addEventListener("click", function (e) {
        var next = li.nextElementSibling;
        if (next) list(fs).insertBefore(next, li);
        touched(fs); e.currentTarget.focus();
      });
      li.querySelector(".w-to").addEventListener("change", function (e) {
        moveTo(li, parseInt(e.target.value, 10) - 1);
        touched(fs); e.target.focus();
      });
      li.querySelector(".w-dnsbox").addEventListener("change", function () { settleDns(li); touched(fs); });
      li.addEventListener("dragstart", function (e) {
        dragged = li; li.classList.add("dragging");
        e.dataTransfer.effectAllowed = "move";
        e.dataTransfer.setData("text/plain", li.dataset.car);
      });
      li.addEventListener("dragend", function () {
        li.classList.remove("dragging"); dragged = null;
        cars(fs).forEach(function (x) { x.classList.remove("over"); });
      });
      li.addEventListener("dragover", function (e) {
        if (!dragged || dragged === li || dragged.parentNode !== li.parentNode) return;
        e.preventDefault(); e.dataTransfer.dropEffect = "move";
        li.classList.add("over");
      });
      li.addEventListener("dragleave", function () { li.classList.remove("over"); });
      li.addEventListener("drop", function (e) {
        if (!dragged || dragged === li || dragged.parentNode !== li.parentNode) return;
        e.preventDefault(); li.classList.remove("over");
        var rect = li.getBoundingClientRect();
        var after = e.clientY > rect.top + rect.height / 2;
        list(fs).insertBefore(dragged, after ? li.nextElementSibling : li);
        touched(fs);
      });
    });
    renumber(fs);
  });

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function standings(rows, byId) {
    var wrap = el("div", { "class": "scroll" });
    var table = el("table", { "class": "t-table w-table" });
    var head = el("tr");
    [["#", "num"], [words.competitor, ""], [words.points, "num"], [words.gained, "num"], [words.status, ""]]
      .forEach(function (h) { head.appendChild(el("th", h[1] ? { "class": h[1] } : {}, h[0])); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    rows.forEach(function (r) {
      var c = byId[r.id];
      var tr = el("tr", { "class": c ? "t-" + c.status : "" });
      tr.appendChild(el("td", { "class": "num" }, String(r.position)));
      tr.appendChild(el("th", { scope: "row" }, r.name));
      // points_text: the exact points as the page's language writes them ("246.5", "246,5"), not "493/2"
      var shown = r.points_text || r.points, gained = r.gained_text || r.gained;
      var pts = el("td", { "class": "num" }); pts.appendChild(el("strong", {}, shown)); tr.appendChild(pts);
      tr.appendChild(el("td", { "class": "num muted" },
        r.gained === "0" ? "" : (gained.charAt(0) === "-" ? gained : "+" + gained)));
      var st = el("td");
      if (c) st.appendChild(el("span", { "class": "badge badge-" + c.status }, words.statuses[c.status] || c.status));
      tr.appendChild(st);
      body.appendChild(tr);
    });
    table.appendChild(body); wrap.appendChild(table);
    return wrap;
  }

  function render(data) {
    var byId = {};
    data.title.competitors.forEach(function (c) { byId[c.id] = c; });
    result.textContent = "";
    result.appendChild(el("h2", { id: "w-result-h" }, words.result));
    if (data.complete) {
      var champ = data.final.champion;
      result.appendChild(el("p", { id: "w-champion", "class": champ ? "t-champion" : "t-champion shared" },
        champ ? "★ " + fmt(words.champion, { name: champ.name }) : words.shared));
    } else {
      result.appendChild(el("p", { "class": "muted" }, fmt(words.remaining, { sessions: data.remaining.join(", ") })));
      var quote = el("blockquote", { "class": "t-press" });
      quote.appendChild(el("p", {}, data.title.press));
      result.appendChild(quote);
    }
    var quiet = function (r) {
      var c = byId[r.id];
      return r.gained === "0" && (!c || c.status === "eliminated");
    };
    result.appendChild(standings(data.standings.filter(function (r) { return !quiet(r); }), byId));
    var folded = data.standings.filter(quiet);
    if (folded.length) {
      var more = el("details", { "class": "t-more" });
      more.appendChild(el("summary", {}, fmt(folded.length === 1 ? words.more_one : words.more_many, { num: folded.length })));
      more.appendChild(standings(folded, byId));
      result.appendChild(more);
    }
    if (!data.complete) {
      var ul = el("ul", { "class": "w-conditions" });
      data.title.competitors.forEach(function (c) {
        if (c.status === "eliminated") return;
        var li = el("li"); li.appendChild(el("strong", {}, c.status_text));
        if (c.conditions.length) {
          var sub = el("ul");
          c.conditions.forEach(function (k) { sub.appendChild(el("li", {}, k.text)); });
          li.appendChild(sub);
        }
        ul.appendChild(li);
      });
      result.appendChild(ul);
      if (data.title.decision_table) result.appendChild(el("p", { "class": "t-sentence" }, data.title.decision_table.text));
    }
  }

  function body() {
    var out = [];
    for (var i = 0; i < sessions.length; i++) {
      var fs = sessions[i];
      if (!fs.querySelector(".w-use").checked) break;
      var order = [], gone = [];
      cars(fs).forEach(function (li) { (li.querySelector(".w-dnsbox").checked ? gone : order).push(li.dataset.car); });
      out.push({ session: fs.dataset.session, order: order, not_started: gone });
    }
    return { sessions: out, lang: form.dataset.lang };
  }

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var button = document.getElementById("w-compute");
    button.disabled = true; result.classList.add("w-busy");
    status.textContent = words.computing;
    fetch(form.dataset.api, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body())
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, status: response.status, data: data }; });
    }).then(function (answer) {
      if (answer.status === 503) {
        // The workers are busy: ask again when the server says (the request is the same).
        var wait = Number((answer.data.error && answer.data.error.details && answer.data.error.details.retry_after) || 5);
        status.textContent = words.busy.replace("%(seconds)s", String(wait));
        setTimeout(function () { form.requestSubmit(); }, wait * 1000);
        return;
      }
      if (!answer.ok) {
        var err = answer.data.error || { message: String(answer.data) };
        status.textContent = words.failed + " " + err.message;
        return;
      }
      render(answer.data);
      var shared = [moment(), answer.data.query].filter(Boolean).join("&");
      history.replaceState(null, "", form.getAttribute("action") + (shared ? "?" + shared : ""));
      status.textContent = words.done;
    }).catch(function (error) {
      status.textContent = words.failed + " " + error;
    }).then(function () {
      button.disabled = false; result.classList.remove("w-busy");
    });
  });
})();
