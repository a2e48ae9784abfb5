// The read API as the dashboard uses it: a bearer token from sessionStorage, JSON reads, the live stream.

const TOKEN_KEY = "koordinate.token";

export class ApiError extends Error {
  constructor(status, detail) {
    super(`${status}: ${detail}`);
    this.status = status;
    this.detail = detail;
  }
}

export function token() { return sessionStorage.getItem(TOKEN_KEY); }
export function setToken(value) { sessionStorage.setItem(TOKEN_KEY, value); }
export function clearToken() { sessionStorage.removeItem(TOKEN_KEY); }

async function detailOf(response) {
  try {
    const body = await response.json();
    return typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
  } catch {
    return response.statusText;
  }
}

export async function request(path, options = {}) {
  const headers = { Accept: "application/json", Authorization: `Bearer ${token()}`, ...(options.headers ?? {}) };
  const response = await fetch(path, { ...options, headers });
  if (!response.ok) throw new ApiError(response.status, await detailOf(response));
  return response;
}

export async function getJson(path) {
  return (await request(path)).json();
}

// Every page of a paged list (needs, offers), following `next`; bounded so a huge city cannot hang the page.
export async function getAll(path, maxPages = 20) {
  const items = [];
  let next = path;
  for (let page = 0; next && page < maxPages; page += 1) {
    const body = await getJson(next);
    items.push(...body.items);
    next = body.next;
  }
  return items;
}

export function query(path, params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export async function review(clusterId, decision, offerIds) {
  const body = { decision };
  if (offerIds && offerIds.length === 2) body.offer_ids = offerIds;
  const response = await fetch(`/v1/duplicates/${encodeURIComponent(clusterId)}/review`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${token()}` },
    body: JSON.stringify(body),
  });
  let payload = null;
  try { payload = await response.json(); } catch { payload = null; }
  return { status: response.status, body: payload };
}

// The SSE stream; `onChanges` gets the batch of changes after `debounceMs` of quiet (at most `maxWaitMs` late).
export function liveChanges({ onChanges, onState, debounceMs = 400, maxWaitMs = 2000 }) {
  let pending = [];
  let timer = null;
  let firstAt = 0;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length) onChanges(batch);
  };
  const source = new EventSource(`/v1/events/stream?access_token=${encodeURIComponent(token())}`);
  source.onopen = () => onState(true);
  source.onerror = () => onState(source.readyState === EventSource.OPEN);
  source.addEventListener("change", (event) => {
    try { pending.push(JSON.parse(event.data)); } catch { return; }
    const now = Date.now();
    if (!timer) firstAt = now;
    clearTimeout(timer);
    timer = setTimeout(flush, now - firstAt >= maxWaitMs ? 0 : debounceMs);
  });
  return () => { clearTimeout(timer); source.close(); };
}
