// Copy buttons: a button with data-copy-target="element-id" (or data-copy="text") puts that
// text on the clipboard and says so on the button for a moment, and to screen readers.
export function installCopy() {
  document.addEventListener('click', async (event) => {
    const button = event.target.closest('button.js-copy');
    if (!button) return;
    const target = button.dataset.copyTarget ? document.getElementById(button.dataset.copyTarget) : null;
    const text = button.dataset.copy || (target ? target.textContent : '');
    if (!text || !navigator.clipboard) return;
    try {
      await navigator.clipboard.writeText(text.trim());
      // a text button says so on itself; an icon button through its state
      if (button.classList.contains('copy-btn')) {
        button.classList.add('copy-btn--done');
        setTimeout(() => button.classList.remove('copy-btn--done'), 1500);
      } else {
        const label = button.textContent;
        button.textContent = 'Copied';
        setTimeout(() => { button.textContent = label; }, 1500);
      }
      announce('Copied to the clipboard');
    } catch (e) {
      announce('The browser did not allow copying; select the text instead');
    }
  });
}

// One polite live region for the whole page, made on first use.
export function announce(message) {
  let region = document.getElementById('live-announcer');
  if (!region) {
    region = document.createElement('div');
    region.id = 'live-announcer';
    region.className = 'visually-hidden';
    region.setAttribute('aria-live', 'polite');
    region.setAttribute('role', 'status');
    document.body.append(region);
  }
  region.textContent = '';
  setTimeout(() => { region.textContent = message; }, 30);
}
