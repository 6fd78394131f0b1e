'use strict';
// Shared helpers: the API (every POST carries the page's anti-forgery header), elements, formatting, toasts, routing.
const Lookalike = (() => {
  const antiForgery = document.querySelector('meta[name="lookalike-antiforgery"]').content;
  const pages = {};

  async function request(method, url, body) {
    const options = { method, headers: {} };
    if (method !== 'GET') options.headers['X-Lookalike-Csrf'] = antiForgery;
    if (body instanceof FormData) options.body = body;
    else if (body !== undefined) { options.headers['Content-Type'] = 'application/json'; options.body = JSON.stringify(body); }
    const response = await fetch(url, options);
    const text = await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch { data = { error: text }; }
    if (!response.ok) {
      const error = new Error((data && (data.error || data.detail)) || `${response.status} ${response.statusText}`);
      error.status = response.status;
      throw error;
    }
    return data;
  }

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === undefined || value === null || value === false) continue;
      if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else if (key === 'class') node.className = value;
      else if (key === 'style') Object.assign(node.style, value); // CSSOM, which the page's CSP allows (style attributes it does not)
      else node.setAttribute(key, value === true ? '' : value);
    }
    for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) node.append(child);
    return node;
  }

  function size(bytes) {
    const units = ['B', 'KB', 'MB', 'GB'];
    let i = 0;
    while (bytes >= 1024 && i < units.length - 1) { bytes /= 1024; i++; }
    return `${bytes.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
  }

  const date = value => value ? value.slice(0, 10) : '';
  const thumbnail = id => `/api/images/${id}/thumbnail`;
  const preview = id => `/api/images/${id}/preview`;

  function toast(message, kind = 'info', details = []) {
    const box = el('div', { class: `toast ${kind}` }, el('div', {}, message), details.length ? el('ul', {}, details.slice(0, 6).map(d => el('li', {}, d))) : null);
    document.getElementById('toasts').append(box);
    setTimeout(() => box.remove(), kind === 'error' || details.length ? 9000 : 4000);
  }

  function overlay(content) {
    const root = document.getElementById('overlay');
    root.replaceChildren(el('div', { class: 'overlay-box' },
      el('button', { class: 'close', title: 'Close (Esc)', onclick: closeOverlay }, '×'), content));
    root.classList.remove('hidden');
  }
  function closeOverlay() { document.getElementById('overlay').classList.add('hidden'); }
  const overlayOpen = () => !document.getElementById('overlay').classList.contains('hidden');

  function register(name, page) { pages[name] = page; }

  function route() {
    const [name, query] = (location.hash.slice(1) || 'review').split('?');
    const params = new URLSearchParams(query || '');
    for (const link of document.querySelectorAll('nav a')) link.classList.toggle('active', link.dataset.page === name);
    for (const section of document.querySelectorAll('.page')) section.classList.toggle('hidden', section.id !== `page-${name}`);
    const page = pages[name] || pages.review;
    page.show(document.getElementById(`page-${name}`) || document.getElementById('page-review'), params);
  }

  return { request, get: url => request('GET', url), post: (url, body) => request('POST', url, body ?? {}), el, size, date,
    thumbnail, preview, toast, overlay, closeOverlay, overlayOpen, register, route, pages };
})();

// A pair side by side with where they differ (aligned on the server), used by the review and search pages.
function showPair(a, b) {
  const { el, preview, size, date } = Lookalike;
  const caption = image => el('figcaption', {}, el('b', {}, image.name), ` ${image.width}×${image.height} · ${size(image.size)} · ${image.format} · ${date(image.date)}`);
  Lookalike.overlay(el('div', { class: 'pair' },
    el('div', { class: 'pair-row' },
      el('figure', {}, el('img', { src: preview(a.id), alt: a.name }), caption(a)),
      el('figure', {}, el('img', { src: preview(b.id), alt: b.name }), caption(b))),
    el('figure', { class: 'difference' },
      el('img', { src: `/api/difference/${a.id}/${b.id}`, alt: 'difference' }),
      el('figcaption', {}, 'Difference after aligning the second onto the first: red where they differ, blue where only the first has picture.')),
    el('p', {}, el('a', { href: `#compare?a=${a.id}&b=${b.id}`, onclick: Lookalike.closeOverlay }, 'Compare every fingerprint →'))));
}
