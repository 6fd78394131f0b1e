'use strict';
// Explore: the collection as a 2-D map (PCA or t-SNE), thumbnails on hover, clusters of the embeddings, outliers,
// dragging a rectangle to choose images and tag them, and a similarity matrix for a chosen set.
(() => {
  const { el, get, post, thumbnail, toast } = Lookalike;
  const svgNs = 'http://www.w3.org/2000/svg';
  const colours = ['#4f7cff', '#ff9f43', '#2ecc71', '#e74c3c', '#9b59b6', '#1abc9c', '#f1c40f', '#e67e22', '#34495e', '#ff6bcb'];
  let root = null, selected = new Set(), method = 'pca';

  async function show(section, params) {
    root = section;
    selected = new Set();
    if (params && params.get('method')) method = params.get('method');
    const data = await get(`/api/explore/map?method=${encodeURIComponent(method)}`);
    const width = 900, height = 560, pad = 24;
    const xs = data.points.map(p => p.x), ys = data.points.map(p => p.y);
    const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const sx = x => pad + (maxX > minX ? (x - minX) / (maxX - minX) : 0.5) * (width - 2 * pad);
    const sy = y => pad + (maxY > minY ? (y - minY) / (maxY - minY) : 0.5) * (height - 2 * pad);
    const svg = document.createElementNS(svgNs, 'svg');
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    svg.setAttribute('class', 'map');
    svg.setAttribute('id', 'map');
    const hover = el('img', { class: 'hover hidden', alt: '' });
    const count = el('span', { id: 'chosen-count' }, '0 chosen');
    const dots = new Map();
    const refresh = () => {
      for (const [id, dot] of dots) dot.classList.toggle('chosen', selected.has(id));
      count.textContent = `${selected.size} chosen`;
    };
    let dragged = false;
    for (const point of data.points) {
      const dot = document.createElementNS(svgNs, 'circle');
      dot.setAttribute('cx', sx(point.x));
      dot.setAttribute('cy', sy(point.y));
      dot.setAttribute('r', 6);
      dot.setAttribute('fill', colours[point.cluster % colours.length]);
      dot.setAttribute('data-id', point.image.id);
      const title = document.createElementNS(svgNs, 'title');
      title.textContent = `${point.image.name} (cluster ${point.cluster + 1}, outlier ${point.outlier.toFixed(3)})`;
      dot.append(title);
      dot.addEventListener('mouseenter', event => {
        hover.src = thumbnail(point.image.id);
        hover.style.left = `${event.offsetX + 16}px`;
        hover.style.top = `${event.offsetY + 16}px`;
        hover.classList.remove('hidden');
      });
      dot.addEventListener('mouseleave', () => hover.classList.add('hidden'));
      dot.addEventListener('click', () => {
        if (dragged) return; // the end of a rectangle drag, not a click
        if (selected.has(point.image.id)) selected.delete(point.image.id); else selected.add(point.image.id);
        refresh();
      });
      dots.set(point.image.id, dot);
      svg.append(dot);
    }
    chooseByDragging(svg, dots, () => { dragged = true; }, ids => {
      for (const id of ids) selected.add(id);
      refresh();
      setTimeout(() => { dragged = false; }, 0);
    });

    const tagName = el('input', { id: 'tag-name', type: 'text', placeholder: 'tag', maxlength: '200' });
    const tagResult = el('span', { id: 'tag-result' });
    const tag = async () => {
      if (selected.size === 0) { toast('Choose images first: drag a rectangle on the map or click dots.', 'warn'); return; }
      try {
        const result = await post('/api/tags/add', { ids: [...selected], tag: tagName.value });
        tagResult.textContent = `Tagged ${result.tagged} image(s) '${result.tag}'${result.already ? `, ${result.already} already had it` : ''}.`;
      } catch (error) {
        toast(error.message, 'error');
      }
    };
    const byId = new Map(data.points.map(p => [p.image.id, p]));
    const clusters = {};
    for (const point of data.points) (clusters[point.cluster] ||= []).push(point.image);
    const methodButton = (name, label) => el('button', {
      id: `method-${name}`, class: name === data.method ? 'active' : undefined,
      onclick: () => { method = name; show(root).catch(e => toast(e.message, 'error')); },
    }, label);
    root.replaceChildren(
      el('p', { class: 'summary' }, `${data.points.length} images, ${data.source}. Hover a dot for its picture; click dots or drag a rectangle to choose them.`),
      el('div', { class: 'toolbar' }, 'Projection:', methodButton('pca', 'PCA'), methodButton('tsne', 't-SNE')),
      el('div', { class: 'map-wrap' }, svg, hover),
      el('div', { class: 'toolbar' }, count,
        el('button', { id: 'matrix-button', onclick: matrix }, 'Similarity matrix of the chosen'),
        tagName, el('button', { id: 'tag-button', onclick: tag }, 'Tag the chosen'), tagResult,
        el('button', { id: 'clear-button', onclick: () => { selected.clear(); refresh(); } }, 'Clear')),
      el('div', { id: 'matrix' }),
      el('h3', {}, `Outliers (1 − cosine to the ${data.outlierNeighbour}th nearest image)`),
      el('div', { id: 'outliers', class: 'cluster-images' }, data.outliers.map(id => byId.get(id)).map(p => el('figure', { class: 'outlier' },
        el('img', { src: thumbnail(p.image.id), alt: p.image.name, title: p.image.name, loading: 'lazy', width: '64', height: '64' }),
        el('figcaption', {}, p.outlier.toFixed(3))))),
      el('h3', {}, `Clusters (${data.clusters})`),
      el('div', { class: 'clusters' }, Object.entries(clusters).map(([c, images]) => el('div', { class: 'cluster' },
        el('h4', { style: { color: colours[c % colours.length] } }, `Cluster ${Number(c) + 1} · ${images.length}`),
        el('div', { class: 'cluster-images' }, images.slice(0, 24).map(image =>
          el('img', { src: thumbnail(image.id), alt: image.name, title: image.name, loading: 'lazy', width: '64', height: '64' })))))));
  }

  // A rectangle dragged on the map chooses every dot inside it (added to those already chosen).
  function chooseByDragging(svg, dots, onStart, onChosen) {
    const box = document.createElementNS(svgNs, 'rect');
    box.setAttribute('class', 'drag-box hidden');
    svg.append(box);
    const at = event => {
      const point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      return point.matrixTransform(svg.getScreenCTM().inverse());
    };
    let start = null, moved = false;
    const bounds = end => ({ x: Math.min(start.x, end.x), y: Math.min(start.y, end.y), w: Math.abs(end.x - start.x), h: Math.abs(end.y - start.y) });
    svg.addEventListener('pointerdown', event => { start = at(event); moved = false; });
    svg.addEventListener('pointermove', event => {
      if (!start) return;
      const b = bounds(at(event));
      if (!moved && b.w + b.h < 6) return; // a click, not a drag
      if (!moved) { moved = true; onStart(); svg.setPointerCapture(event.pointerId); }
      box.setAttribute('x', b.x); box.setAttribute('y', b.y); box.setAttribute('width', b.w); box.setAttribute('height', b.h);
      box.classList.remove('hidden');
    });
    svg.addEventListener('pointerup', event => {
      if (!start) return;
      const b = bounds(at(event));
      start = null;
      box.classList.add('hidden');
      if (!moved) return;
      const inside = [...dots].filter(([, dot]) => {
        const x = Number(dot.getAttribute('cx')), y = Number(dot.getAttribute('cy'));
        return x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h;
      }).map(([id]) => id);
      onChosen(inside);
    });
  }

  async function matrix() {
    const target = root.querySelector('#matrix');
    if (selected.size < 2) { toast('Choose at least two dots on the map.', 'warn'); return; }
    try {
      const data = await get(`/api/explore/matrix?ids=${[...selected].join(',')}`);
      const head = el('tr', {}, el('th', {}), data.images.map(i => el('th', {}, el('img', { src: thumbnail(i.id), alt: i.name, title: i.name, width: '48', height: '48' }))));
      // Shaded from the lowest to the highest cosine shown: a model's cosines can all sit within a few hundredths.
      const values = data.cosines.flat(), low = Math.min(...values), high = Math.max(...values);
      const shade = c => (high > low ? (c - low) / (high - low) : 1).toFixed(2);
      const rows = data.images.map((image, r) => el('tr', {},
        el('th', {}, el('img', { src: thumbnail(image.id), alt: image.name, title: image.name, width: '48', height: '48' })),
        data.cosines[r].map(c => el('td', { style: { background: `rgba(79,124,255,${shade(c)})` } }, c.toFixed(2)))));
      target.replaceChildren(el('table', { class: 'matrix' }, el('thead', {}, head), el('tbody', {}, rows)));
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  Lookalike.register('explore', { show: (section, params) => show(section, params).catch(e => toast(e.message, 'error')) });
})();
