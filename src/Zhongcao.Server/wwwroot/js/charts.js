// Hand-written SVG charts: no library, nothing to download, and each chart is a plain <svg role="img">
// with an aria-label and a <title>, so a screen reader gets a one-line summary of what is drawn.

const NS = 'http://www.w3.org/2000/svg';

/** Colours with at least 3:1 contrast on white (WCAG graphics), in a fixed order for series. */
export const PALETTE = ['#c8102e', '#1f6fb2', '#2e7d32', '#8e44ad', '#b35c00', '#00796b'];

function s(tag, attrs = {}, text) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(width, height, label) {
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart', preserveAspectRatio: 'xMidYMid meet' });
  svg.append(s('title', {}, label));
  return svg;
}

/** A "nice" upper bound for an axis (1, 2, 5 × 10^n). */
function niceMax(v) {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

const fmt = (v) => (Math.abs(v) >= 1000 ? (v / 1000).toFixed(v >= 10000 ? 0 : 1) + 'k' : Number.isInteger(v) ? String(v) : v.toFixed(2));

/**
 * Line chart of one or more series over a shared numeric x (e.g. time in ms).
 * series: [{ name, points: [[x, y], ...] }]; options: { label, yFormat, xFormat, yMax, width, height }.
 */
export function lineChart(series, options) {
  const { label, width = 520, height = 200, yFormat = fmt, xFormat = (x) => String(x) } = options;
  const pad = { l: 48, r: 12, t: 12, b: 24 };
  const svg = frame(width, height, label);
  const all = series.flatMap((x) => x.points);
  const xs = all.map((p) => p[0]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs);
  const yMax = options.yMax ?? niceMax(Math.max(0, ...all.map((p) => p[1])));
  const X = (x) => pad.l + (x1 === x0 ? (width - pad.l - pad.r) / 2 : ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r));
  const Y = (y) => height - pad.b - (Math.min(y, yMax) / yMax) * (height - pad.t - pad.b);
  axes(svg, width, height, pad, yMax, yFormat);
  if (all.length) {
    svg.append(s('text', { x: pad.l, y: height - pad.b + 14, class: 'tick', 'text-anchor': 'start' }, xFormat(x0)));
    svg.append(s('text', { x: width - pad.r, y: height - pad.b + 14, class: 'tick', 'text-anchor': 'end' }, xFormat(x1)));
  }
  series.forEach((line, i) => {
    const color = line.color ?? PALETTE[i % PALETTE.length];
    if (line.points.length === 0) return;
    const d = line.points.map((p, j) => `${j ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join('');
    svg.append(s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, class: 'series', 'stroke-dasharray': line.dashed ? '5 4' : null }));
    for (const p of line.points.length <= 40 ? line.points : []) {
      const dot = s('circle', { cx: X(p[0]), cy: Y(p[1]), r: 2.5, fill: color });
      dot.append(s('title', {}, `${line.name}: ${yFormat(p[1])} (${xFormat(p[0])})`));
      svg.append(dot);
    }
  });
  return withLegend(svg, series.map((x, i) => [x.name, x.color ?? PALETTE[i % PALETTE.length]]));
}

/** Horizontal bar chart: bars = [{ label, value, color? }]. */
export function barChart(bars, options) {
  const { label, width = 520, valueFormat = fmt } = options;
  const row = 24, pad = { l: 130, r: 56, t: 6 };
  const height = pad.t * 2 + Math.max(1, bars.length) * row;
  const svg = frame(width, height, label);
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  bars.forEach((b, i) => {
    const y = pad.t + i * row;
    const w = (b.value / max) * (width - pad.l - pad.r);
    svg.append(s('text', { x: pad.l - 8, y: y + 16, class: 'tick', 'text-anchor': 'end' }, b.label));
    const rect = s('rect', { x: pad.l, y: y + 4, width: Math.max(w, b.value > 0 ? 2 : 0), height: row - 8, rx: 3, fill: b.color ?? PALETTE[1], class: 'bar' });
    rect.append(s('title', {}, `${b.label}: ${valueFormat(b.value)}`));
    svg.append(rect);
    svg.append(s('text', { x: pad.l + w + 6, y: y + 16, class: 'tick' }, valueFormat(b.value)));
  });
  return svg;
}

/**
 * The traffic-pool timeline: one band per stage, a bar for the impressions delivered against the
 * stage's budget, and below it the engagement rate with its Wilson interval against the threshold
 * the stage is judged by (a red dash). stages: [{ name, budget, impressions, rate, lower, upper, threshold, outcome }].
 */
export function poolTimeline(stages, options) {
  const { label, width = 560, height = 250, text } = options;
  const pad = { l: 48, r: 12, t: 10, mid: 110, b: 44 };
  const svg = frame(width, height, label);
  const band = (width - pad.l - pad.r) / Math.max(1, stages.length);
  const impMax = niceMax(Math.max(1, ...stages.map((x) => Math.max(x.impressions, x.budget))));
  const rateMax = niceMax(Math.max(0.01, ...stages.map((x) => Math.max(x.upper ?? x.rate, x.threshold ?? 0))));
  const impH = pad.mid - pad.t, rateTop = pad.mid + 16, rateH = height - pad.b - rateTop;
  svg.append(s('text', { x: 4, y: pad.t + 10, class: 'tick' }, text.impressions));
  svg.append(s('text', { x: 4, y: rateTop + 10, class: 'tick' }, text.rate));
  svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: pad.mid, y2: pad.mid, class: 'axis' }));
  svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: height - pad.b, y2: height - pad.b, class: 'axis' }));
  stages.forEach((st, i) => {
    const x = pad.l + i * band, w = Math.min(band * 0.6, 60), cx = x + band / 2;
    const bh = (v) => (v / impMax) * impH;
    const budget = s('rect', { x: cx - w / 2, y: pad.mid - bh(st.budget), width: w, height: bh(st.budget), class: 'budget' });
    budget.append(s('title', {}, `${st.name}: ${text.budget} ${st.budget}`));
    const delivered = s('rect', { x: cx - w / 2 + 4, y: pad.mid - bh(st.impressions), width: w - 8, height: bh(st.impressions), fill: PALETTE[1], class: 'bar' });
    delivered.append(s('title', {}, `${st.name}: ${st.impressions} ${text.impressions}`));
    svg.append(budget, delivered);
    svg.append(s('text', { x: cx, y: pad.mid - bh(Math.max(st.impressions, st.budget)) - 3, class: 'tick', 'text-anchor': 'middle' }, `${fmt(st.impressions)} / ${fmt(st.budget)}`));
    const ry = (v) => height - pad.b - (Math.min(v, rateMax) / rateMax) * rateH;
    if (st.threshold > 0) {
      const th = s('line', { x1: cx - w / 2, x2: cx + w / 2, y1: ry(st.threshold), y2: ry(st.threshold), class: 'threshold' });
      th.append(s('title', {}, `${text.threshold} ${(st.threshold * 100).toFixed(1)}%`));
      svg.append(th);
    }
    if (st.lower !== undefined) svg.append(s('line', { x1: cx, x2: cx, y1: ry(st.lower), y2: ry(st.upper), class: 'whisker' }));
    const dot = s('circle', { cx, cy: ry(st.rate), r: 4, fill: st.rate >= st.threshold ? PALETTE[2] : PALETTE[0] });
    dot.append(s('title', {}, `${st.name}: ${text.rate} ${(st.rate * 100).toFixed(1)}%`));
    svg.append(dot);
    svg.append(s('text', { x: cx, y: height - pad.b + 14, class: 'tick', 'text-anchor': 'middle' }, st.name));
    if (st.outcome) svg.append(s('text', { x: cx, y: height - pad.b + 28, class: 'tick small', 'text-anchor': 'middle' }, st.outcome));
  });
  svg.append(s('text', { x: width - pad.r, y: rateTop + 4, class: 'tick', 'text-anchor': 'end' }, (rateMax * 100).toFixed(0) + '%'));
  return svg;
}

/** A small horizontal meter 0..100 (quality score); colour follows the value. */
export function meter(value, label) {
  const svg = frame(200, 14, label);
  svg.classList.add('meter');
  svg.append(s('rect', { x: 0, y: 2, width: 200, height: 10, rx: 5, class: 'track' }));
  const color = value >= 70 ? PALETTE[2] : value >= 40 ? PALETTE[4] : PALETTE[0];
  svg.append(s('rect', { x: 0, y: 2, width: Math.max(0, Math.min(100, value)) * 2, height: 10, rx: 5, fill: color }));
  return svg;
}

function axes(svg, width, height, pad, yMax, yFormat) {
  for (let k = 0; k <= 4; k++) {
    const y = height - pad.b - (k / 4) * (height - pad.t - pad.b);
    svg.append(s('line', { x1: pad.l, x2: width - pad.r, y1: y, y2: y, class: k ? 'grid' : 'axis' }));
    svg.append(s('text', { x: pad.l - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, yFormat((k / 4) * yMax)));
  }
}

/** The chart with an HTML legend under it (wraps on narrow screens; the colours are repeated in each point's title). */
function withLegend(svg, items) {
  const box = document.createElement('div');
  box.className = 'chart-box';
  const list = document.createElement('ul');
  list.className = 'legend';
  for (const [name, color] of items) {
    const li = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = color;
    swatch.setAttribute('aria-hidden', 'true');
    li.append(swatch, document.createTextNode(name));
    list.append(li);
  }
  box.append(svg, list);
  return box;
}
