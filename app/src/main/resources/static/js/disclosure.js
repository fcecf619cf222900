// Rows that open: a button with aria-controls="row-id" shows or hides that row and says so
// through aria-expanded.
export function installDisclosure() {
  document.addEventListener('click', (event) => {
    const toggle = event.target.closest('button.js-disclosure');
    if (!toggle) return;
    const panel = document.getElementById(toggle.getAttribute('aria-controls'));
    if (!panel) return;
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
    const row = toggle.closest('tr');
    if (row) row.classList.toggle('is-open', open);
  });
}
