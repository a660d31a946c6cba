// Routing (#doc=NAME&pair=N), lazy document views, filters, the ranking's sort, highlight ↔
// note links, and triage (a baseline file to download). No network, no libraries.
(function () {
  "use strict";
  var $ = function (sel, el) { return (el || document).querySelector(sel); };
  var $$ = function (sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); };
  var summary = $("#summary"), view = $("#view"), form = $("#filters");
  var fRule = $("#filter-rule"), fSev = $("#filter-sev"), fOnly = $("#filter-only");
  var shown = $("#shown"), marked = $("#marked"), download = $("#download-baseline");
  var data = {};  // document name → the inert JSON element holding its view
  $$("script.doc-data").forEach(function (el) { data[el.dataset.name] = el; });
  var current = null;  // the name of the document in the view

  // ---- routing -------------------------------------------------------------------------
  function parseHash() {
    var out = {};
    location.hash.slice(1).split("&").forEach(function (part) {
      var eq = part.indexOf("=");
      if (eq > 0) { out[part.slice(0, eq)] = decodeURIComponent(part.slice(eq + 1)); }
    });
    return out;
  }

  function open(name) {
    if (current === name) { return true; }
    var el = data[name];
    if (!el) { return false; }
    // The view's HTML was rendered (and escaped) by the report's template; the page's
    // policy lets no script in it run.
    view.innerHTML = JSON.parse(el.textContent);
    current = name;
    restoreMarks(view);
    apply();
    return true;
  }

  function route() {
    var h = parseHash();
    if (h.doc !== undefined && open(h.doc)) {
      summary.hidden = true; view.hidden = false; form.hidden = false;
      document.title = document.title.replace(/^(.*?)( — .*)?$/, "$1") + " — " + h.doc;
      if (h.pair) {
        var pair = $("#" + view.firstElementChild.id + "-p" + (Number(h.pair) - 1), view);
        flash(pair);
      } else { window.scrollTo(0, 0); }
    } else {
      summary.hidden = false; view.hidden = true; form.hidden = true;
      document.title = document.title.replace(/ — .*$/, "");
      if (!h.doc && location.hash !== "#summary") { return; }
      window.scrollTo(0, 0);
    }
  }

  function flash(el) {
    if (!el) { return; }
    if (el.hidden || el.closest("[hidden]")) { form.reset(); apply(); }
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
    el.scrollIntoView({ block: "center" });
  }

  // ---- filters (of the open document) -----------------------------------------------------
  function matches(el) {
    return (!fRule.value || el.dataset.rule === fRule.value) &&
      (!fSev.value || el.dataset.sev === fSev.value);
  }

  function apply() {
    if (!current) { return; }
    var narrowing = Boolean(fRule.value || fSev.value || fOnly.checked);
    var total = 0, visible = 0;
    $$(".finding", view).forEach(function (el) {
      var ok = matches(el);
      el.hidden = !ok;
      if (el.closest(".finding-list")) { total += 1; if (ok) { visible += 1; } }
    });
    $$(".pair[id]", view).forEach(function (pair) {
      var hasVisible = $$(".note", pair).some(function (n) { return !n.hidden; });
      pair.hidden = narrowing && !hasVisible;
    });
    $$("mark.hl", view).forEach(function (mark) {
      var live = mark.dataset.f.split(" ").some(function (id) {
        var note = document.getElementById(id);
        return note && !note.hidden;
      });
      mark.classList.toggle("dim", !live);
    });
    shown.textContent = visible + " of " + total + " defects";
  }

  function activate(ids) {
    $$(".note.active").forEach(function (n) { n.classList.remove("active"); });
    ids.forEach(function (id) {
      var note = document.getElementById(id);
      if (note) { note.classList.add("active"); }
    });
  }

  // ---- the ranking ----------------------------------------------------------------------
  var ranking = $("#ranking");
  function sortBy(th) {
    var key = th.dataset.sort, body = ranking.tBodies[0];
    var was = th.getAttribute("aria-sort");
    // First click: counts largest first, rank and name in order; a second click flips it.
    var desc = was ? was === "ascending" : key !== "rank" && key !== "name";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.dataset[key], y = b.dataset[key], c;
      c = key === "name" ? x.localeCompare(y) : Number(x) - Number(y);
      if (c === 0) { return Number(a.dataset.rank) - Number(b.dataset.rank); }
      return desc ? -c : c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
    $$("th[data-sort]", ranking).forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", desc ? "descending" : "ascending");
  }
  var search = $("#doc-search");
  search.addEventListener("input", function () {
    var q = search.value.toLowerCase();
    Array.prototype.forEach.call(ranking.tBodies[0].rows, function (r) {
      r.hidden = Boolean(q) && r.dataset.name.toLowerCase().indexOf(q) < 0;
    });
  });

  // ---- triage: marks kept in this page (and in localStorage when it can) -----------------
  var storeKey = "bitext-triage:" + document.body.dataset.report, marks = {};
  try { marks = JSON.parse(localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { marks = {}; }
  function save() {
    try { localStorage.setItem(storeKey, JSON.stringify(marks)); } catch (e) { /* private mode */ }
    var n = Object.keys(marks).length;
    marked.textContent = n + " marked";
    download.disabled = n === 0;
  }

  function showMark(note) {
    var m = marks[note.id];
    $$("button.mark", note).forEach(function (b) {
      b.setAttribute("aria-pressed", String(Boolean(m) && m.status === b.dataset.mark));
    });
    var input = $(".triage-note", note);
    input.hidden = !m;
    if (m && input.value !== m.note) { input.value = m.note; }
    note.classList.toggle("triaged", Boolean(m));
  }

  function restoreMarks(root) { $$(".note", root).forEach(showMark); }

  function mark(button) {
    var note = button.closest(".note"), status = button.dataset.mark;
    if (marks[note.id] && marks[note.id].status === status) {
      delete marks[note.id];  // pressing it again takes the mark back
    } else {
      marks[note.id] = {
        status: status, note: marks[note.id] ? marks[note.id].note : "",
        document: current, entries: JSON.parse(note.dataset.baseline)
      };
    }
    showMark(note);
    save();
  }

  function baseline() {
    // The format qa/formats/baseline.py reads: entries by fingerprint, copies counted.
    var byPrint = {};
    Object.keys(marks).forEach(function (id) {
      var m = marks[id];
      m.entries.forEach(function (e) {
        var have = byPrint[e.fingerprint];
        if (have) { have.count += e.count; return; }
        var entry = {};
        Object.keys(e).forEach(function (k) { entry[k] = e[k]; });
        entry.triage = m.status;
        if (m.note) { entry.note = m.note; }
        byPrint[e.fingerprint] = entry;
      });
    });
    var findings = Object.keys(byPrint).map(function (k) { return byPrint[k]; });
    var cmp = function (a, b) { return a < b ? -1 : a > b ? 1 : 0; };
    findings.sort(function (a, b) {
      return cmp(a.document, b.document) || cmp(a.code, b.code) || cmp(a.fingerprint, b.fingerprint);
    });
    return { version: 1, tool: "bitext", findings: findings };
  }

  download.addEventListener("click", function () {
    var text = JSON.stringify(baseline(), null, 1) + "\n";
    var url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = "bitext-baseline.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  });

  // ---- events ---------------------------------------------------------------------------
  function measureBar() {
    document.documentElement.style.setProperty("--bar-h", $(".bar").offsetHeight + "px");
  }
  window.addEventListener("resize", measureBar);
  [fRule, fSev, fOnly].forEach(function (el) { el.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  window.addEventListener("hashchange", route);
  window.addEventListener("popstate", route);

  document.addEventListener("click", function (ev) {
    var th = ev.target.closest("#ranking th[data-sort]");
    if (th) { sortBy(th); return; }
    var button = ev.target.closest("button.mark");
    if (button) { mark(button); return; }
    var hl = ev.target.closest("mark.hl");
    if (hl) { activate(hl.dataset.f.split(" ")); return; }
    var strip = ev.target.closest("svg.strip");
    if (strip) {  // the pair under the pointer
      var box = strip.getBoundingClientRect(), n = Number(strip.dataset.pairs);
      var k = Math.min(n, Math.max(1, Math.floor((ev.clientX - box.left) / box.width * n) + 1));
      go("#doc=" + encodeURIComponent(current) + "&pair=" + k);
      return;
    }
    var link = ev.target.closest("a[href^='#']");
    if (!link) { return; }
    ev.preventDefault();
    var href = link.getAttribute("href");
    if (href.indexOf("#pair=") === 0) { href = "#doc=" + encodeURIComponent(current) + "&" + href.slice(1); }
    go(href);
    if (link.dataset.note) { activate([link.dataset.note]); }
  });
  function go(href) {
    if (location.hash !== href) { history.pushState(null, "", href); }
    route();
  }
  document.addEventListener("input", function (ev) {
    var input = ev.target.closest && ev.target.closest(".triage-note");
    if (!input) { return; }
    var id = input.closest(".note").id;
    if (marks[id]) { marks[id].note = input.value; save(); }
  });
  document.addEventListener("keydown", function (ev) {
    var hl = ev.target.closest && ev.target.closest("mark.hl");
    if (hl && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      activate(hl.dataset.f.split(" "));
    }
  });

  measureBar();
  save();
  route();
  document.documentElement.dataset.ready = String(Math.round(performance.now()));
})();
