// The picture in words and colours: cell states, gap reasons, suggestions, schedules. Pure functions.

import { lang, languageList, t } from "./i18n.js";

export let taxonomy = { categories: [] };
export function setTaxonomy(data) { taxonomy = data; }

export function categoryLabel(code) {
  const found = taxonomy.categories.find((c) => c.code === code);
  if (!found) return code;
  return lang() === "en" ? found.label_en : found.label_de;
}

export function categoryOrder(code) {
  const index = taxonomy.categories.findIndex((c) => c.code === code);
  return index < 0 ? 999 : index;
}

export function districtLabel(district) { return district || t("wholeArea"); }

// red = gap (the engine's is_gap), amber = capacity below demand but no gap yet, green = covered, grey = no demand.
export function cellState(row) {
  if (!row || !row.open_demand) return "nodemand";
  if (row.is_gap) return "gap";
  if (row.available_capacity < row.open_demand) return "tight";
  return "covered";
}

export const STATE_LEGEND = { gap: "legendGap", tight: "legendTight", covered: "legendCovered", nodemand: "legendNoDemand" };

const URGENCY_RANK = { critical: 0, high: 1, normal: 2, low: 3 };

// Most urgent first, then the oldest (as /v1/gaps orders them; kept here for gaps merged from several calls).
export function byUrgencyAndAge(a, b) {
  return (URGENCY_RANK[a.urgency] ?? 9) - (URGENCY_RANK[b.urgency] ?? 9) || b.age_hours - a.age_hours;
}

// One sentence per reason, with the need's district, category and languages filled in.
export function reasonsInWords(gap, need) {
  const district = districtLabel(gap.district);
  const category = categoryLabel(gap.category);
  const foreign = (need?.languages ?? []).filter((code) => code !== "de");
  return gap.reasons.map((reason) => {
    const wanted = foreign.length ? foreign : need?.languages ?? [];
    if (reason === "language_mismatch" && !wanted.length) return t("reason_language_unknown", { district });
    const languages = languageList(wanted);
    return t(`reason_${reason}`, { category, district, languages });
  });
}

// "Nachbarbezirk": the hub knows no adjacency of districts, so a neighbour is any other district of the same
// municipality (AGS). Suggested: active offers of the gap's category there, most remaining capacity first.
// Offers without districts serve the whole municipality and already count as in the area, so they are left out.
export function neighbourOffers(gap, offers, limit = 3) {
  return offers
    .filter((o) => o.category === gap.category && o.area?.ags === gap.ags && o.status === "active")
    .filter((o) => (o.area.districts ?? []).length > 0 && !(o.area.districts ?? []).includes(gap.district))
    .sort((a, b) => (b.remaining_capacity ?? -1) - (a.remaining_capacity ?? -1) || a.title.localeCompare(b.title))
    .slice(0, limit);
}

export function ageText(hours) {
  const fmt = (n) => new Intl.NumberFormat(lang() === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 0 }).format(n);
  return t("age", { age: hours < 48 ? t("hours", { n: fmt(hours) }) : t("days", { n: fmt(hours / 24) }) });
}

const BYDAY = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 0 };

function weekdayName(code) {
  // 2026-11-01 is a Sunday: add the weekday's index to get a date on that weekday
  const date = new Date(Date.UTC(2026, 10, 1 + BYDAY[code], 12));
  return new Intl.DateTimeFormat(lang() === "de" ? "de-DE" : "en-GB", { weekday: "long", timeZone: "UTC" }).format(date);
}

// "Dienstag 18:00 (120 min)" from RRULE + dtstart; windows as dates.
export function scheduleText(schedule) {
  if (!schedule) return "";
  const parts = [];
  for (const rule of schedule.rules ?? []) {
    const days = /BYDAY=([A-Z,]+)/.exec(rule.rrule)?.[1]?.split(",").filter((d) => d in BYDAY) ?? [];
    const time = /T(\d\d:\d\d)/.exec(rule.dtstart ?? "")?.[1] ?? "";
    const minutes = rule.duration_minutes ? ` (${rule.duration_minutes} min)` : "";
    parts.push(`${days.map(weekdayName).join(", ")} ${time}${minutes}`.trim());
  }
  for (const window of schedule.windows ?? []) parts.push(`${window.start.slice(0, 16).replace("T", " ")}`);
  return parts.join("; ");
}

export function districtsText(offer) {
  const districts = offer?.area?.districts ?? [];
  return districts.length ? districts.join(", ") : t("wholeArea");
}
