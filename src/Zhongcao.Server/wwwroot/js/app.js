// The console shell: hash routing between the four pages, the language switch and the API key.
// Each page module exports mount(root) and may return a cleanup function (timers, pending requests).

import { h, replace } from './dom.js';
import { t, lang, setLang, onLangChange } from './i18n.js';
import { apiKey } from './api.js';
import * as studio from './pages/studio.js';
import * as feed from './pages/feed.js';
import * as moderation from './pages/moderation.js';
import * as dashboard from './pages/dashboard.js';

const PAGES = [
  { id: 'studio', module: studio },
  { id: 'feed', module: feed },
  { id: 'moderation', module: moderation },
  { id: 'dashboard', module: dashboard },
];

const main = document.getElementById('main');
let cleanup = null;

function current() {
  const id = location.hash.replace(/^#\/?/, '').split('?')[0];
  return PAGES.find((p) => p.id === id) ?? PAGES[0];
}

function renderNav() {
  const page = current();
  replace(
    document.getElementById('nav'),
    h('ul', {}, PAGES.map((p) => h('li', {}, h('a', { href: '#/' + p.id, 'aria-current': p === page ? 'page' : null }, t('nav.' + p.id))))),
  );
  document.getElementById('lang').textContent = lang() === 'zh' ? 'English' : '中文';
  document.getElementById('lang').setAttribute('aria-label', t('switchLanguage'));
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
  document.title = `${t('nav.' + page.id)} · ${t('brand')}`;
}

function route() {
  if (cleanup) cleanup();
  cleanup = null;
  renderNav();
  main.replaceChildren();
  const page = current();
  const root = h('div', { class: 'page', id: 'page-' + page.id });
  main.append(root);
  cleanup = page.module.mount(root) ?? null;
}

window.addEventListener('hashchange', () => {
  route();
  main.focus({ preventScroll: true }); // keyboard and screen-reader users land on the new page
});
document.getElementById('lang').addEventListener('click', () => setLang(lang() === 'zh' ? 'en' : 'zh'));
onLangChange(route);

const keyInput = document.getElementById('api-key');
keyInput.value = apiKey.get();
document.getElementById('api-key-save').addEventListener('click', () => {
  apiKey.set(keyInput.value.trim());
  document.getElementById('settings').open = false;
  route();
});

route();
