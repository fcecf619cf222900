// An instance page refreshes its summary while the instance is in transition (htmx polling).
// When the state it shows changes, this says so through the page's live region, so that a
// person using a screen reader learns that "stopping" became "stopped" without looking.
import { announce } from './copy.js';

export function installStateAnnouncements() {
  let last = currentState();
  document.addEventListener('htmx:afterSettle', () => {
    const now = currentState();
    if (now && last && now !== last) {
      const summary = document.getElementById('instance-summary');
      const name = summary ? summary.dataset.name : '';
      announce((name ? name + ' is now ' : 'The instance is now ') + now);
    }
    last = now || last;
  });
}

function currentState() {
  const summary = document.getElementById('instance-summary');
  return summary ? summary.dataset.state : null;
}
