// Creator studio: compose with a live pre-flight (POST /v1/check as you type), publish (POST /v1/notes),
// my notes with each note's traffic-pool analytics, and the account's authority and penalties.

import { h, replace, debounce, field, pct, num, status } from '../dom.js';
import { t, term } from '../i18n.js';
import { get, post, callIf, ApiError } from '../api.js';
import { lineChart, barChart, poolTimeline, meter } from '../charts.js';
import { highlighted, findingList, decisionBadge } from './shared.js';

const AUTHOR_STORAGE = 'zhongcao.author';

export function mount(root) {
  const author = h('input', { type: 'text', value: localStorage.getItem(AUTHOR_STORAGE) ?? '', autocomplete: 'off', required: true });
  const accountPanel = h('div', { class: 'account' });
  const notesPanel = h('div', { class: 'notes' });
  const detailPanel = h('div', { class: 'note-detail', 'aria-live': 'polite' });
  let controller = new AbortController();

  const loadAccount = () => {
    localStorage.setItem(AUTHOR_STORAGE, author.value.trim());
    controller.abort();
    controller = new AbortController();
    if (!author.value.trim()) {
      // No default id: guessing one would only produce a 404 on servers without that user.
      replace(accountPanel, h('p', { class: 'muted' }, t('pickUser')));
      replace(notesPanel);
      return;
    }
    showAccount(accountPanel, author.value.trim(), controller.signal);
    showMyNotes(notesPanel, detailPanel, author.value.trim(), controller.signal);
  };

  const composer = compose(() => author.value.trim(), (noteId) => {
    loadAccount();
    showNote(detailPanel, noteId, controller.signal);
  });

  replace(
    root,
    h('h2', {}, t('studio.title')),
    h('form', { class: 'row', onsubmit: (e) => { e.preventDefault(); loadAccount(); } },
      field('studio-author', t('studio.author'), author, t('studio.authorHint')),
      h('button', { type: 'submit' }, t('load'))),
    h('div', { class: 'grid2' },
      h('section', { 'aria-labelledby': 'compose-h', class: 'card-panel' }, h('h3', { id: 'compose-h' }, t('studio.compose')), composer),
      h('section', { 'aria-labelledby': 'account-h', class: 'card-panel' }, h('h3', { id: 'account-h' }, t('studio.account')), accountPanel)),
    h('section', { 'aria-labelledby': 'mine-h', class: 'card-panel' }, h('h3', { id: 'mine-h' }, t('studio.myNotes')), notesPanel, detailPanel),
  );
  loadAccount();
  return () => controller.abort();
}

/** The composer form and its live pre-flight panel. */
function compose(authorId, published) {
  const title = h('input', { type: 'text', maxlength: 100 });
  const body = h('textarea', { rows: 7 });
  const tags = h('input', { type: 'text', placeholder: '#护肤 #travel' });
  const kind = h('select', {}, h('option', { value: 'lifestyle' }, t('kind.lifestyle')), h('option', { value: 'product' }, t('kind.product')));
  const media = h('div', { class: 'media-list' });
  const preflight = h('div', { class: 'preflight', 'aria-live': 'polite', id: 'preflight' });
  const result = h('div', { class: 'publish-result', 'aria-live': 'polite' });

  const addMedia = (type = 'image', width = 1080, height = 1440, seconds = 0) => {
    const row = h('fieldset', { class: 'media-row' });
    const n = media.children.length + 1;
    const typeSel = h('select', { 'aria-label': `${t('media.type')} ${n}` }, ['image', 'video', 'live'].map((x) => h('option', { value: x, selected: x === type }, t('media.' + x))));
    const w = h('input', { type: 'number', min: 0, value: width, 'aria-label': `${t('media.width')} ${n}` });
    const ht = h('input', { type: 'number', min: 0, value: height, 'aria-label': `${t('media.height')} ${n}` });
    const d = h('input', { type: 'number', min: 0, value: seconds, 'aria-label': `${t('media.seconds')} ${n}` });
    const remove = h('button', { type: 'button', class: 'ghost', 'aria-label': `${t('remove')} ${n}`, onclick: () => { row.remove(); check(); } }, '✕');
    row.append(h('legend', { class: 'sr-only' }, `${t('media.item')} ${n}`), typeSel, w, '×', ht, d, h('span', { 'aria-hidden': 'true' }, 's'), remove);
    row.addEventListener('input', () => check());
    row.read = () => ({ type: typeSel.value, width: +w.value || 0, height: +ht.value || 0, durationMs: typeSel.value === 'image' ? 0 : Math.round((+d.value || 0) * 1000) });
    media.append(row);
  };
  addMedia();

  const draft = () => ({
    authorId: authorId() || undefined,
    title: title.value,
    body: body.value,
    hashtags: tags.value.split(/[\s,，]+/).map((x) => x.trim()).filter((x) => x && x !== '#'),
    media: [...media.children].map((r) => r.read()),
    kind: kind.value,
  });

  let seq = 0;
  const check = debounce(async () => {
    const d = draft();
    if (!d.title.trim() && !d.body.trim()) {
      replace(preflight, h('p', { class: 'muted' }, t('studio.startTyping')));
      return;
    }
    const mine = ++seq;
    try {
      const gate = await post('/v1/check', d);
      if (mine === seq) renderPreflight(preflight, gate, d);
    } catch (e) {
      if (mine === seq) replace(preflight, status('error', e instanceof ApiError ? e.describe() : String(e)));
    }
  }, 250);

  const publish = async (e) => {
    e.preventDefault();
    const d = draft();
    try {
      const note = await post('/v1/notes', { ...d, authorId: authorId() });
      replace(result, status('ok', `${t('studio.published')} ${note.id} · ${term('outcome', note.gate?.decision?.outcome)} · ${term('stage', note.distribution?.stage)}`));
      published(note.id);
    } catch (err) {
      replace(result, status('error', err instanceof ApiError ? err.describe() : String(err)));
    }
  };

  const form = h('form', { onsubmit: publish, oninput: () => check(), onchange: () => check(), id: 'compose-form' },
    field('note-title', t('note.title'), title),
    field('note-body', t('note.body'), body),
    field('note-tags', t('note.hashtags'), tags, t('note.hashtagsHint')),
    field('note-kind', t('note.kind'), kind),
    h('div', { class: 'field' }, h('span', { class: 'label' }, t('note.media')), media,
      h('button', { type: 'button', class: 'ghost', onclick: () => { addMedia('image'); check(); } }, '+ ' + t('media.add'))),
    h('button', { type: 'submit', class: 'primary', id: 'publish' }, t('studio.publish')),
    result);
  replace(preflight, h('p', { class: 'muted' }, t('studio.startTyping')));
  return h('div', {}, form, h('h4', {}, t('studio.preflight')), preflight);
}

/** Quality (total, components with tips), the decision, and findings highlighted in the draft. */
function renderPreflight(panel, gate, d) {
  const q = gate.quality ?? { total: 0, components: [] };
  const findings = gate.findings ?? [];
  replace(
    panel,
    h('div', { class: 'row' },
      h('div', { class: 'score' }, h('span', { class: 'big', id: 'quality-total' }, Math.round(q.total)), h('span', { class: 'muted' }, ' / 100 ' + t('quality'))),
      meter(q.total, `${t('quality')} ${Math.round(q.total)}`),
      decisionBadge(gate.decision)),
    gate.decision?.statement ? h('p', { class: 'statement' }, gate.decision.statement) : null,
    h('details', { open: true }, h('summary', {}, t('quality.components')),
      h('ul', { class: 'components' }, (q.components ?? []).map((c) =>
        h('li', {}, h('span', { class: 'cname' }, term('component', c.name)), ' ', meter(c.value, `${c.name} ${Math.round(c.value)}`), ' ',
          h('span', { class: 'muted' }, `${Math.round(c.value)} × ${c.weight}`), c.tip ? h('div', { class: 'tip' }, '• ', c.tip) : null)))),
    h('h4', {}, `${t('findings')} (${findings.length})`),
    findings.length ? highlighted(d, findings) : h('p', { class: 'ok-text' }, t('findings.none')),
    findingList(findings),
  );
}

/** Authority and penalties (issue 6's GET /v1/users/{id}/authority) with an appeal button; a clear note while it is absent. */
async function showAccount(panel, userId, signal) {
  replace(panel, h('p', { class: 'muted' }, t('loading')));
  try {
    const [user, stats] = await Promise.all([get(`/v1/users/${encodeURIComponent(userId)}`, { signal }), get(`/v1/users/${encodeURIComponent(userId)}/analytics`, { signal })]);
    const rows = [
      [t('user.name'), user.displayName],
      [t('user.followers'), num(user.followers)],
      [t('user.notes'), num(user.notes)],
      [t('impressions'), num(stats.impressions)],
      [t('rate'), pct(stats.rate)],
    ];
    replace(panel, h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])), h('div', { id: 'authority' }));
    await showAuthority(panel.querySelector('#authority'), userId, signal);
  } catch (e) {
    if (e.name !== 'AbortError') replace(panel, status('error', e instanceof ApiError ? e.describe() : String(e)));
  }
}

async function showAuthority(panel, userId, signal) {
  try {
    const a = await callIf('GET', '/v1/users/{id}/authority', `/v1/users/${encodeURIComponent(userId)}/authority`, undefined, { signal });
    const penalties = a.penalties ?? [];
    replace(panel,
      h('p', {}, `${t('authority')}: `, h('strong', {}, String(a.authority ?? a.score ?? '–'))),
      penalties.length
        ? h('ul', { class: 'penalties' }, penalties.map((p) => h('li', { 'data-audit': p.auditNumber }, h('strong', {}, p.kind ?? ''), ' ',
            `${p.ladder ?? ''} · ${String(p.since ?? '').slice(0, 10)}${p.until ? ' → ' + String(p.until).slice(0, 10) : ''} · #${p.auditNumber ?? ''} `,
            h('button', { type: 'button', class: 'ghost', onclick: (e) => appeal(e.target, userId, p) }, t('appeal')))))
        : h('p', { class: 'ok-text' }, t('penalties.none')));
  } catch (e) {
    if (e.name === 'AbortError') return;
    replace(panel, e instanceof ApiError && e.status === 404 && e.problem?.title === 'No such endpoint.'
      ? h('p', { class: 'muted notice' }, t('authority.unavailable'))
      : status('error', e instanceof ApiError ? e.describe() : String(e)));
  }
}

async function appeal(button, userId, penalty) {
  button.disabled = true;
  try {
    // An appeal names the audit entry of the decision (POST /v1/appeals {userId, auditNumber, statement}).
    await callIf('POST', '/v1/appeals', '/v1/appeals', { userId, auditNumber: penalty.auditNumber, statement: 'Appeal from the creator studio' });
    button.textContent = t('appeal.sent');
  } catch (e) {
    button.disabled = false;
    button.after(status('error', e instanceof ApiError ? (e.status === 404 ? t('moderation.unavailable') : e.describe()) : String(e.message)));
  }
}

/** The author's recent notes (from GET /v1/users/{id}/analytics), each opening its pool analytics. */
async function showMyNotes(panel, detail, userId, signal) {
  replace(panel, h('p', { class: 'muted' }, t('loading')));
  try {
    const stats = await get(`/v1/users/${encodeURIComponent(userId)}/analytics`, { signal });
    const recent = stats.recent ?? [];
    if (!recent.length) {
      replace(panel, h('p', { class: 'muted' }, t('studio.noNotes')));
      replace(detail);
      return;
    }
    const notes = await Promise.all(recent.slice(0, 12).map((r) => get(`/v1/notes/${encodeURIComponent(r.noteId)}`, { signal }).catch(() => null)));
    replace(panel, h('table', { class: 'list' },
      h('thead', {}, h('tr', {}, [t('note.title'), t('stage'), t('impressions'), t('rate'), ''].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, recent.slice(0, 12).map((r, i) => h('tr', {},
        h('td', {}, notes[i]?.title || r.noteId),
        h('td', {}, h('span', { class: 'pill stage-' + r.stage }, term('stage', r.stage) + (r.level ? ` L${r.level}` : ''))),
        h('td', { class: 'n' }, num(r.impressions)),
        h('td', { class: 'n' }, pct(r.rate)),
        h('td', {}, h('button', { type: 'button', class: 'ghost', 'data-note': r.noteId, onclick: () => showNote(detail, r.noteId, signal) }, t('details'))))))));
    if (!detail.hasChildNodes()) showNote(detail, recent[0].noteId, signal);
  } catch (e) {
    if (e.name !== 'AbortError') replace(panel, status('error', e instanceof ApiError ? e.describe() : String(e)));
  }
}

/** One note's distribution: pool timeline chart, hourly series, sources, audience and suggestions. */
export async function showNote(panel, noteId, signal) {
  try {
    const [note, a] = await Promise.all([get(`/v1/notes/${encodeURIComponent(noteId)}`, { signal }), get(`/v1/notes/${encodeURIComponent(noteId)}/analytics`, { signal })]);
    replace(panel, noteAnalytics(note, a));
  } catch (e) {
    if (e.name !== 'AbortError') replace(panel, status('error', e instanceof ApiError ? e.describe() : String(e)));
  }
}

/** The analytics block, also used by the feed preview to show the pool reacting. */
export function noteAnalytics(note, a) {
  const stages = (a.timeline ?? []).map((s) => ({
    name: term('stage', s.stage) + (s.level ? ` L${s.level}` : ''), budget: s.budget, impressions: s.impressions,
    rate: s.rate, lower: s.rateLower, upper: s.rateUpper, threshold: s.threshold, outcome: s.endedAt ? term('outcome', s.outcome) : t('running'),
  }));
  const chartText = { impressions: t('impressions'), rate: t('rate'), threshold: t('threshold'), budget: t('budget') };
  const hourly = (a.hourly ?? []).map((p) => [Date.parse(p.hour), p.impressions]);
  const actions = (a.hourly ?? []).map((p) => [Date.parse(p.hour), Object.values(p.actions ?? {}).reduce((x, y) => x + y, 0)]);
  const hour = (x) => new Date(x).toISOString().slice(5, 13).replace('T', ' ') + 'h';
  const totals = a.totals ?? { actions: {} };
  return h('article', { class: 'analytics', 'data-note-id': note.id },
    h('h4', {}, note.title || note.id, ' ', h('span', { class: 'pill stage-' + a.stage }, term('stage', a.stage) + (a.level ? ` L${a.level}` : ''))),
    h('dl', { class: 'facts inline', id: 'note-totals' },
      h('dt', {}, t('impressions')), h('dd', { 'data-k': 'impressions' }, num(totals.impressions)),
      h('dt', {}, t('rate')), h('dd', {}, pct(totals.rate)),
      Object.entries(totals.actions ?? {}).map(([k, v]) => [h('dt', {}, term('action', k)), h('dd', { 'data-k': k }, num(v))]),
      h('dt', {}, t('threshold')), h('dd', {}, pct(a.current?.threshold))),
    h('div', { class: 'grid2' },
      h('figure', {}, poolTimeline(stages, { label: `${t('chart.timeline')}: ${stages.map((s) => `${s.name} ${s.impressions}`).join(', ')}`, text: chartText }),
        h('figcaption', {}, t('chart.timeline'))),
      h('figure', {}, hourly.length
        ? lineChart([{ name: t('impressions'), points: hourly }, { name: t('actions'), points: actions }], { label: t('chart.hourly'), xFormat: hour })
        : h('p', { class: 'muted' }, t('noData')), h('figcaption', {}, t('chart.hourly')))),
    h('div', { class: 'grid2' },
      h('figure', {}, barChart((a.bySurface ?? []).map((s) => ({ label: term('surface', s.source), value: s.impressions })), { label: t('chart.sources') }), h('figcaption', {}, t('chart.sources'))),
      h('figure', {}, barChart((a.audience?.interests ?? []).slice(0, 6).map((i) => ({ label: i.interest, value: i.viewers, color: '#8e44ad' }))
        .concat([{ label: t('audience.followers'), value: a.audience?.followers ?? 0, color: '#2e7d32' }, { label: t('audience.returning'), value: a.audience?.returningViewers ?? 0, color: '#2e7d32' }]),
      { label: t('chart.audience') }), h('figcaption', {}, t('chart.audience')))),
    (a.suggestions ?? []).length ? h('ul', { class: 'suggestions' }, a.suggestions.map((x) => h('li', {}, '• ', x))) : null,
    (a.transitions ?? []).length ? h('details', {}, h('summary', {}, t('transitions')), h('ol', {}, a.transitions.map((x) =>
      h('li', {}, `${new Date(x.at).toLocaleString()} · ${term('stage', x.fromStage)} → ${term('stage', x.toStage)} · ${x.reason ?? ''}`)))) : null);
}
