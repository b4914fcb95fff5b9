// Pieces shared by the studio and the moderation desk: the draft with findings highlighted, the list
// of findings (rule, basis, remedy), and the decision badge.

import { h } from '../dom.js';
import { t, term } from '../i18n.js';

/**
 * The note's text with each finding's span marked. Offsets are UTF-16 indexes into the original field
 * text, which is exactly how JavaScript indexes strings, so the spans are cut as given. Overlapping
 * spans merge into the first one (the list below still names every rule). Hashtag findings carry
 * offsets within one tag, so the tag that contains the match is marked whole.
 */
export function highlighted(note, findings) {
  const block = (fieldName, text) => {
    const spans = findings.filter((f) => f.field === fieldName && f.length > 0).sort((a, b) => a.start - b.start);
    const out = [];
    let at = 0;
    for (const f of spans) {
      if (f.start < at || f.start + f.length > text.length) continue;
      out.push(text.slice(at, f.start));
      out.push(mark(text.slice(f.start, f.start + f.length), f));
      at = f.start + f.length;
    }
    out.push(text.slice(at));
    return out;
  };
  const tags = (note.hashtags ?? []).map((tag) => {
    const f = findings.find((x) => x.field === 'hashtags' && x.matched && tag.includes(x.matched));
    return [f ? mark(tag, f) : h('span', { class: 'tag' }, tag), ' '];
  });
  return h('div', { class: 'highlighted', id: 'highlighted', 'aria-label': t('findings.inText') },
    note.title ? h('p', { class: 'h-title' }, block('title', note.title)) : null,
    h('p', { class: 'h-body' }, block('body', note.body ?? '')),
    tags.length ? h('p', { class: 'h-tags' }, tags) : null);
}

function mark(text, f) {
  return h('mark', { class: 'sev-' + f.severity, 'data-rule': f.rule, title: `${f.rule}: ${f.remedy ?? ''}` }, text);
}

/** Each finding: severity, rule and category, where, the matched text, the basis and the remedy. */
export function findingList(findings) {
  if (!findings.length) return null;
  return h('ul', { class: 'findings' }, findings.map((f) =>
    h('li', { class: 'sev-' + f.severity },
      h('span', { class: 'pill sev-' + f.severity }, term('severity', f.severity)), ' ',
      h('code', {}, f.rule), ' · ', f.category, ' · ', term('field', f.field),
      f.matched ? [' · «', h('mark', { class: 'sev-' + f.severity }, f.matched), '»'] : null,
      f.description ? h('div', {}, f.description) : null,
      f.basis ? h('div', { class: 'muted' }, t('basis'), ': ', f.basis) : null,
      f.remedy ? h('div', { class: 'remedy' }, t('remedy'), ': ', f.remedy) : null)));
}

/** The gate's outcome as a coloured badge with its multiplier when limited. */
export function decisionBadge(decision) {
  if (!decision) return null;
  const m = decision.outcome === 'limit' && decision.multiplier !== undefined ? ` ×${decision.multiplier}` : '';
  return h('span', { class: 'pill outcome-' + decision.outcome, id: 'decision-outcome' }, term('outcome', decision.outcome) + m);
}
