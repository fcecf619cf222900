// On a phone the main navigation folds behind the Menu button; the page works without script
// (the navigation then simply stays open), so the folding starts only once this runs.
export function installMenu() {
  document.documentElement.classList.add('has-js');
  document.addEventListener('click', (event) => {
    const toggle = event.target.closest('button.js-menu-toggle');
    if (!toggle) return;
    const nav = document.getElementById(toggle.getAttribute('aria-controls'));
    if (!nav) return;
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('is-open', open);
    if (open) {
      const first = nav.querySelector('a');
      if (first) first.focus();
    }
  });
}
