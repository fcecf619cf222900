// Multi-select in a table: a header checkbox (.js-select-all) selects every row checkbox
// (.js-select-row); the bulk bar (.js-bulk-bar) shows how many are selected and its buttons
// are usable only while there is a selection.
export function installSelection() {
  document.addEventListener('change', (event) => {
    const target = event.target;
    if (target.matches('input.js-select-all')) {
      for (const box of document.querySelectorAll('input.js-select-row:not(:disabled)')) {
        box.checked = target.checked;
      }
    }
    if (target.matches('input.js-select-all, input.js-select-row')) {
      refresh();
    }
  });
  document.addEventListener('htmx:load', refresh);
  refresh();
}

function refresh() {
  const rows = [...document.querySelectorAll('input.js-select-row')];
  const selected = rows.filter((box) => box.checked);
  for (const box of rows) {
    const row = box.closest('tr');
    if (row) row.classList.toggle('is-selected', box.checked);
  }
  const all = document.querySelector('input.js-select-all');
  if (all) {
    all.checked = rows.length > 0 && selected.length === rows.filter((b) => !b.disabled).length;
    all.indeterminate = selected.length > 0 && !all.checked;
  }
  for (const bar of document.querySelectorAll('.js-bulk-bar')) {
    const count = bar.querySelector('.js-selected-count');
    if (count) count.textContent = String(selected.length);
    for (const button of bar.querySelectorAll('button[data-bulk]')) {
      button.disabled = selected.length === 0;
    }
  }
}
