// The console's only way to the data: the public HTTP API (/v1), the same one any client uses.
// The optional API key is kept in localStorage and sent as X-Api-Key on every /v1 call.

const KEY_STORAGE = 'zhongcao.apiKey';
const MODERATOR_STORAGE = 'zhongcao.moderatorKey';

export const apiKey = {
  get: () => localStorage.getItem(KEY_STORAGE) ?? '',
  set: (v) => (v ? localStorage.setItem(KEY_STORAGE, v) : localStorage.removeItem(KEY_STORAGE)),
};

export const moderatorKey = {
  get: () => localStorage.getItem(MODERATOR_STORAGE) ?? '',
  set: (v) => (v ? localStorage.setItem(MODERATOR_STORAGE, v) : localStorage.removeItem(MODERATOR_STORAGE)),
};

/** An API failure carrying the HTTP status and the problem+json document (title, detail, errors). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** One readable line: the detail plus each field error. */
  describe() {
    const errors = Object.entries(this.problem?.errors ?? {}).map(([f, list]) => `${f}: ${[].concat(list).join('; ')}`);
    return [this.message, ...errors].join(' — ');
  }
}

/**
 * Calls the API and returns the parsed JSON (null for 204). Throws ApiError on a non-2xx status.
 * `options.moderator` adds the moderator key header for the moderation routes.
 */
export async function api(method, path, body, options = {}) {
  const headers = { Accept: 'application/json' };
  const key = apiKey.get();
  if (key && path.startsWith('/v1')) headers['X-Api-Key'] = key;
  if (options.moderator && moderatorKey.get()) headers['X-Moderator-Key'] = moderatorKey.get();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: options.signal });
  const text = await response.text();
  const data = text ? tryParse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

function tryParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return { detail: text };
  }
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body, options);
export const put = (path, body, options) => api('PUT', path, body, options);

/** Reads /metrics (Prometheus text) into { name: [{ labels, value }] }. */
export async function metrics() {
  const response = await fetch('/metrics');
  const text = await response.text();
  const out = {};
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    // Labels run to the last '}' on the line: route labels contain braces themselves ("/v1/feed/{userId}").
    const m = /^([a-zA-Z_:][\w:]*)(\{.*\})?\s+(\S+)$/.exec(line);
    if (!m) continue;
    (out[m[1]] ??= []).push({ labels: m[2] ?? '', value: Number(m[3]) });
  }
  return out;
}

/** A fresh event id; crypto.randomUUID exists only in secure contexts, so plain http on a LAN address falls back. */
function eventId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  return 'c' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
}

/**
 * Sends engagement events as `userId` (the feed preview acts as that user). Each item is an event type
 * name, or an object with the type and its extra fields (e.g. { type: 'comment', text }).
 */
export function sendEvents(userId, noteId, ...items) {
  const events = items.map((item) => {
    const extra = typeof item === 'string' ? { type: item } : item;
    return { eventId: eventId(), userId, noteId, ...extra };
  });
  return post('/v1/events', { events });
}

let routes = null;

/**
 * Whether the server has a route, from its OpenAPI document (read once). The console asks before calling
 * the routes another part of the project is still building (moderation, authority, appeals), so a server
 * without them gets a plain notice instead of a 404 in the browser's console. If the document cannot be
 * read, the route is assumed present and the call itself decides.
 */
export async function hasRoute(method, template) {
  routes ??= fetch('/openapi/v1.json')
    .then((r) => (r.ok ? r.json() : null))
    .then((doc) => doc?.paths ?? null)
    .catch(() => null);
  const paths = await routes;
  if (!paths) return true;
  return Boolean(paths[template]?.[method.toLowerCase()]);
}

/** The error a page shows for a route the server does not have (same shape as the API's own 404). */
export function missingRoute() {
  return new ApiError(404, { title: 'No such endpoint.', detail: 'not on this server yet' });
}

/** Calls a route only if the server has it; otherwise throws the same "No such endpoint." error as a 404. */
export async function callIf(method, template, path, body, options) {
  if (!(await hasRoute(method, template))) throw missingRoute();
  return api(method, path, body, options);
}
