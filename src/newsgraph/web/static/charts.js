/* Small SVG charts for Newsgraph: a time chart (stacked bars + optional line) and a force-directed
   network. Data arrives as parsed JSON; every label is set with textContent, never as markup. */
"use strict";
(function () {
  const NS = "http://www.w3.org/2000/svg";
  const TYPE_COLORS = {
    AGREE: "#2e86c1", CONSULT: "#5dade2", SUPPORT: "#1f7a4d", CONCEDE: "#58d68d", COOPERATE: "#117864",
    AID: "#48c9b0", RETREAT: "#a9cce3", REQUEST: "#7d8ea3", ACCUSE: "#f5b041", REJECT: "#e67e22",
    THREATEN: "#d35400", PROTEST: "#f1948a", SANCTION: "#af601a", MOBILIZE: "#884ea0", COERCE: "#cb4335",
    ASSAULT: "#7b241c",
  };
  const SPARE = ["#5b6c80", "#a04000", "#1a5276", "#7d6608", "#4a235a", "#0e6251"];

  function node(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const k of Object.keys(attrs || {})) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function label(parent, x, y, text, attrs) {
    const t = node("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = String(text);
    return t;
  }
  function tip(parent, text) { node("title", {}, parent).textContent = String(text); }

  function typeColor(type, i) { return TYPE_COLORS[type] || SPARE[i % SPARE.length]; }

  /* Colour for a mean intensity on PLOVER's -10 (conflict) .. +10 (cooperation) scale. */
  function intensityColor(v) {
    if (v === null || v === undefined || Number.isNaN(v)) return "#9aa4b1";
    const mix = (a, b, t) => a.map((x, i) => Math.round(x + (b[i] - x) * t));
    const neg = [192, 57, 43], neu = [138, 148, 163], pos = [31, 122, 77];
    const t = Math.max(-1, Math.min(1, v / 6));  // typical means lie within ±6 of PLOVER's ±10
    const c = t < 0 ? mix(neu, neg, -t) : mix(neu, pos, t);
    return "rgb(" + c.join(",") + ")";
  }

  function niceMax(v) {
    if (v <= 0) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
    return 10 * p;
  }

  /* spec: {labels: [..], bars: [{name, color, values}], line: {name, color, values, min, max} | null} */
  function timeChart(host, spec) {
    const W = Math.max(host.clientWidth - 10, 320), H = spec.height || 230;
    const legendH = 22, m = { l: 46, r: spec.line ? 46 : 14, t: 12, b: 30 + legendH };
    const pw = W - m.l - m.r, ph = H - m.t - m.b, n = spec.labels.length;
    const svg = node("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H }, host);
    const totals = spec.labels.map((_, i) => spec.bars.reduce((s, b) => s + (b.values[i] || 0), 0));
    const step = Math.max(1, niceMax(Math.max(0, ...totals) / 4)), ticks = Math.max(1, Math.ceil(Math.max(1, ...totals) / step));
    const yMax = step * ticks;
    const axis = node("g", { class: "axis" }, svg);
    for (let t = 0; t <= ticks; t++) {
      const y = m.t + ph - (ph * t) / ticks;
      node("line", { x1: m.l, x2: m.l + pw, y1: y, y2: y, class: "grid-line" }, axis);
      label(axis, m.l - 6, y + 4, (step * t).toLocaleString(), { "text-anchor": "end" });
    }
    const slot = pw / Math.max(n, 1), bw = Math.min(slot, 48), gap = bw > 6 ? Math.min(3, bw * 0.2) : 0;
    const cx = (i) => m.l + i * slot + slot / 2;
    spec.labels.forEach((lab, i) => {
      let acc = 0;
      spec.bars.forEach((b) => {
        const v = b.values[i] || 0;
        if (!v) return;
        const h = (ph * v) / yMax, y = m.t + ph - ((acc + v) * ph) / yMax;
        const r = node("rect", { x: cx(i) - bw / 2 + gap / 2, y: y, width: Math.max(bw - gap, 0.5), height: h, fill: b.color }, svg);
        tip(r, lab + " · " + b.name + ": " + v.toLocaleString());
        acc += v;
      });
    });
    const every = Math.max(1, Math.ceil(n / Math.max(1, Math.floor(pw / 70))));
    spec.labels.forEach((lab, i) => {
      if (i % every === 0) label(axis, cx(i), m.t + ph + 16, lab, { "text-anchor": "middle" });
    });
    if (spec.line) {
      const L = spec.line, vals = L.values.filter((v) => v !== null && v !== undefined);
      const lo = L.min !== undefined ? L.min : 0, hi = L.max !== undefined ? L.max : niceMax(Math.max(0, ...vals));
      const ys = (v) => m.t + ph - ((v - lo) * ph) / (hi - lo || 1);
      let d = "", pen = false;
      L.values.forEach((v, i) => {
        if (v === null || v === undefined) { pen = false; return; }
        d += (pen ? "L" : "M") + cx(i).toFixed(1) + " " + ys(v).toFixed(1) + " ";
        pen = true;
      });
      if (d) node("path", { d: d, fill: "none", stroke: L.color, "stroke-width": 2 }, svg);
      L.values.forEach((v, i) => {
        if (v === null || v === undefined) return;
        const c = node("circle", { cx: cx(i), cy: ys(v), r: n > 60 ? 1.5 : 3, fill: L.color }, svg);
        tip(c, spec.labels[i] + " · " + L.name + ": " + v);
      });
      for (let k = 0; k <= 4; k++) {
        const v = lo + ((hi - lo) * k) / 4;
        label(axis, m.l + pw + 6, ys(v) + 4, Math.round(v * 10) / 10, { "text-anchor": "start" });
      }
    }
    const legend = node("g", { class: "chart-legend" }, svg);
    let x = m.l;
    const items = spec.bars.map((b) => [b.name, b.color, "bar"]);
    if (spec.line) items.push([spec.line.name + " (right axis)", spec.line.color, "line"]);
    items.forEach(([name, color, kind]) => {
      const y = H - 8;
      if (kind === "bar") node("rect", { x: x, y: y - 9, width: 10, height: 10, fill: color }, legend);
      else node("line", { x1: x, x2: x + 12, y1: y - 4, y2: y - 4, stroke: color, "stroke-width": 2 }, legend);
      const t = label(legend, x + 15, y, name);
      x += 24 + (t.getComputedTextLength ? t.getComputedTextLength() : name.length * 6);
    });
    return svg;
  }

  /* data: {nodes: [{id, label, actor, events}], edges: [{source, target, events, mean_intensity}], since, until} */
  function network(host, data, linkFor) {
    const W = Math.max(host.clientWidth - 10, 320), H = Math.max(host.clientHeight - 10, 300);
    const svg = node("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H }, host);
    // Fruchterman-Reingold in free space from a deterministic circle, with gravity so that
    // separate components stay close; the result is then fitted into the box.
    const nodes = data.nodes.map((d, i) => {
      const a = (2 * Math.PI * i) / data.nodes.length;
      return { d: d, x: Math.cos(a), y: Math.sin(a), vx: 0, vy: 0 };
    });
    const index = new Map(nodes.map((n) => [n.d.id, n]));
    const edges = data.edges.filter((e) => index.has(e.source) && index.has(e.target));
    const maxE = Math.max(1, ...edges.map((e) => e.events)), maxN = Math.max(1, ...nodes.map((n) => n.d.events));
    const k = 1 / Math.sqrt(Math.max(nodes.length, 1));
    for (let step = 0, temp = 0.2; step < 400; step++, temp *= 0.985) {
      for (const a of nodes) { a.vx = -a.x * 1.2 * k; a.vy = -a.y * 1.2 * k; }
      for (let i = 0; i < nodes.length; i++) {
        for (let j = i + 1; j < nodes.length; j++) {
          const a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, dist = Math.hypot(dx, dy) || 1e-3;
          const f = (k * k) / dist / dist;
          a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
        }
      }
      for (const e of edges) {
        const a = index.get(e.source), b = index.get(e.target);
        const dx = a.x - b.x, dy = a.y - b.y, dist = Math.hypot(dx, dy) || 1e-3;
        const f = (dist / k) * (0.6 + 0.4 * e.events / maxE);
        a.vx -= dx * f; a.vy -= dy * f; b.vx += dx * f; b.vy += dy * f;
      }
      for (const a of nodes) {
        const v = Math.hypot(a.vx, a.vy) || 1, s = Math.min(v, temp) / v;
        a.x += a.vx * s; a.y += a.vy * s;
      }
    }
    const xs = nodes.map((n) => n.x), ys = nodes.map((n) => n.y);
    const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
    const left = 30, right = 130, pad = 28;
    for (const n of nodes) {
      n.x = left + ((n.x - x0) / (x1 - x0 || 1)) * (W - left - right) + (x1 === x0 ? (W - left - right) / 2 : 0);
      n.y = pad + ((n.y - y0) / (y1 - y0 || 1)) * (H - 2 * pad) + (y1 === y0 ? (H - 2 * pad) / 2 : 0);
    }
    const radius = (n) => 4 + 10 * Math.sqrt(n.d.events / maxN);
    const gEdges = node("g", {}, svg), gNodes = node("g", {}, svg);
    for (const e of edges) {
      const a = index.get(e.source), b = index.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y, dist = Math.hypot(dx, dy) || 1;
      const ux = dx / dist, uy = dy / dist, bend = 0.12 * dist;
      const mx = (a.x + b.x) / 2 - uy * bend, my = (a.y + b.y) / 2 + ux * bend;
      const r = radius(b) + 3, ex = b.x - ux * r, ey = b.y - uy * r, sx = a.x + ux * radius(a), sy = a.y + uy * radius(a);
      const color = intensityColor(e.mean_intensity), width = 1 + 5 * Math.sqrt(e.events / maxE);
      const link = node("a", { href: linkFor(e), class: "edge" }, gEdges);
      node("path", { d: "M" + sx + " " + sy + " Q" + mx + " " + my + " " + ex + " " + ey, fill: "none",
        stroke: color, "stroke-width": width, opacity: 0.75 }, link);
      const tx = ex - mx, ty = ey - my, tl = Math.hypot(tx, ty) || 1, hx = tx / tl, hy = ty / tl, s = 5 + width;
      node("polygon", { points: [ex, ey, ex - hx * s - hy * s * 0.5, ey - hy * s + hx * s * 0.5,
        ex - hx * s + hy * s * 0.5, ey - hy * s - hx * s * 0.5].join(" "), fill: color }, link);
      tip(link, e.source + " → " + e.target + ": " + e.events + " events, mean intensity " +
        (e.mean_intensity === null ? "n/a" : e.mean_intensity));
    }
    for (const n of nodes) {
      const g = n.d.actor ? node("a", { href: "/actor/" + encodeURIComponent(n.d.actor), class: "node" }, gNodes)
        : node("g", { class: "node" }, gNodes);
      node("circle", { cx: n.x, cy: n.y, r: radius(n) }, g);
      label(g, n.x + radius(n) + 3, n.y + 4, n.d.label);
      tip(g, n.d.label + " (" + n.d.id + "): " + n.d.events + " events");
    }
    return svg;
  }

  window.Newsgraph = { timeChart: timeChart, network: network, typeColor: typeColor, intensityColor: intensityColor };
})();
