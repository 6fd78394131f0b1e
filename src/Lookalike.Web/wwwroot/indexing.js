'use strict';
// Index: start, follow and cancel indexing of the served folders; problems appear as they happen.
(() => {
  const { el, get, post, toast } = Lookalike;
  let root = null, timer = null, problems = [], wasRunning = false;

  async function show(section) {
    root = section;
    const status = await get('/api/status');
    root.replaceChildren(
      el('p', { class: 'summary' }, `Catalog ${status.catalog} · folders: ${status.folders.join(', ') || '(none)'} · model: ${status.model || 'none (hashes only)'}`),
      el('div', { class: 'toolbar' },
        el('button', { id: 'index-start', class: 'primary', onclick: start }, 'Index now'),
        el('button', { id: 'index-cancel', onclick: cancel }, 'Cancel')),
      el('div', { class: 'progress' }, el('div', { class: 'bar', id: 'index-bar' })),
      el('div', { id: 'index-numbers', class: 'numbers' }),
      el('h3', {}, 'Problems'),
      el('ul', { id: 'index-problems', class: 'problems' }));
    problems = [];
    poll();
  }

  async function start() {
    try { await post('/api/index/start'); problems = []; root.querySelector('#index-problems').replaceChildren(); poll(); }
    catch (error) { toast(error.message, 'error'); }
  }

  async function cancel() {
    try { await post('/api/index/cancel'); poll(); } catch (error) { toast(error.message, 'error'); }
  }

  async function poll() {
    clearTimeout(timer);
    const s = await get(`/api/index/status?since=${problems.length}`);
    problems.push(...s.problems);
    const badge = document.getElementById('indexing-badge');
    badge.textContent = s.running ? `Indexing ${s.done}/${s.total}` : '';
    badge.classList.toggle('hidden', !s.running);
    if (s.running) timer = setTimeout(poll, 500);
    else if (wasRunning && Lookalike.pages.review.reload) Lookalike.pages.review.reload();
    wasRunning = s.running;
    if (!root) return;
    const list = root.querySelector('#index-problems');
    if (list) for (const p of s.problems) list.append(el('li', {}, el('b', {}, p.path), `: ${p.reason}`));
    const bar = root.querySelector('#index-bar');
    if (bar) bar.style.width = `${s.total ? (100 * s.done / s.total).toFixed(1) : (s.running ? 0 : 100)}%`;
    const numbers = root.querySelector('#index-numbers');
    if (numbers) numbers.textContent = (s.running ? 'Indexing: ' : s.report ? (s.cancelled ? 'Cancelled: ' : 'Done: ') : 'Idle. ')
      + `${s.done} of ${s.total} files · ${s.filesPerSecond} files/s · ${s.seconds} s elapsed`
      + (s.secondsLeft !== null ? ` · about ${Math.ceil(s.secondsLeft)} s left` : '')
      + ` · ${s.problemCount} problem(s)`
      + (s.report ? ` · ${s.report.fingerprinted} fingerprinted, ${s.report.recognised} recognised, ${s.report.unchanged} unchanged, ${s.report.removed} removed` : '')
      + (s.failure ? ` · failed: ${s.failure}` : '');
  }

  // Follows a run started with the server (or elsewhere) from any page, for the header badge.
  poll().catch(() => {});
  Lookalike.register('index', { show: section => show(section).catch(e => toast(e.message, 'error')) });
})();
