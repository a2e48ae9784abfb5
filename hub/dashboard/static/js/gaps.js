// Open gaps, most urgent and oldest first, with the reason in words and offers from neighbouring districts.

import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { ageText, byUrgencyAndAge, categoryLabel, districtLabel, neighbourOffers, reasonsInWords } from "./words.js";

export function gapItem(gap, need, offers, { suggestions = true } = {}) {
  const nearby = suggestions ? neighbourOffers(gap, offers) : [];
  return h("li", { class: `gap urgency-${gap.urgency}`, dataset: { gapId: gap.id } },
    h("div", { class: "gap-head" },
      h("span", { class: `badge urgency-${gap.urgency}` }, t(`urgency_${gap.urgency}`)),
      h("strong", {}, need?.title ?? categoryLabel(gap.category)),
      h("span", { class: "muted" }, ` · ${districtLabel(gap.district)} · ${categoryLabel(gap.category)} · ${ageText(gap.age_hours)}`)),
    h("ul", { class: "reasons" }, reasonsInWords(gap, need).map((text) => h("li", { class: "reason" }, text))),
    suggestions ? h("div", { class: "suggestions" },
      h("span", { class: "label" }, `${t("suggestions")}: `),
      nearby.length ? h("ul", {}, nearby.map((offer) => h("li", { class: "suggestion", dataset: { offerId: offer.id } },
        h("strong", {}, offer.title), ` – ${offer.organisation?.name ?? ""} `,
        h("span", { class: "tag" }, t("neighbour", { district: (offer.area.districts ?? []).join(", ") })),
        offer.remaining_capacity !== null && offer.remaining_capacity !== undefined ? h("span", { class: "muted" }, ` · ${t("remaining", { n: offer.remaining_capacity })}`) : null)))
        : h("span", { class: "muted" }, t("suggestionsNone"))) : null);
}

export function renderGaps(container, data) {
  const needs = new Map(data.needs.map((n) => [n.id, n]));
  const gaps = [...data.gaps].sort(byUrgencyAndAge);
  replace(container,
    h("h2", {}, `${t("gapsTitle")} (${gaps.length})`),
    h("p", { class: "muted" }, t("gapsHelp"), " ", h("span", { class: "rule" }, t("neighbourRule"))),
    gaps.length ? h("ol", { class: "gaps", id: "gap-list" }, gaps.map((gap) => gapItem(gap, needs.get(gap.need_id), data.offers)))
      : h("p", { class: "muted" }, t("gapsEmpty")));
}
