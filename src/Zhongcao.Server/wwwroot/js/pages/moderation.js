// Moderation desk: the review queue with evidence (findings highlighted in the text), decisions and
// penalty changes, appeals, an account's ledger and brand points, and the audit log with its chain check.
// The moderation API (issue 6: /v1/moderation/*, /v1/users/{id}/authority, header X-Moderator-Key) may
// not exist on this server yet: each panel then says so plainly. The queue falls back to the notes the
// publication gate held for review (GET /v1/platform/stats), so review items can still be looked at.

import { h, replace, field, status } from '../dom.js';
import { t, term } from '../i18n.js';
import { get, callIf, moderatorKey, ApiError } from '../api.js';
import { highlighted, findingList, decisionBadge } from './shared.js';

const MOD = { moderator: true };

export function mount(root) {
  const key = h('input', { type: 'password', value: moderatorKey.get(), autocomplete: 'off' });
  const queue = h('div', { id: 'review-queue', 'aria-live': 'polite' });
  const evidence = h('div', { id: 'evidence', 'aria-live': 'polite' });
  const appeals = h('div', { id: 'appeals' });
  const ledger = h('div', { id: 'ledger' });
  const audit = h('div', { id: 'audit' });
  const account = h('input', { type: 'text', autocomplete: 'off' });
  const controller = new AbortController();
  const signal = controller.signal;

  const refresh = () => {
    loadQueue(queue, evidence, signal, refresh);
    loadAppeals(appeals, signal);
    loadAudit(audit, signal);
  };

  replace(
    root,
    h('h2', {}, t('moderation.title')),
    h('form', { class: 'row card-panel', onsubmit: (e) => { e.preventDefault(); moderatorKey.set(key.value.trim()); refresh(); } },
      field('moderator-key', t('moderation.key'), key, t('moderation.keyHint')), h('button', { type: 'submit' }, t('save'))),
    h('div', { class: 'grid2' },
      h('section', { class: 'card-panel', 'aria-labelledby': 'queue-h' }, h('h3', { id: 'queue-h' }, t('moderation.queue')), queue),
      h('section', { class: 'card-panel', 'aria-labelledby': 'evidence-h' }, h('h3', { id: 'evidence-h' }, t('moderation.evidence')), evidence)),
    h('div', { class: 'grid2' },
      h('section', { class: 'card-panel', 'aria-labelledby': 'appeals-h' }, h('h3', { id: 'appeals-h' }, t('moderation.appeals')), appeals),
      h('section', { class: 'card-panel', 'aria-labelledby': 'ledger-h' }, h('h3', { id: 'ledger-h' }, t('moderation.ledger')),
        h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); loadLedger(ledger, account.value.trim(), signal); } },
          field('ledger-user', t('feed.userId'), account), h('button', { type: 'submit' }, t('load'))), ledger)),
    h('section', { class: 'card-panel', 'aria-labelledby': 'audit-h' }, h('h3', { id: 'audit-h' }, t('moderation.audit')), audit),
  );
  refresh();
  return () => controller.abort();
}

/** A 404 from a moderation route means the API is not on this server yet (as opposed to "no such item"). */
function unavailable(e) {
  return e instanceof ApiError && e.status === 404 && (e.problem?.title === 'No such endpoint.' || !e.problem);
}

function failure(panel, e) {
  if (e.name === 'AbortError') return;
  replace(panel, unavailable(e) ? h('p', { class: 'notice' }, t('moderation.unavailable')) : status('error', e instanceof ApiError ? e.describe() : String(e)));
}

async function loadQueue(panel, evidence, signal, refresh) {
  replace(panel, h('p', { class: 'muted' }, t('loading')));
  let items, fallback = false;
  try {
    const q = await callIf('GET', '/v1/moderation/queue', '/v1/moderation/queue', undefined, { ...MOD, signal });
    // Cases are keyed by subject: "note:{id}", "user:{id}" or "brand:{id}"; evidence exists for notes.
    items = (q.cases ?? []).map((x) => {
      const [kind, ...rest] = String(x.subject).split(':');
      const id = rest.join(':');
      return { id, subject: x.subject, noteId: kind === 'note' ? id : null, title: kind === 'note' ? id : x.subject, reason: (x.reasons ?? []).join(' · ') };
    });
  } catch (e) {
    if (!unavailable(e)) return failure(panel, e);
    fallback = true;
    try {
      const stats = await get('/v1/platform/stats', { signal });
      items = stats.heldForReview.map((x) => ({ id: x.noteId, noteId: x.noteId, title: x.title || x.noteId, reason: t('moderation.heldByGate') }));
    } catch (e2) {
      return failure(panel, e2);
    }
  }
  replace(panel,
    fallback ? h('p', { class: 'notice' }, t('moderation.queueFallback')) : null,
    items.length
      ? h('ul', { class: 'queue' }, items.map((item) => h('li', {},
          h('button', { type: 'button', class: 'linkish', 'data-item': item.id, onclick: () => showEvidence(evidence, item, signal, refresh) }, item.title),
          h('span', { class: 'muted small' }, ' · ', item.reason))))
      : h('p', { class: 'ok-text' }, t('moderation.queueEmpty')));
}

/** The note with its findings highlighted, the gate's decision, and the decision form. */
async function showEvidence(panel, item, signal, refresh) {
  replace(panel, h('p', { class: 'muted' }, t('loading')));
  try {
    const [note, decision] = await Promise.all([
      get(`/v1/notes/${encodeURIComponent(item.noteId)}`, { signal }),
      get(`/v1/notes/${encodeURIComponent(item.noteId)}/decision`, { signal }),
    ]);
    const findings = decision.findings ?? [];
    const outcome = h('select', {}, ['allow', 'limit', 'reject'].map((o) => h('option', { value: o }, term('outcome', o))));
    const multiplier = h('input', { type: 'number', min: 0.05, max: 1, step: 0.05, value: 0.5 });
    const days = h('input', { type: 'number', min: 1, max: 365, value: 7 });
    const reason = h('textarea', { rows: 3, required: true });
    const result = h('div', { 'aria-live': 'polite', id: 'decision-result' });
    const decide = async (e) => {
      e.preventDefault();
      try {
        // allow overturns the hold; limit and reject replace it with that verdict (the API's "change").
        await callIf('POST', '/v1/moderation/decisions', '/v1/moderation/decisions', {
          moderatorId: 'console',
          subject: item.subject ?? `note:${item.noteId}`,
          outcome: outcome.value === 'allow' ? 'overturn' : 'change',
          noteVerdict: outcome.value,
          facts: reason.value,
          rule: findings.map((f) => f.rule).join(', ') || 'moderator review',
        }, MOD);
        replace(result, status('ok', t('moderation.resolved')));
        refresh();
      } catch (err) {
        replace(result, unavailable(err) ? h('p', { class: 'notice', role: 'status' }, t('moderation.decisionUnavailable')) : status('error', err instanceof ApiError ? err.describe() : String(err)));
      }
    };
    replace(panel,
      h('p', {}, h('strong', {}, note.title || note.id), ' · @', note.authorId, ' ', decisionBadge(decision.decision)),
      decision.decision?.statement ? h('p', { class: 'statement' }, decision.decision.statement) : null,
      highlighted(note, findings),
      findingList(findings),
      h('form', { class: 'decide', onsubmit: decide, id: 'decide-form' },
        h('h4', {}, t('moderation.decide')),
        field('decide-outcome', t('moderation.outcome'), outcome),
        field('decide-multiplier', t('moderation.multiplier'), multiplier, t('moderation.multiplierHint')),
        field('decide-days', t('moderation.days'), days),
        field('decide-reason', t('moderation.reason'), reason),
        h('button', { type: 'submit', class: 'primary', id: 'resolve' }, t('moderation.resolve')),
        result));
  } catch (e) {
    failure(panel, e);
  }
}

async function loadAppeals(panel, signal) {
  try {
    // Open appeals come with the review queue (GET /v1/moderation/queue → appeals).
    const q = await callIf('GET', '/v1/moderation/queue', '/v1/moderation/queue', undefined, { ...MOD, signal });
    const items = q.appeals ?? [];
    replace(panel, items.length
      ? h('ul', {}, items.map((x) => h('li', {}, `${x.appealId ?? ''} · @${x.userId ?? ''} · #${x.auditNumber ?? ''} · ${x.reason ?? x.statement ?? ''}`)))
      : h('p', { class: 'ok-text' }, t('moderation.noAppeals')));
  } catch (e) {
    failure(panel, e);
  }
}

async function loadLedger(panel, userId, signal) {
  if (!userId) return;
  try {
    // The account's authority and penalties in force; for brand accounts also the brand's points (10 at start).
    const id = encodeURIComponent(userId);
    const [a, brand] = await Promise.all([
      callIf('GET', '/v1/users/{id}/authority', `/v1/users/${id}/authority`, undefined, { ...MOD, signal }),
      callIf('GET', '/v1/brands/{id}/status', `/v1/brands/${id}/status`, undefined, { signal }).catch(() => null),
    ]);
    const ledger = [...(a.penalties ?? []), ...(brand?.penalties ?? [])];
    replace(panel,
      h('dl', { class: 'facts' }, h('dt', {}, t('authority')), h('dd', {}, String(a.score ?? '–')),
        h('dt', {}, t('moderation.brandPoints')), h('dd', { id: 'brand-points' }, brand ? `${brand.points} / 10` : '–')),
      brand?.searchNotice ? h('p', { class: 'notice' }, brand.searchNotice) : null,
      ledger.length ? h('ol', { id: 'ledger' }, ledger.map((x) => h('li', {}, `${String(x.since ?? '').slice(0, 10)} · ${x.ladder ?? 'brand'} · ${x.kind ?? ''} · #${x.auditNumber ?? ''}`))) : null);
  } catch (e) {
    // A 404 for a user that does not exist is a real answer; only a missing route is "unavailable".
    failure(panel, e);
  }
}

async function loadAudit(panel, signal) {
  try {
    const a = await callIf('GET', '/v1/moderation/audit', '/v1/moderation/audit?verify=true', undefined, { ...MOD, signal });
    const entries = a.entries ?? [];
    const valid = a.valid === true;
    replace(panel,
      h('p', { class: valid ? 'ok-text' : 'error' }, valid ? '✔ ' + t('moderation.chainOk')
        : '✘ ' + t('moderation.chainBroken') + (a.firstBrokenEntry ? ` (#${a.firstBrokenEntry})` : '')),
      h('table', { class: 'list' }, h('thead', {}, h('tr', {}, [t('time'), t('moderation.actor'), t('moderation.action'), 'hash'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, entries.slice(-50).reverse().map((x) => h('tr', {}, h('td', {}, x.at ?? ''), h('td', {}, x.decidedBy ?? ''), h('td', {}, x.action ?? x.kind ?? ''), h('td', {}, h('code', {}, String(x.hash ?? '').slice(0, 12))))))));
  } catch (e) {
    failure(panel, e);
  }
}
