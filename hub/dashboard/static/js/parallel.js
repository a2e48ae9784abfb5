// Parallel offers (Doppelstruktur) next to the nearest gaps: open gaps of the same category in the same AGS.

import { h, replace } from "./dom.js";
import { t } from "./i18n.js";
import { meter } from "./charts.js";
import { gapItem } from "./gaps.js";
import { byUrgencyAndAge, categoryLabel, districtsText, scheduleText } from "./words.js";

export function nearestGaps(cluster, gaps) {
  const ags = cluster.members[0]?.ags;
  const category = cluster.members[0]?.category;
  return gaps.filter((g) => g.ags === ags && g.category === category).sort(byUrgencyAndAge).slice(0, 3);
}

export function renderParallel(container, data) {
  const clusters = data.clusters.filter((c) => c.kind === "parallel_offers");
  const offers = new Map(data.offers.map((o) => [o.id, o]));
  const needs = new Map(data.needs.map((n) => [n.id, n]));
  replace(container,
    h("h2", {}, `${t("parallelTitle")} (${clusters.length})`),
    h("p", { class: "muted" }, t("parallelHelp")),
    clusters.length ? h("ul", { class: "clusters", id: "parallel-list" }, clusters.map((cluster) => {
      const category = cluster.members[0]?.category;
      const gaps = nearestGaps(cluster, data.gaps);
      const capacity = cluster.combined_capacity ?? 0;
      const demand = cluster.open_demand ?? 0;
      return h("li", { class: "parallel", dataset: { clusterId: cluster.id } },
        h("div", { class: "parallel-offers" },
          h("h3", {}, categoryLabel(category)),
          h("p", {}, meter(demand, Math.max(capacity, 1), { title: t("jointCapacity", { capacity, demand }), tone: "tight" }),
            " ", t("jointCapacity", { capacity, demand })),
          h("ul", { class: "members" }, cluster.members.map((m) => {
            const offer = offers.get(m.offer_id);
            return h("li", {}, h("strong", {}, m.title ?? m.offer_id), h("div", {}, m.organisation ?? ""),
              offer ? h("div", { class: "muted" }, [districtsText(offer), scheduleText(offer.schedule),
                offer.capacity !== null && offer.capacity !== undefined ? t("capacity", { n: offer.capacity }) : null].filter(Boolean).join(" · ")) : null);
          }))),
        h("div", { class: "parallel-gaps" },
          h("h3", {}, t("nearestGaps", { category: categoryLabel(category) })),
          gaps.length ? h("ul", { class: "gaps compact" }, gaps.map((gap) => gapItem(gap, needs.get(gap.need_id), data.offers, { suggestions: false })))
            : h("p", { class: "muted" }, t("nearestGapsNone"))));
    })) : h("p", { class: "muted" }, t("parallelEmpty")));
}
