// Pieces shared by the studio and the moderation desk: the draft with findings highlighted, the list
// of findings (rule, basis, remedy), and the decision badge.

import { h } from '../dom.js';
import { t, term } from '../i18n.js';

/**
 * The note's text with each finding's span marked. Offsets are UTF-16 indexes into the original field
 * text, which is exactly how JavaScript indexes strings, so the spans are cut as given. Overlapping
 * spans (e.g. "加我微信" inside "加我微信 wx123") merge into one mark that names every rule it carries.
 * Hashtag findings carry offsets within one tag, so the tag that contains the match is marked whole.
 */
export function highlighted(note, findings) {
  const block = (fieldName, text) => {
    const groups = [];
    const spans = findings.filter((f) => f.field === fieldName && f.length > 0 && f.start + f.length <= text.length).sort((a, b) => a.start - b.start);
    for (const f of spans) {
      const last = groups[groups.length - 1];
      if (last && f.start < last.end) {
        last.end = Math.max(last.end, f.start + f.length);
        last.findings.push(f);
      } else {
        groups.push({ start: f.start, end: f.start + f.length, findings: [f] });
      }
    }
    const out = [];
    let at = 0;
    for (const g of groups) {
      out.push(text.slice(at, g.start), mark(text.slice(g.start, g.end), g.findings));
      at = g.end;
    }
    out.push(text.slice(at));
    return out;
  };
  const tags = (note.hashtags ?? []).map((tag) => {
    const hits = findings.filter((x) => x.field === 'hashtags' && x.matched && tag.includes(x.matched));
    return [hits.length ? mark(tag, hits) : h('span', { class: 'tag' }, tag), ' '];
  });
  return h('div', { class: 'highlighted', id: 'highlighted', role: 'group', 'aria-label': t('findings.inText') },
    note.title ? h('p', { class: 'h-title' }, block('title', note.title)) : null,
    h('p', { class: 'h-body' }, block('body', note.body ?? '')),
    tags.length ? h('p', { class: 'h-tags' }, tags) : null);
}

const SEVERITY = ['info', 'low', 'medium', 'high', 'critical'];

/** A mark for one or more findings on the same text: the most severe one colours it; all rules are named. */
function mark(text, found) {
  const worst = found.reduce((a, f) => (SEVERITY.indexOf(f.severity) > SEVERITY.indexOf(a.severity) ? f : a));
  return h('mark', { class: 'sev-' + worst.severity, 'data-rule': found.map((f) => f.rule).join(' '), title: found.map((f) => `${f.rule}: ${f.remedy ?? ''}`).join('\n') }, text);
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
