// Small SVG charts: a horizontal stacked bar for counts by status, a sparkline for a series.

import { h } from "./dom.js";

// `parts`: [{label, value, tone}] -> one bar split into parts; tones map to CSS classes.
export function stackedBar(parts, { width = 160, height = 12, title = "" } = {}) {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  const svg = h("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart" });
  svg.append(h("title", {}, title));
  if (!total) {
    svg.append(h("rect", { x: 0, y: 0, width, height, rx: 3, class: "tone-empty" }));
    return svg;
  }
  let x = 0;
  for (const part of parts) {
    if (!part.value) continue;
    const w = (part.value / total) * width;
    svg.append(h("rect", { x: x.toFixed(2), y: 0, width: Math.max(w - 1, 1).toFixed(2), height, class: `tone-${part.tone}` },
      h("title", {}, `${part.label}: ${part.value}`)));
    x += w;
  }
  return svg;
}

export function sparkline(values, { width = 120, height = 28, title = "" } = {}) {
  const svg = h("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart spark" });
  svg.append(h("title", {}, title));
  if (values.length === 0) return svg;
  const max = Math.max(...values, 1);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const points = values.map((v, i) => `${(2 + i * step).toFixed(1)},${(height - 3 - (v / max) * (height - 6)).toFixed(1)}`);
  svg.append(h("polyline", { points: points.join(" "), fill: "none", class: "spark-line" }));
  const [lx, ly] = points[points.length - 1].split(",");
  svg.append(h("circle", { cx: lx, cy: ly, r: 2.5, class: "spark-dot" }));
  return svg;
}

// A bar that shows a value against a maximum (similarity 0..1, capacity against demand).
export function meter(value, max, { width = 90, height = 10, title = "", tone = "info" } = {}) {
  const w = max > 0 ? Math.min(value / max, 1) * width : 0;
  return h("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": title, class: "chart" },
    h("title", {}, title),
    h("rect", { x: 0, y: 0, width, height, rx: 2, class: "tone-empty" }),
    h("rect", { x: 0, y: 0, width: w.toFixed(2), height, rx: 2, class: `tone-${tone}` }));
}
