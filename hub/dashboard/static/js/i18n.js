// Words of the dashboard in German (first) and English; t(key, params) picks the current language.

const STRINGS = {
  de: {
    title: "Koordinate – Ehrenamtskoordination",
    skip: "Zum Inhalt springen",
    loginTitle: "Anmelden",
    loginHelp: "Bitte den API-Schlüssel der Koordinierungsstelle eingeben. Er bleibt nur in diesem Browser-Tab gespeichert.",
    tokenLabel: "API-Schlüssel",
    loginButton: "Anmelden",
    logout: "Abmelden",
    loginFailed: "Schlüssel abgelehnt ({status}).",
    language: "English",
    languageHint: "Switch to English",
    tabCoverage: "Abdeckung",
    tabGaps: "Lücken",
    tabDuplicates: "Dubletten prüfen",
    tabParallel: "Doppelstrukturen",
    live: "live",
    offline: "getrennt",
    updated: "aktualisiert {time}",
    statNeeds: "Bedarfe",
    statOffers: "Angebote",
    statGaps: "offene Lücken",
    statClusters: "Cluster",
    statGapsTrend: "Verlauf offene Lücken (diese Sitzung)",
    status_open: "offen", status_partially_covered: "teilweise gedeckt", status_covered: "gedeckt", status_closed: "geschlossen",
    status_withdrawn: "zurückgezogen", status_expired: "abgelaufen", status_active: "aktiv", status_paused: "pausiert",
    status_full: "voll", status_ended: "beendet", kind_same_offer: "Dubletten", kind_parallel_offers: "Doppelstrukturen",
    heatmapTitle: "Abdeckung nach Stadtteil und Kategorie",
    heatmapHelp: "Offener Bedarf gegen verfügbare Kapazität (nächste {days} Tage). Zelle anklicken oder mit Enter wählen, um Bedarfe und Angebote zu sehen.",
    cellNumbers: "Zahlen je Zelle: Bedarf / Kapazität.",
    district: "Stadtteil",
    wholeArea: "ganzes Gebiet",
    legendGap: "Lücke", legendTight: "knapp", legendCovered: "gedeckt", legendNoDemand: "kein Bedarf",
    cellLabel: "{district}, {category}: Bedarf {demand}, Kapazität {capacity} – {state}",
    noCoverage: "Noch keine Abdeckungsdaten.",
    panelTitle: "Auswahl",
    panelEmpty: "Eine Zelle der Karte wählen, um Bedarfe und Angebote dieses Stadtteils und dieser Kategorie zu sehen.",
    needs: "Bedarfe", offers: "Angebote", none: "keine",
    quantity: "{n} {unit}", unit_people: "Personen", unit_slots: "Plätze", unit_items: "Stück",
    capacity: "Kapazität {n}", capacityUnknown: "Kapazität unbekannt", remaining: "frei {n}",
    urgency_critical: "kritisch", urgency_high: "hoch", urgency_normal: "normal", urgency_low: "niedrig",
    gapsTitle: "Offene Lücken", gapsHelp: "Nach Dringlichkeit, dann nach Alter sortiert.",
    gapsEmpty: "Keine offenen Lücken.",
    age: "seit {age}", hours: "{n} Std.", days: "{n} Tagen",
    suggestions: "Vorschläge aus Nachbarbezirken",
    suggestionsNone: "Kein Angebot dieser Kategorie in anderen Stadtteilen.",
    neighbourRule: "Nachbarbezirk = anderer Stadtteil derselben Gemeinde (AGS); echte Nachbarschaft der Stadtteile ist nicht bekannt.",
    neighbour: "Nachbarbezirk {district}",
    reason_no_offer_in_category: "kein Angebot für {category} in der Gemeinde",
    reason_no_offer_in_area: "kein Angebot für {category} in {district}",
    reason_language_mismatch: "kein Angebot mit {languages} in {district}",
    reason_language_unknown: "kein Angebot in passender Sprache in {district}",
    reason_schedule_mismatch: "kein Angebot zur passenden Zeit in {district}",
    reason_capacity_exhausted: "Angebote in {district} sind ausgelastet",
    reason_needs_professional: "braucht Fachkräfte (Hauptamt), nicht Ehrenamt",
    or: "oder",
    dupTitle: "Verdächtige Dubletten", dupHelp: "Dasselbe Angebot, mehrfach erfasst? Übereinstimmende Felder sind markiert.",
    dupEmpty: "Keine Dubletten zu prüfen.",
    similarity: "Ähnlichkeit", score: "Gesamt {score}", tier: "Stufe: {tier}",
    weight: "Gewicht", weightHelp: "Beitrag des Feldes zur Entscheidung in Bit: positiv spricht für dieselbe Sache, negativ dagegen",
    tier_shared_contact: "gemeinsamer Kontakt", tier_same_slot: "gleicher Termin", tier_fuzzy_text: "ähnlicher Text",
    field_title: "Titel", field_description: "Beschreibung", field_organisation: "Organisation", field_category: "Kategorie",
    field_district: "Stadtteil", field_schedule: "Termin", field_contact: "Kontakt", field_venue: "Ort",
    field_source: "Quelle", field_capacity: "Kapazität", field_languages: "Sprachen", field_quality: "Datenqualität",
    quality_dropped_invalid: "ungültiger Wert weggelassen", quality_contact_moved: "Kontakt aus dem Text verschoben",
    quality_text_cut: "Kontaktangabe aus dem Text entfernt",
    agrees: "stimmt überein", differs: "weicht ab",
    confirm: "Dublette bestätigen", reject: "Keine Dublette",
    reviewAccepted: "Entscheidung übermittelt ({status}): {decision}.",
    reviewForbidden: "Nicht erlaubt ({status}): Prüfen braucht die Rolle „coordinator“.",
    reviewFailed: "Fehler ({status}): {detail}",
    decision_confirm: "bestätigt", decision_reject: "abgelehnt",
    reviewed: "geprüft: {decision}",
    clusterStatus_suspected: "Verdacht", clusterStatus_confirmed: "bestätigt", clusterStatus_rejected: "abgelehnt",
    parallelTitle: "Doppelstrukturen", parallelHelp: "Mehrere Gruppen machen dasselbe zur selben Zeit am selben Ort – daneben die nächsten Lücken derselben Kategorie.",
    parallelEmpty: "Keine Doppelstrukturen gefunden.",
    jointCapacity: "gemeinsame Kapazität {capacity}, Bedarf in der Gemeinde {demand}",
    nearestGaps: "Nächste Lücken ({category})", nearestGapsNone: "Keine offene Lücke dieser Kategorie in der Gemeinde.",
    loading: "Lädt …", error: "Fehler: {detail}",
  },
  en: {
    title: "Koordinate – volunteer coordination",
    skip: "Skip to content",
    loginTitle: "Sign in",
    loginHelp: "Enter the coordination office's API token. It is kept in this browser tab only.",
    tokenLabel: "API token",
    loginButton: "Sign in",
    logout: "Sign out",
    loginFailed: "Token refused ({status}).",
    language: "Deutsch",
    languageHint: "Auf Deutsch umschalten",
    tabCoverage: "Coverage",
    tabGaps: "Gaps",
    tabDuplicates: "Review duplicates",
    tabParallel: "Parallel offers",
    live: "live",
    offline: "disconnected",
    updated: "updated {time}",
    statNeeds: "Needs",
    statOffers: "Offers",
    statGaps: "open gaps",
    statClusters: "Clusters",
    statGapsTrend: "Open gaps over time (this session)",
    status_open: "open", status_partially_covered: "partially covered", status_covered: "covered", status_closed: "closed",
    status_withdrawn: "withdrawn", status_expired: "expired", status_active: "active", status_paused: "paused",
    status_full: "full", status_ended: "ended", kind_same_offer: "duplicates", kind_parallel_offers: "parallel offers",
    heatmapTitle: "Coverage by district and category",
    heatmapHelp: "Open demand against available capacity (next {days} days). Click a cell or press Enter on it to see its needs and offers.",
    cellNumbers: "Numbers per cell: demand / capacity.",
    district: "District",
    wholeArea: "whole area",
    legendGap: "gap", legendTight: "tight", legendCovered: "covered", legendNoDemand: "no demand",
    cellLabel: "{district}, {category}: demand {demand}, capacity {capacity} – {state}",
    noCoverage: "No coverage data yet.",
    panelTitle: "Selection",
    panelEmpty: "Choose a cell of the map to see the needs and offers of that district and category.",
    needs: "Needs", offers: "Offers", none: "none",
    quantity: "{n} {unit}", unit_people: "people", unit_slots: "slots", unit_items: "items",
    capacity: "capacity {n}", capacityUnknown: "capacity unknown", remaining: "{n} free",
    urgency_critical: "critical", urgency_high: "high", urgency_normal: "normal", urgency_low: "low",
    gapsTitle: "Open gaps", gapsHelp: "Sorted by urgency, then by age.",
    gapsEmpty: "No open gaps.",
    age: "for {age}", hours: "{n} h", days: "{n} days",
    suggestions: "Suggestions from neighbouring districts",
    suggestionsNone: "No offer of this category in other districts.",
    neighbourRule: "Neighbouring district = another district of the same municipality (AGS); real adjacency of districts is not known.",
    neighbour: "neighbouring district {district}",
    reason_no_offer_in_category: "no offer for {category} in the municipality",
    reason_no_offer_in_area: "no offer for {category} in {district}",
    reason_language_mismatch: "no offer with {languages} in {district}",
    reason_language_unknown: "no offer in a fitting language in {district}",
    reason_schedule_mismatch: "no offer at a fitting time in {district}",
    reason_capacity_exhausted: "offers in {district} are fully booked",
    reason_needs_professional: "needs professionals (paid staff), not volunteers",
    or: "or",
    dupTitle: "Suspected duplicates", dupHelp: "The same offer entered more than once? Fields that agree are highlighted.",
    dupEmpty: "No duplicates to review.",
    similarity: "Similarity", score: "overall {score}", tier: "tier: {tier}",
    weight: "Weight", weightHelp: "what the field added to the decision, in bits: positive for the same offer, negative against",
    tier_shared_contact: "shared contact", tier_same_slot: "same time slot", tier_fuzzy_text: "similar text",
    field_title: "Title", field_description: "Description", field_organisation: "Organisation", field_category: "Category",
    field_district: "District", field_schedule: "Schedule", field_contact: "Contact", field_venue: "Venue",
    field_source: "Source", field_capacity: "Capacity", field_languages: "Languages", field_quality: "Data quality",
    quality_dropped_invalid: "invalid value dropped", quality_contact_moved: "contact moved out of the text",
    quality_text_cut: "contact cut from the text",
    agrees: "agrees", differs: "differs",
    confirm: "Confirm duplicate", reject: "Not a duplicate",
    reviewAccepted: "Decision sent ({status}): {decision}.",
    reviewForbidden: "Not allowed ({status}): reviewing needs the coordinator role.",
    reviewFailed: "Error ({status}): {detail}",
    decision_confirm: "confirmed", decision_reject: "rejected",
    reviewed: "reviewed: {decision}",
    clusterStatus_suspected: "suspected", clusterStatus_confirmed: "confirmed", clusterStatus_rejected: "rejected",
    parallelTitle: "Parallel offers", parallelHelp: "Several groups doing the same thing at the same time and place – next to them the nearest gaps of that category.",
    parallelEmpty: "No parallel offers found.",
    jointCapacity: "joint capacity {capacity}, demand in the municipality {demand}",
    nearestGaps: "Nearest gaps ({category})", nearestGapsNone: "No open gap of this category in the municipality.",
    loading: "Loading …", error: "Error: {detail}",
  },
};

let current = sessionStorage.getItem("koordinate.lang") === "en" ? "en" : "de";

export function lang() { return current; }

export function setLang(next) {
  current = next === "en" ? "en" : "de";
  sessionStorage.setItem("koordinate.lang", current);
  document.documentElement.lang = current;
}

export function t(key, params = {}) {
  const text = STRINGS[current][key] ?? STRINGS.de[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

// Language names from the browser's own data (Intl), so no table of 183 languages ships here.
export function languageName(code) {
  try {
    return new Intl.DisplayNames([current], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageList(codes) {
  const names = codes.map(languageName);
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} ${t("or")} ${names[names.length - 1]}`;
}

export function formatNumber(n, digits = 0) {
  return new Intl.NumberFormat(current === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: digits }).format(n);
}

export function formatTime(date) {
  return new Intl.DateTimeFormat(current === "de" ? "de-DE" : "en-GB", { timeStyle: "medium" }).format(date);
}

// Static labels in the page: elements with data-i18n="key" get their text, data-i18n-attr="attr:key" an attribute.
export function translatePage(root = document) {
  document.title = t("title");
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of el.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":");
      el.setAttribute(attr, t(key));
    }
  }
}
