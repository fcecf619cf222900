// A table wider than its box scrolls sideways; a person on a keyboard must be able to reach and
// scroll it too. Every .table-wrap that actually scrolls becomes a focusable region named after
// its panel's heading; one that fits is left alone (no extra Tab stop). Checked again when the
// window changes size and when htmx swaps content in.
export function installScrollRegions() {
  mark(document);
  let pending = null;
  window.addEventListener('resize', () => {
    clearTimeout(pending);
    pending = setTimeout(() => mark(document), 150);
  });
}

export function mark(root) {
  const wraps = root.querySelectorAll ? root.querySelectorAll('.table-wrap, .matrix-wrap') : [];
  for (const wrap of wraps) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1 || wrap.scrollHeight > wrap.clientHeight + 1;
    if (wrap.dataset.scrollRegion === 'own') continue; // the page made it a region itself
    if (scrolls && !wrap.hasAttribute('tabindex')) {
      wrap.setAttribute('tabindex', '0');
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', label(wrap));
      wrap.dataset.scrollRegion = 'marked';
    } else if (!scrolls && wrap.dataset.scrollRegion === 'marked') {
      wrap.removeAttribute('tabindex');
      wrap.removeAttribute('role');
      wrap.removeAttribute('aria-label');
      delete wrap.dataset.scrollRegion;
    }
  }
}

function label(wrap) {
  const panel = wrap.closest('section, .panel, main');
  const heading = panel ? panel.querySelector('h1, h2, h3') : null;
  const name = heading ? heading.textContent.trim().replace(/\s+/g, ' ') : 'Table';
  return name + ' (scrollable table)';
}
