// Filters, highlight ↔ note links, and scrolling to pairs. No network, no libraries.
(function () {
  "use strict";
  var $ = function (sel, el) { return (el || document).querySelector(sel); };
  var $$ = function (sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); };
  var fDoc = $("#filter-doc"), fRule = $("#filter-rule"), fSev = $("#filter-sev");
  var fOnly = $("#filter-only"), shown = $("#shown"), form = $("#filters");

  function matches(el) {
    return (!fDoc.value || el.dataset.doc === fDoc.value) &&
      (!fRule.value || el.dataset.rule === fRule.value) &&
      (!fSev.value || el.dataset.sev === fSev.value);
  }

  function apply() {
    var narrowing = Boolean(fRule.value || fSev.value || fOnly.checked);
    var total = 0, visible = 0;
    $$(".finding").forEach(function (el) {
      var ok = matches(el);
      el.hidden = !ok;
      if (el.closest("#finding-list")) { total += 1; if (ok) { visible += 1; } }
    });
    $$(".pair[data-doc]").forEach(function (pair) {
      var docOk = !fDoc.value || pair.dataset.doc === fDoc.value;
      var hasVisible = $$(".note", pair).some(function (n) { return !n.hidden; });
      pair.hidden = !docOk || (narrowing && !hasVisible);
    });
    $$("mark.hl").forEach(function (mark) {
      var live = mark.dataset.f.split(" ").some(function (id) {
        var note = document.getElementById(id);
        return note && !note.hidden;
      });
      mark.classList.toggle("dim", !live);
    });
    $$("section.document, .doc-card").forEach(function (el) {
      el.hidden = Boolean(fDoc.value) && el.dataset.doc !== fDoc.value;
    });
    $$(".chip").forEach(function (chip) {
      chip.classList.toggle("off", Boolean(fRule.value) && chip.dataset.rule !== fRule.value);
    });
    shown.textContent = visible + " of " + total + " findings";
  }

  function activate(ids) {
    $$(".note.active").forEach(function (n) { n.classList.remove("active"); });
    ids.forEach(function (id) {
      var note = document.getElementById(id);
      if (note) { note.classList.add("active"); }
    });
  }

  function flash(id) {
    var el = id && document.getElementById(id);
    if (!el) { return; }
    if (el.hidden || el.closest("[hidden]")) { form.reset(); apply(); }
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
    el.scrollIntoView({ block: "center" });
  }

  // Sticky column headers and scroll targets sit below the bar, whatever its height.
  function measureBar() {
    document.documentElement.style.setProperty("--bar-h", $(".bar").offsetHeight + "px");
  }
  measureBar();
  window.addEventListener("resize", measureBar);

  [fDoc, fRule, fSev, fOnly].forEach(function (el) { el.addEventListener("change", apply); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });

  document.addEventListener("click", function (ev) {
    var mark = ev.target.closest("mark.hl");
    if (mark) { activate(mark.dataset.f.split(" ")); return; }
    var link = ev.target.closest("a[href^='#']");
    if (!link) { return; }
    var id = link.getAttribute("href").slice(1);
    ev.preventDefault();
    if (history.replaceState) { history.replaceState(null, "", "#" + id); }
    flash(id);
    if (link.dataset.note) { activate([link.dataset.note]); }
  });
  document.addEventListener("keydown", function (ev) {
    var mark = ev.target.closest && ev.target.closest("mark.hl");
    if (mark && (ev.key === "Enter" || ev.key === " ")) {
      ev.preventDefault();
      activate(mark.dataset.f.split(" "));
    }
  });

  apply();
  if (location.hash.length > 1) { flash(decodeURIComponent(location.hash.slice(1))); }
})();
