// Duplicate review: two offers side by side, the fields the evidence found alike highlighted, confirm / reject.

import { review } from "./api.js";
import { h, replace } from "./dom.js";
import { formatNumber, t } from "./i18n.js";
import { meter } from "./charts.js";
import { categoryLabel, districtsText, scheduleText } from "./words.js";

const FIELDS = ["title", "organisation", "category", "district", "schedule", "venue", "contact", "description", "source",
  "quality"];
const AGREE = 0.8;
// The scoring model weighs some fields more than once (the title within one group, the place at the
// same time); a row shows the sum of what its field added.
const WEIGHTS_OF = {
  title: ["title", "title_in_group", "title_contrast"], venue: ["venue", "place_and_time"],
  organisation: ["organisation"], category: ["category"], district: ["district"], schedule: ["schedule"],
  contact: ["contact"], description: ["description"],
};

function fieldValue(offer, field) {
  if (!offer) return "–";
  switch (field) {
    case "organisation": return offer.organisation?.name ?? "";
    case "category": return categoryLabel(offer.category);
    case "district": return districtsText(offer);
    case "schedule": return scheduleText(offer.schedule);
    case "venue": return [offer.location?.name, offer.location?.street, offer.location?.city].filter(Boolean).join(", ");
    // what a connector or the gateway dropped or moved, and why (the reason itself is in English)
    case "quality": return (offer.quality ?? []).map((n) => `${n.field}: ${t(`quality_${n.code}`)} (${n.reason})`).join("; ") || "–";
    case "contact": return offer.contact_hidden ? "…" : [offer.contact?.email, offer.contact?.phone, offer.contact?.url].filter(Boolean).join(" · ");
    default: return offer[field] ?? "";
  }
}

function similarityCell(value) {
  if (value === undefined) return h("td", { class: "sim none" }, "–");
  const percent = `${formatNumber(value * 100)} %`;
  const tone = value >= AGREE ? "covered" : value >= 0.5 ? "tight" : "gap";
  return h("td", { class: "sim" }, meter(value, 1, { width: 60, title: `${t("similarity")} ${percent}`, tone }), ` ${percent}`);
}

function weightCell(pair, field) {
  const names = (WEIGHTS_OF[field] ?? []).filter((name) => pair.weights && name in pair.weights);
  if (!names.length) return h("td", { class: "weight none" }, "–");
  const bits = names.reduce((sum, name) => sum + pair.weights[name], 0);
  const tone = bits > 0.05 ? "for" : bits < -0.05 ? "against" : "neutral";
  const text = `${bits > 0 ? "+" : bits < 0 ? "−" : "±"}${formatNumber(Math.abs(bits))}`;
  return h("td", { class: `weight ${tone}`, title: t("weightHelp"), dataset: { bits: bits.toFixed(3) } },
    h("span", { class: "weight-bar", style: `width: ${Math.min(Math.abs(bits), 6) * 0.6}rem` }), ` ${text}`);
}

function pairTable(pair, offers, members) {
  const a = offers.get(pair.offer_a);
  const b = offers.get(pair.offer_b);
  const title = (id) => members.find((m) => m.offer_id === id)?.title ?? id;
  return h("table", { class: "pair" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), h("th", { scope: "col" }, title(pair.offer_a)),
      h("th", { scope: "col" }, t("similarity")), h("th", { scope: "col", title: t("weightHelp") }, t("weight")),
      h("th", { scope: "col" }, title(pair.offer_b)))),
    h("tbody", {}, FIELDS.map((field) => {
      const value = pair.fields[field];
      const state = value === undefined ? "" : value >= AGREE ? "agree" : "differ";
      const mark = state ? h("span", { class: "visually-hidden" }, ` (${t(state === "agree" ? "agrees" : "differs")})`) : null;
      return h("tr", { class: state, dataset: { field } },
        h("th", { scope: "row" }, t(`field_${field}`), mark),
        h("td", { class: "side" }, fieldValue(a, field)), similarityCell(value), weightCell(pair, field),
        h("td", { class: "side" }, fieldValue(b, field)));
    })));
}

function showResult(el, outcome) {
  if (!outcome) return;
  el.className = `review-result ${outcome.status === 202 ? "ok" : "fail"}`;
  el.dataset.status = String(outcome.status);
  el.textContent = t(outcome.key, { status: outcome.status, decision: t(`decision_${outcome.decision}`), detail: outcome.detail });
}

// `results` keeps each cluster's last review answer, so a live re-render does not wipe it.
export function renderDuplicates(container, data, results) {
  const clusters = data.clusters.filter((c) => c.kind === "same_offer")
    .sort((x, y) => (x.status === "suspected" ? 0 : 1) - (y.status === "suspected" ? 0 : 1) || y.score - x.score);
  const offers = new Map(data.offers.map((o) => [o.id, o]));
  replace(container,
    h("h2", {}, `${t("dupTitle")} (${clusters.length})`),
    h("p", { class: "muted" }, t("dupHelp")),
    clusters.length ? h("ul", { class: "clusters", id: "duplicate-list" }, clusters.map((cluster) => {
      const pair = cluster.evidence[0] ?? { offer_a: cluster.offer_ids[0], offer_b: cluster.offer_ids[1], fields: {}, score: cluster.score, tier: "" };
      const result = h("p", { class: "review-result", role: "status", "aria-live": "polite" });
      const decide = async (decision, button) => {
        for (const b of button.parentElement.querySelectorAll("button")) b.disabled = true;
        try {
          const { status, body } = await review(cluster.id, decision, [pair.offer_a, pair.offer_b].sort());
          const key = status === 202 ? "reviewAccepted" : status === 403 ? "reviewForbidden" : "reviewFailed";
          const detail = typeof body?.detail === "string" ? body.detail : JSON.stringify(body?.detail ?? "");
          const outcome = { status, key, decision, detail };
          results.set(cluster.id, outcome);
          showResult(result, outcome);
        } finally {
          for (const b of button.parentElement.querySelectorAll("button")) b.disabled = false;
        }
      };
      showResult(result, results.get(cluster.id));
      const reviewed = cluster.review ? h("span", { class: "tag" }, t("reviewed", { decision: t(`decision_${cluster.review.decision}`) })) : null;
      return h("li", { class: "duplicate", dataset: { clusterId: cluster.id, status: cluster.status } },
        h("div", { class: "cluster-head" },
          h("span", { class: `badge cluster-${cluster.status}` }, t(`clusterStatus_${cluster.status}`)),
          h("span", {}, t("score", { score: `${formatNumber(cluster.score * 100)} %` })),
          pair.tier ? h("span", { class: "muted" }, t("tier", { tier: t(`tier_${pair.tier}`) })) : null, reviewed),
        pairTable(pair, offers, cluster.members),
        h("div", { class: "actions" },
          h("button", { type: "button", class: "confirm", onclick: (e) => decide("confirm", e.currentTarget) }, t("confirm")),
          h("button", { type: "button", class: "reject", onclick: (e) => decide("reject", e.currentTarget) }, t("reject"))),
        result);
    })) : h("p", { class: "muted" }, t("dupEmpty")));
}
