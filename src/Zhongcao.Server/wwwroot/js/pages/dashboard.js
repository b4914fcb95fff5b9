// Platform dashboard: live events/s, feeds/s and latency from /metrics (Prometheus text, differenced
// between polls), notes per pool stage and the fairness figures from GET /v1/platform/stats. The series
// "over time" are the ones this page has seen since it opened (the server keeps no history of them).

import { h, replace, pct, num, status } from '../dom.js';
import { t, term } from '../i18n.js';
import { get, metrics, ApiError } from '../api.js';
import { lineChart, barChart, PALETTE } from '../charts.js';

const POLL_MS = 2000;
const KEEP = 90; // points kept per series: three minutes at one poll every two seconds

export function mount(root) {
  const tiles = h('div', { class: 'tiles', id: 'tiles' });
  const live = h('figure', { id: 'chart-live' });
  const latency = h('figure', { id: 'chart-latency' });
  const stages = h('figure', { id: 'chart-stages' });
  const fairness = h('figure', { id: 'chart-fairness' });
  const err = h('div', { 'aria-live': 'assertive' });
  replace(root,
    h('h2', {}, t('dashboard.title')),
    err, tiles,
    h('div', { class: 'grid2' },
      h('section', { class: 'card-panel', 'aria-labelledby': 'live-h' }, h('h3', { id: 'live-h' }, t('dashboard.throughput')), live),
      h('section', { class: 'card-panel', 'aria-labelledby': 'lat-h' }, h('h3', { id: 'lat-h' }, t('dashboard.latency')), latency)),
    h('div', { class: 'grid2' },
      h('section', { class: 'card-panel', 'aria-labelledby': 'stages-h' }, h('h3', { id: 'stages-h' }, t('dashboard.stages')), stages),
      h('section', { class: 'card-panel', 'aria-labelledby': 'fair-h' }, h('h3', { id: 'fair-h' }, t('dashboard.fairness')), fairness, h('p', { class: 'muted small' }, t('dashboard.fairnessNote')))));

  const series = { events: [], feeds: [], p50: [], p95: [], small: [], gini: [], guarantee: [], fresh: [] };
  let previous = null;
  let stopped = false;
  let timer;

  const poll = async () => {
    try {
      const [m, stats] = await Promise.all([metrics(), get('/v1/platform/stats')]);
      if (stopped) return;
      const now = Date.now();
      const sample = readSample(m);
      if (previous) {
        const dt = (now - previous.at) / 1000;
        push(series.events, now, Math.max(0, (sample.events - previous.events) / dt));
        push(series.feeds, now, Math.max(0, (sample.feeds - previous.feeds) / dt));
        const q = quantiles(sample.buckets, previous.buckets);
        push(series.p50, now, q.p50 * 1000);
        push(series.p95, now, q.p95 * 1000);
      } else {
        // The first sample has nothing to difference against: show the life-time figures once so the
        // charts are never empty, then the live rates take over.
        const q = quantiles(sample.buckets, null);
        push(series.p50, now, q.p50 * 1000);
        push(series.p95, now, q.p95 * 1000);
        push(series.events, now, 0);
        push(series.feeds, now, 0);
      }
      previous = { at: now, ...sample };
      const f = stats.fairness;
      // A share is null while there is nothing to divide (no impressions, no note judged yet): leave a gap
      // rather than draw a misleading zero.
      if (f.smallCreatorImpressionShare !== null && f.smallCreatorImpressionShare !== undefined) push(series.small, now, f.smallCreatorImpressionShare);
      push(series.gini, now, f.exposureGini);
      if (f.guaranteeSuccessRate !== null && f.guaranteeSuccessRate !== undefined) push(series.guarantee, now, f.guaranteeSuccessRate);
      if (f.newNoteImpressionShare !== null && f.newNoteImpressionShare !== undefined) push(series.fresh, now, f.newNoteImpressionShare);
      draw(stats);
      replace(err);
    } catch (e) {
      if (!stopped) replace(err, status('error', e instanceof ApiError ? e.describe() : String(e)));
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };

  const clock = (x) => new Date(x).toLocaleTimeString();
  const draw = (stats) => {
    const last = (s) => (s.length ? s[s.length - 1][1] : null);
    const f = stats.fairness;
    replace(tiles,
      tile(t('dashboard.eventsPerSec'), num(last(series.events)), 'tile-events'),
      tile(t('dashboard.feedsPerSec'), num(last(series.feeds)), 'tile-feeds'),
      tile(t('dashboard.p95'), last(series.p95) === null ? '–' : last(series.p95).toFixed(1) + ' ms'),
      tile(t('dashboard.notes'), num(stats.notes)),
      tile(t('fair.small'), pct(f.smallCreatorImpressionShare)),
      tile(t('fair.gini'), f.exposureGini.toFixed(3)),
      tile(t('fair.guarantee'), pct(f.guaranteeSuccessRate)),
      tile(t('fair.fresh'), pct(f.newNoteImpressionShare)));
    replace(live, lineChart([{ name: t('dashboard.eventsPerSec'), points: series.events }, { name: t('dashboard.feedsPerSec'), points: series.feeds }],
      { label: `${t('dashboard.throughput')}: ${num(last(series.events))} / ${num(last(series.feeds))}`, xFormat: clock }));
    replace(latency, lineChart([{ name: 'p50', points: series.p50, color: PALETTE[1] }, { name: 'p95', points: series.p95, color: PALETTE[0], dashed: false }],
      { label: `${t('dashboard.latency')}: p95 ${num(last(series.p95))} ms`, xFormat: clock, yFormat: (v) => v.toFixed(v < 10 ? 1 : 0) + 'ms' }));
    const byStage = Object.entries(stats.notesByStage).map(([k, v]) => ({ label: term('stage', k), value: v }));
    replace(stages, barChart(byStage, { label: `${t('dashboard.stages')}: ${byStage.map((b) => `${b.label} ${b.value}`).join(', ')}` }));
    replace(fairness, lineChart([
      { name: t('fair.small'), points: series.small },
      { name: t('fair.gini'), points: series.gini },
      { name: t('fair.guarantee'), points: series.guarantee },
      { name: t('fair.fresh'), points: series.fresh },
    ], { label: t('dashboard.fairness'), xFormat: clock, yMax: 1, yFormat: (v) => (v * 100).toFixed(0) + '%', height: 220 }));
  };

  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

function tile(label, value, id) {
  return h('div', { class: 'tile', id }, h('div', { class: 'tile-value' }, value), h('div', { class: 'tile-label' }, label));
}

function push(list, x, y) {
  list.push([x, y]);
  if (list.length > KEEP) list.shift();
}

/** The counters the dashboard differences: events ingested, feed requests, and the request-latency histogram. */
function readSample(m) {
  const sum = (name, filter = () => true) => (m[name] ?? []).filter(filter).reduce((x, r) => x + r.value, 0);
  const buckets = new Map();
  for (const r of m.zhongcao_http_request_duration_seconds_bucket ?? []) {
    const le = /le="([^"]+)"/.exec(r.labels)?.[1];
    if (le) buckets.set(le, (buckets.get(le) ?? 0) + r.value);
  }
  return {
    events: sum('zhongcao_events_ingested_total'),
    feeds: sum('zhongcao_http_requests_total', (r) => r.labels.includes('/feed/')),
    buckets,
  };
}

/** p50 and p95 (seconds) from cumulative histogram buckets, over the interval since `before` (or all time). */
function quantiles(now, before) {
  const edges = [...now.keys()].map((le) => [le, le === '+Inf' ? Infinity : Number(le)]).sort((a, b) => a[1] - b[1]);
  const counts = edges.map(([le, bound]) => [bound, now.get(le) - (before?.get(le) ?? 0)]);
  const total = counts.length ? counts[counts.length - 1][1] : 0;
  const q = (p) => {
    if (!total) return 0;
    const target = p * total;
    let lower = 0, below = 0;
    for (const [bound, cumulative] of counts) {
      if (cumulative >= target) {
        if (!Number.isFinite(bound)) return lower; // beyond the last finite bucket: report its edge
        const inBucket = cumulative - below;
        return lower + (inBucket ? ((target - below) / inBucket) * (bound - lower) : 0);
      }
      lower = bound;
      below = cumulative;
    }
    return lower;
  };
  return { p50: q(0.5), p95: q(0.95) };
}
