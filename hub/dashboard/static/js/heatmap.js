// Coverage heatmap: districts (rows) x categories (columns), coloured by capacity against demand.

import { getAll, query } from "./api.js";
import { h, replace } from "./dom.js";
import { formatNumber, t } from "./i18n.js";
import { meter } from "./charts.js";
import { STATE_LEGEND, categoryLabel, categoryOrder, cellState, districtLabel, districtsText, scheduleText } from "./words.js";

const key = (ags, district, category) => `${ags}|${district ?? ""}|${category}`;

// Rows and columns from coverage, needs and offers: every district and category with anything in it.
export function grid(coverage, needs, offers) {
  const cells = new Map(coverage.map((row) => [key(row.ags, row.district, row.category), row]));
  const rows = new Map();
  const categories = new Set();
  const addRow = (ags, district) => rows.set(`${ags}|${district ?? ""}`, { ags, district: district ?? null });
  for (const row of coverage) { addRow(row.ags, row.district); categories.add(row.category); }
  for (const need of needs) { addRow(need.area.ags, need.area.district); categories.add(need.category); }
  for (const offer of offers) {
    for (const district of offer.area.districts ?? []) addRow(offer.area.ags, district);
    categories.add(offer.category);
  }
  const sortedRows = [...rows.values()].sort((a, b) => a.ags.localeCompare(b.ags)
    || (a.district ?? "").localeCompare(b.district ?? "", "de"));
  const columns = [...categories].sort((a, b) => categoryOrder(a) - categoryOrder(b));
  return { rows: sortedRows, columns, cell: (ags, district, category) => cells.get(key(ags, district, category)) };
}

export function renderHeatmap(container, data, selection, onSelect) {
  const { rows, columns, cell } = grid(data.coverage, data.needs, data.offers);
  const horizon = data.coverage[0]?.horizon_days ?? 28;
  const manyAreas = new Set(rows.map((r) => r.ags)).size > 1;
  const legend = h("ul", { class: "legend", "aria-label": "Legende" },
    Object.entries(STATE_LEGEND).map(([state, label]) => h("li", {}, h("span", { class: `swatch cell-${state}`, "aria-hidden": "true" }), t(label))));
  if (!rows.length) {
    replace(container, h("h2", { id: "heatmap-title" }, t("heatmapTitle")), h("p", { class: "muted" }, t("noCoverage")));
    return;
  }
  const head = h("tr", {}, h("th", { scope: "col", class: "corner" }, t("district")),
    columns.map((code) => h("th", { scope: "col", class: "colhead" }, h("span", {}, categoryLabel(code)))));
  const body = rows.map((row) => h("tr", {},
    h("th", { scope: "row" }, districtLabel(row.district), manyAreas ? h("small", {}, ` ${row.ags}`) : null),
    columns.map((category) => {
      const found = cell(row.ags, row.district, category);
      const state = cellState(found);
      const demand = found?.open_demand ?? 0;
      const capacity = found?.available_capacity ?? 0;
      const selected = selection && selection.ags === row.ags && selection.district === row.district && selection.category === category;
      const label = t("cellLabel", { district: districtLabel(row.district), category: categoryLabel(category), demand, capacity, state: t(STATE_LEGEND[state]) });
      return h("td", { class: `cell cell-${state}${selected ? " selected" : ""}` },
        h("button", {
          type: "button", class: "cell-button", "aria-label": label, title: label, "aria-pressed": selected ? "true" : "false",
          dataset: { ags: row.ags, district: row.district ?? "", category, state },
          onclick: () => onSelect({ ags: row.ags, district: row.district, category }),
        }, found ? h("span", { class: "cell-value" }, `${formatNumber(demand)} / ${formatNumber(capacity)}`) : h("span", { class: "cell-value", "aria-hidden": "true" }, "·")));
    })));
  replace(container,
    h("div", { class: "section-head" }, h("h2", { id: "heatmap-title" }, t("heatmapTitle")), legend),
    h("p", { class: "muted" }, t("heatmapHelp", { days: horizon }), " ", h("strong", {}, t("cellNumbers"))),
    h("div", { class: "heatmap-scroll" },
      h("table", { class: "heatmap", "aria-labelledby": "heatmap-title" }, h("thead", {}, head), h("tbody", {}, body))));
}

let panelSeq = 0;

// The side panel: that cell's needs and offers, from the API with the cell's filters. Only the latest call
// draws (live updates may overlap a click); `quiet` keeps the old lists on screen while re-fetching.
export async function renderPanel(container, selection, data, { quiet = false } = {}) {
  const seq = ++panelSeq;
  if (!selection) {
    replace(container, h("h2", {}, t("panelTitle")), h("p", { class: "muted" }, t("panelEmpty")));
    return;
  }
  const filters = { ags: selection.ags, district: selection.district, category: selection.category };
  if (!quiet) replace(container, h("h2", {}, t("panelTitle")), h("p", { class: "muted" }, t("loading")));
  const [needs, offers] = await Promise.all([getAll(query("/v1/needs", { ...filters, limit: 200 })),
    getAll(query("/v1/offers", { ...filters, limit: 200 }))]);
  if (seq !== panelSeq) return;
  const row = data.coverage.find((r) => r.ags === selection.ags && (r.district ?? null) === (selection.district ?? null) && r.category === selection.category);
  replace(container,
    h("h2", { id: "panel-title" }, `${districtLabel(selection.district)} · ${categoryLabel(selection.category)}`),
    row ? h("p", { class: "panel-meter" }, meter(row.available_capacity, Math.max(row.open_demand, 1), { title: `${row.available_capacity}/${row.open_demand}`, tone: cellState(row) }),
      ` ${t("capacity", { n: row.available_capacity })} / ${t("needs")} ${row.open_demand}`) : null,
    h("h3", {}, `${t("needs")} (${needs.length})`),
    needs.length ? h("ul", { class: "items", id: "panel-needs" }, needs.map((need) => h("li", { dataset: { id: need.id } },
      h("strong", {}, need.title), " ",
      h("span", { class: `badge urgency-${need.urgency}` }, t(`urgency_${need.urgency}`)),
      h("div", { class: "muted" }, t("quantity", { n: need.quantity, unit: t(`unit_${need.unit}`) }), " · ", t(`status_${need.status}`))))) : h("p", { class: "muted", id: "panel-needs" }, t("none")),
    h("h3", {}, `${t("offers")} (${offers.length})`),
    offers.length ? h("ul", { class: "items", id: "panel-offers" }, offers.map((offer) => h("li", { dataset: { id: offer.id } },
      h("strong", {}, offer.title), h("div", {}, offer.organisation?.name ?? ""),
      h("div", { class: "muted" }, districtsText(offer), " · ",
        offer.capacity === null || offer.capacity === undefined ? t("capacityUnknown") : t("remaining", { n: offer.remaining_capacity ?? offer.capacity }),
        scheduleText(offer.schedule) ? ` · ${scheduleText(offer.schedule)}` : "")))) : h("p", { class: "muted", id: "panel-offers" }, t("none")));
}
