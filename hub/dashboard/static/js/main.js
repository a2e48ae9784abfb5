// The dashboard's shell: sign-in, tabs, stats, loading the picture, and live updates over SSE.

import { ApiError, clearToken, getAll, getJson, liveChanges, setToken, token } from "./api.js";
import { stackedBar, sparkline } from "./charts.js";
import { h, replace } from "./dom.js";
import { renderDuplicates } from "./duplicates.js";
import { renderGaps } from "./gaps.js";
import { renderHeatmap, renderPanel } from "./heatmap.js";
import { formatTime, lang, setLang, t, translatePage } from "./i18n.js";
import { renderParallel } from "./parallel.js";
import { setTaxonomy } from "./words.js";

const $ = (id) => document.getElementById(id);
const VIEWS = ["coverage", "gaps", "duplicates", "parallel"];

const state = {
  view: VIEWS.includes(location.hash.slice(1)) ? location.hash.slice(1) : "coverage",
  data: { coverage: [], gaps: [], needs: [], offers: [], clusters: [], stats: null },
  selection: null,
  panelKey: null,
  gapTrend: [],
  reviewResults: new Map(),
  stopLive: null,
};

// Which parts of the picture each kind of change can touch (change.type is the CloudEvents type).
function partsFor(type) {
  if (type.includes(".need.") || type.includes(".offer.") || type.includes(".status.")) return ["needs", "offers", "coverage", "gaps", "stats"];
  if (type.includes(".gap")) return ["gaps", "stats"];
  if (type.includes(".coverage.")) return ["coverage"];
  if (type.includes(".duplicate.") || type.includes(".review.")) return ["clusters", "stats"];
  return ["stats"];
}

const LOADERS = {
  coverage: async () => (await getJson("/v1/coverage")).items,
  gaps: async () => (await getJson("/v1/gaps")).items,
  needs: () => getAll("/v1/needs?limit=500"),
  offers: () => getAll("/v1/offers?limit=500"),
  clusters: async () => (await getJson("/v1/duplicates")).items,
  stats: () => getJson("/v1/stats"),
};

async function load(parts) {
  const names = [...new Set(parts)];
  const values = await Promise.all(names.map((name) => LOADERS[name]()));
  names.forEach((name, i) => { state.data[name] = values[i]; });
  if (names.includes("stats")) state.gapTrend = [...state.gapTrend, state.data.stats.open_gaps].slice(-40);
  $("updated").textContent = t("updated", { time: formatTime(new Date()) });
}

function renderStats() {
  const stats = state.data.stats;
  const box = $("stats");
  if (!stats) return replace(box);
  const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
  const statusParts = (counts, tones) => Object.entries(tones).map(([status, tone]) => ({ label: t(`status_${status}`), value: counts[status] ?? 0, tone }));
  const needTones = { open: "gap", partially_covered: "tight", covered: "covered", closed: "muted", withdrawn: "muted", expired: "muted" };
  const offerTones = { active: "covered", full: "tight", paused: "muted", ended: "muted" };
  const stat = (id, label, value, chart) => h("div", { class: "stat", id },
    h("span", { class: "stat-value" }, String(value)), h("span", { class: "stat-label" }, label), chart);
  replace(box,
    stat("stat-needs", t("statNeeds"), sum(stats.needs_by_status), stackedBar(statusParts(stats.needs_by_status, needTones), { title: t("statNeeds") })),
    stat("stat-offers", t("statOffers"), sum(stats.offers_by_status), stackedBar(statusParts(stats.offers_by_status, offerTones), { title: t("statOffers") })),
    stat("stat-gaps", t("statGaps"), stats.open_gaps, sparkline(state.gapTrend, { title: t("statGapsTrend") })),
    stat("stat-clusters", t("statClusters"), sum(stats.clusters), stackedBar([
      { label: t("kind_same_offer"), value: stats.clusters.same_offer ?? 0, tone: "info" },
      { label: t("kind_parallel_offers"), value: stats.clusters.parallel_offers ?? 0, tone: "tight" }], { title: t("statClusters") })));
}

function selectCell(selection) {
  state.selection = selection;
  renderView();
}

// `changed`: the parts a live update re-fetched; the side panel re-reads only when needs or offers changed.
function renderView(changed = null) {
  for (const name of VIEWS) {
    const active = name === state.view;
    $(`tab-${name}`).setAttribute("aria-selected", active ? "true" : "false");
    $(`tab-${name}`).tabIndex = active ? 0 : -1;
    $(`view-${name}`).hidden = !active;
  }
  renderStats();
  const data = state.data;
  if (state.view === "coverage") {
    renderHeatmap($("heatmap"), data, state.selection, selectCell);
    const key = JSON.stringify(state.selection);
    const panelStale = key !== state.panelKey || !changed || changed.includes("needs") || changed.includes("offers");
    if (panelStale) renderPanel($("panel"), state.selection, data, { quiet: key === state.panelKey }).catch(showError);
    state.panelKey = key;
  } else if (state.view === "gaps") renderGaps($("view-gaps"), data);
  else if (state.view === "duplicates") renderDuplicates($("view-duplicates"), data, state.reviewResults);
  else renderParallel($("view-parallel"), data);
}

function showError(error) {
  if (error instanceof ApiError && error.status === 401) return signOut(t("loginFailed", { status: 401 }));
  $("error").hidden = false;
  $("error").textContent = t("error", { detail: error.message ?? String(error) });
}

function setLive(on) {
  const el = $("live");
  el.classList.toggle("on", on);
  el.textContent = on ? t("live") : t("offline");
}

async function start() {
  $("login").hidden = true;
  $("app").hidden = false;
  try {
    await load(Object.keys(LOADERS));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      return signOut(t("loginFailed", { status: error.status }));
    }
    return showError(error);
  }
  renderView();
  state.stopLive = liveChanges({
    onState: setLive,
    onChanges: async (changes) => {
      try {
        const parts = [...new Set(changes.flatMap((change) => partsFor(change.type ?? "")))];
        await load(parts);
        renderView(parts);
      } catch (error) { showError(error); }
    },
  });
}

function signOut(message = "") {
  clearToken();
  state.stopLive?.();
  state.stopLive = null;
  $("app").hidden = true;
  $("login").hidden = false;
  $("login-error").textContent = message;
  $("token").focus();
}

function showView(name, focus = false) {
  state.view = name;
  history.replaceState(null, "", `#${name}`);
  renderView();
  if (focus) $(`tab-${name}`).focus();
}

function wire() {
  $("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("token").value.trim();
    if (!value) return;
    setToken(value);
    $("token").value = "";
    start();
  });
  $("logout").addEventListener("click", () => signOut());
  $("lang").addEventListener("click", () => {
    setLang(lang() === "de" ? "en" : "de");
    translatePage();
    setLive($("live").classList.contains("on"));
    renderView();
  });
  for (const name of VIEWS) $(`tab-${name}`).addEventListener("click", () => showView(name));
  // arrow keys move between tabs (WAI-ARIA tabs pattern)
  $("tabs").addEventListener("keydown", (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = VIEWS[(VIEWS.indexOf(state.view) + step + VIEWS.length) % VIEWS.length];
    showView(next, true);
    event.preventDefault();
  });
}

async function main() {
  setLang(lang());
  translatePage();
  wire();
  setTaxonomy(await (await fetch("/dashboard/taxonomy.json")).json());
  if (token()) start();
  else signOut();
}

main();
