// Tiny DOM helpers. Every text goes through textContent (never innerHTML), so note titles, bodies and
// comments written by users can never inject markup into the console.

/** Creates an element: h('button', { class: 'x', onclick: f }, 'text', child, ...). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of an element. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** Debounces a function: runs it once, `ms` after the last call. */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

/** A labelled form field: the label is tied to the control by id for screen readers. */
export function field(id, labelText, control, hint) {
  control.id = id;
  const children = [h('label', { for: id }, labelText), control];
  if (hint) {
    const hintId = id + '-hint';
    control.setAttribute('aria-describedby', hintId);
    children.push(h('small', { id: hintId, class: 'hint' }, hint));
  }
  return h('div', { class: 'field' }, children);
}

/** Formats a fraction as a percentage with one decimal, or a dash when unknown. */
export function pct(x) {
  return x === null || x === undefined || Number.isNaN(x) ? '–' : (x * 100).toFixed(1) + '%';
}

/** Formats a count compactly (1.2k, 3.4M). */
export function num(x) {
  if (x === null || x === undefined) return '–';
  if (Math.abs(x) >= 1e6) return (x / 1e6).toFixed(1) + 'M';
  if (Math.abs(x) >= 1e4) return (x / 1e3).toFixed(1) + 'k';
  return String(Math.round(x * 100) / 100);
}

/** A status line announced to screen readers (role=status). */
export function status(kind, text) {
  return h('p', { class: 'status ' + kind, role: kind === 'error' ? 'alert' : 'status' }, text);
}
