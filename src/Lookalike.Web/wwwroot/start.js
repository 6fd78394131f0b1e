'use strict';
window.addEventListener('hashchange', Lookalike.route);
document.addEventListener('keydown', event => {
  if (event.key === 'Escape' && Lookalike.overlayOpen()) Lookalike.closeOverlay();
});
document.getElementById('overlay').addEventListener('click', event => { if (event.target.id === 'overlay') Lookalike.closeOverlay(); });
Lookalike.route();
