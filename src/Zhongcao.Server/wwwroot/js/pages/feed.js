// Feed preview: pick (or create) a user, see their feed as a two-column card grid, ask any card why it
// is there, and act as that user. Every action is a real event (POST /v1/events), so the feed and the
// note's pool react exactly as they would for a client app.

import { h, replace, field, num, status } from '../dom.js';
import { t, sourceName } from '../i18n.js';
import { get, put, sendEvents, ApiError } from '../api.js';
import { showNote } from './studio.js';

const USER_STORAGE = 'zhongcao.viewer';

export function mount(root) {
  const userId = h('input', { type: 'text', value: localStorage.getItem(USER_STORAGE) ?? '', autocomplete: 'off', required: true });
  const grid = h('div', { class: 'feed-grid', id: 'feed-grid', 'aria-live': 'polite' });
  const info = h('div', { class: 'viewer-info' });
  const pool = h('div', { class: 'note-detail', id: 'feed-pool', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('feed.poolHint')));
  const controller = new AbortController();
  const signal = controller.signal;

  const load = async () => {
    const id = userId.value.trim();
    localStorage.setItem(USER_STORAGE, id);
    if (!id) {
      replace(grid, h('p', { class: 'muted' }, t('pickUser')));
      return;
    }
    replace(grid, h('p', { class: 'muted' }, t('loading')));
    try {
      const [user, feed] = await Promise.all([
        get(`/v1/users/${encodeURIComponent(id)}`, { signal }),
        get(`/v1/feed/${encodeURIComponent(id)}?limit=20&explain=true`, { signal }),
      ]);
      replace(info, h('p', {}, h('strong', {}, user.displayName), ` · ${t('user.interests')}: ${user.interests.join(', ') || '–'} · ${t('user.following')} ${user.following}`));
      renderFeed(grid, feed.items, id, load, (noteId) => showNote(pool, noteId, signal));
    } catch (e) {
      if (e.name !== 'AbortError') replace(grid, status('error', e instanceof ApiError ? e.describe() : String(e)));
    }
  };

  // Creating a user: PUT /v1/users/{id} with the declared interests (the feed's cold start uses them).
  const newId = h('input', { type: 'text', autocomplete: 'off', required: true });
  const newName = h('input', { type: 'text', autocomplete: 'off' });
  const newInterests = h('input', { type: 'text', placeholder: '护肤, travel, 美食' });
  const created = h('div', { 'aria-live': 'polite' });
  const create = async (e) => {
    e.preventDefault();
    try {
      const id = newId.value.trim();
      await put(`/v1/users/${encodeURIComponent(id)}`, {
        displayName: newName.value.trim() || id,
        interests: newInterests.value.split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean),
      });
      userId.value = id;
      replace(created, status('ok', `${t('feed.created')} ${id}`));
      load();
    } catch (err) {
      replace(created, status('error', err instanceof ApiError ? err.describe() : String(err)));
    }
  };

  replace(
    root,
    h('h2', {}, t('feed.title')),
    h('div', { class: 'grid2 narrow' },
      h('form', { class: 'card-panel', onsubmit: (e) => { e.preventDefault(); load(); } },
        h('h3', {}, t('feed.pick')),
        field('feed-user', t('feed.userId'), userId),
        h('button', { type: 'submit', class: 'primary', id: 'feed-load' }, t('feed.show')), info),
      h('form', { class: 'card-panel', onsubmit: create },
        h('h3', {}, t('feed.create')),
        field('new-user-id', t('feed.userId'), newId),
        field('new-user-name', t('user.name'), newName),
        field('new-user-interests', t('user.interests'), newInterests),
        h('button', { type: 'submit' }, t('feed.createButton')), created)),
    h('div', { class: 'feed-layout' }, h('section', { 'aria-label': t('feed.cards') }, grid), h('aside', { 'aria-label': t('feed.pool') }, h('h3', {}, t('feed.pool')), pool)),
  );
  load();
  return () => controller.abort();
}

/** Cards in two columns, as on Xiaohongshu: cover, title, author, likes; actions and "why" under each. */
function renderFeed(grid, items, viewer, reload, openPool) {
  if (!items.length) {
    replace(grid, h('p', { class: 'muted' }, t('feed.empty')));
    return;
  }
  replace(grid, items.map((item) => card(item, viewer, reload, openPool)));
}

function card(item, viewer, reload, openPool) {
  const why = h('p', { class: 'why', hidden: true }, item.explanation || t('feed.noExplanation'));
  const sources = (item.sources ?? []).map(sourceName).join(' / ');
  const note = h('div', { class: 'card-status', 'aria-live': 'polite' });

  // An action as this user: an impression and a click first (the viewer saw and opened the card), then the action.
  const act = async (type, extra) => {
    try {
      const r = await sendEvents(viewer, item.noteId, { type: 'impression', surface: 'feed', position: 0 }, 'click', { type, ...extra });
      if (r.rejected?.length) throw new Error(r.rejected.map((x) => `${x.field}: ${x.reason}`).join('; '));
      replace(note, status('ok', t('feed.done.' + type)));
      openPool(item.noteId);
      // The card's counter follows the note's stored totals, so the like shows up on the card as well.
      const fresh = await get(`/v1/notes/${encodeURIComponent(item.noteId)}`);
      likes.textContent = num(fresh.stats.likes);
      if (type === 'notInterested') reload();
    } catch (e) {
      replace(note, status('error', e instanceof ApiError ? e.describe() : String(e.message ?? e)));
    }
  };

  const comment = h('form', { class: 'comment', hidden: true, onsubmit: (e) => { e.preventDefault(); act('comment', { text: commentText.value }); comment.hidden = true; } });
  const commentText = h('input', { type: 'text', 'aria-label': t('feed.commentText'), required: true, maxlength: 500 });
  comment.append(commentText, h('button', { type: 'submit' }, t('feed.send')));

  const likes = h('span', { class: 'likes' }, num(item.likes));
  const button = (type, icon) => h('button', { type: 'button', class: 'act', 'data-action': type, 'aria-label': `${t('feed.act.' + type)}: ${item.title}`, title: t('feed.act.' + type), onclick: () => act(type) }, icon);
  return h('article', { class: 'note-card', 'data-note-id': item.noteId },
    h('div', { class: 'cover kind-' + item.kind, style: `--hue:${hue(item.tags?.[0] ?? item.noteId)}` , 'aria-hidden': 'true' },
      h('span', {}, item.mediaType === 'video' ? '▶' : item.mediaType === 'live' ? '◉' : '▣')),
    h('h3', { class: 'card-title' }, h('button', { type: 'button', class: 'linkish', onclick: () => openPool(item.noteId) }, item.title || item.noteId)),
    h('p', { class: 'card-meta' }, h('span', {}, '@' + item.authorId), h('span', { 'aria-label': t('likes') }, '♥ ', likes)),
    sources ? h('p', { class: 'muted small' }, sources) : null,
    h('div', { class: 'actions' },
      button('like', '♥'), button('save', '★'),
      h('button', { type: 'button', class: 'act', 'aria-label': `${t('feed.act.comment')}: ${item.title}`, title: t('feed.act.comment'), 'data-action': 'comment', onclick: () => { comment.hidden = !comment.hidden; if (!comment.hidden) commentText.focus(); } }, '✎'),
      button('share', '↗'), button('notInterested', '⊘'),
      h('button', { type: 'button', class: 'act why-button', 'aria-expanded': 'false', onclick: (e) => { why.hidden = !why.hidden; e.currentTarget.setAttribute('aria-expanded', String(!why.hidden)); } }, t('feed.why'))),
    comment, why, note);
}

/** A stable hue from a tag, so a topic's covers share a colour. */
function hue(text) {
  let x = 0;
  for (const ch of text) x = (x * 31 + ch.codePointAt(0)) % 360;
  return x;
}
