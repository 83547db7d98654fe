/* Page behaviour: draw the charts from their JSON blocks, and highlight the quote (with its sentence)
   or event an anchor (#q-ID, #ev-ID) points at, in every piece it was split into. */
"use strict";
(function () {
  function data(fig) {
    const src = document.getElementById(fig.dataset.json || "");
    if (!src) return null;
    try { return JSON.parse(src.textContent); } catch (err) { return null; }
  }

  function relationsLink(extra) {
    const params = new URLSearchParams(window.location.search);
    for (const key of Object.keys(extra)) params.set(key, extra[key]);
    return "/relations?" + params.toString();
  }

  const DRAW = {
    timeline(fig, rows) {
      Newsgraph.timeChart(fig, {
        labels: rows.map((r) => r.period),
        bars: [{ name: "articles", color: "#8fb3dc", values: rows.map((r) => r.articles) }],
        line: { name: "events", color: "#c0392b", values: rows.map((r) => r.events) },
      });
    },
    dyad(fig, d) {
      Newsgraph.timeChart(fig, {
        labels: d.series.map((p) => p.period),
        bars: d.types.map((t, i) => ({ name: t, color: Newsgraph.typeColor(t, i), values: d.series.map((p) => p.by_type[t] || 0) })),
        line: { name: "mean intensity", color: "#1d2430", values: d.series.map((p) => p.mean_intensity), min: -10, max: 10 },
        height: 260,
      });
    },
    story(fig, rows) {
      Newsgraph.timeChart(fig, {
        labels: rows.map((r) => r.period),
        bars: [
          { name: "articles", color: "#8fb3dc", values: rows.map((r) => r.articles) },
          { name: "quotes", color: "#e3b505", values: rows.map((r) => r.quotes) },
          { name: "events", color: "#c0392b", values: rows.map((r) => r.events) },
        ],
        line: null,
      });
    },
    network(fig, d) {
      Newsgraph.network(fig, d, (e) => relationsLink({ source: e.source, target: e.target }));
    },
  };

  function markTarget() {
    document.querySelectorAll(".target").forEach((e) => e.classList.remove("target"));
    const m = /^#(q|ev)-(\d+)$/.exec(window.location.hash);
    if (!m) return;
    const pieces = document.querySelectorAll("[data-" + m[1] + '="' + m[2] + '"]');
    pieces.forEach((e) => e.classList.add("target"));
    if (m[1] === "q") document.querySelectorAll('[data-qs="' + m[2] + '"]').forEach((e) => e.classList.add("target"));
    if (pieces.length) pieces[0].scrollIntoView({ block: "center" });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("figure[data-chart]").forEach((fig) => {
      const d = data(fig), draw = DRAW[fig.dataset.chart];
      if (d !== null && draw) draw(fig, d);
    });
    markTarget();
    window.addEventListener("hashchange", markTarget);
  });
})();
