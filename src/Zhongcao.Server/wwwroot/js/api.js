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
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
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
