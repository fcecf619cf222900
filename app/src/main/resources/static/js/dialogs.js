// Native <dialog> elements, opened by buttons with data-dialog-open="dialog-id" and closed by
// buttons with data-dialog-close. A dialog's submit button with data-confirm-input="input-id"
// stays disabled until that input holds one of the words listed in its data-confirm-expect
// (separated by |), e.g. the instance id or its name before a terminate. A checkbox with
// data-confirm-required must be ticked too.
export function installDialogs() {
  document.addEventListener('click', (event) => {
    const opener = event.target.closest('[data-dialog-open]');
    if (opener) {
      const dialog = document.getElementById(opener.dataset.dialogOpen);
      if (dialog && typeof dialog.showModal === 'function') {
        event.preventDefault();
        prepare(dialog, opener);
        dialog.showModal();
        // the first field the person can reach: not one inside a hidden warning (it cannot take
        // the focus, and the dialog would leave it on the close button)
        const first = [...dialog.querySelectorAll('[autofocus], textarea, input:not([type="hidden"]), select')]
          .find((field) => !field.disabled && !field.closest('[hidden]'));
        if (first) first.focus();
      }
      return;
    }
    const closer = event.target.closest('[data-dialog-close]');
    if (closer) {
      const dialog = closer.closest('dialog');
      if (dialog) {
        event.preventDefault();
        dialog.close();
      }
    }
  });
  // Polling must not replace a dialog the person is filling in.
  document.addEventListener('htmx:beforeRequest', (event) => {
    if (event.detail.requestConfig && event.detail.requestConfig.verb === 'get'
        && document.querySelector('dialog[open]')) {
      event.preventDefault();
    }
  });
  // forms on the page itself (not in a dialog) start gated too, e.g. the bulk result's retry
  document.querySelectorAll('form').forEach((form) => { if (!form.closest('dialog')) refreshConfirm(form); });
  // a dialog the server sends back (its action was refused) opens again, with what was typed
  const reopen = document.querySelector('dialog[data-open-on-load]');
  if (reopen && typeof reopen.showModal === 'function') {
    reopen.showModal();
    refreshConfirm(reopen.querySelector('form'));
    const reason = reopen.querySelector('textarea');
    if (reason) reason.focus();
  }
  document.addEventListener('input', (event) => refreshConfirm(event.target.closest('form')));
  document.addEventListener('change', (event) => refreshConfirm(event.target.closest('form')));
}

// A bulk dialog lists the rows selected when it opens and posts their ids.
function prepare(dialog, opener) {
  const form = dialog.querySelector('form');
  if (!form) return;
  if (opener.dataset.bulk !== undefined) {
    const selected = [...document.querySelectorAll('input.js-select-row:checked')];
    const list = dialog.querySelector('.js-target-list');
    const ids = dialog.querySelector('.js-target-ids');
    if (ids) {
      ids.replaceChildren(...selected.map((box) => {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'instanceIds';
        input.value = box.value;
        return input;
      }));
    }
    if (list) {
      list.replaceChildren(...selected.map((box) => {
        const item = document.createElement('li');
        const code = document.createElement('code');
        code.textContent = box.value;
        item.append(code);
        if (box.dataset.name) item.append(document.createTextNode(' ' + box.dataset.name));
        return item;
      }));
    }
    const count = dialog.querySelector('.js-target-count');
    if (count) count.textContent = String(selected.length);
    const noun = dialog.querySelector('.js-target-noun');
    if (noun) noun.textContent = selected.length === 1 ? 'instance' : 'instances';
    const warning = dialog.querySelector('.js-bulk-warning');
    if (warning) {
      warning.hidden = !selected.some((box) => box.dataset.asg || box.dataset.protected);
    }
  }
  form.reset();
  refreshConfirm(form);
}

function refreshConfirm(form) {
  if (!form) return;
  const submit = form.querySelector('[data-confirm-input], [data-confirm-gated]');
  if (!submit) return;
  let ok = true;
  if (submit.dataset.confirmInput) {
    const input = document.getElementById(submit.dataset.confirmInput);
    const expected = (submit.dataset.confirmExpect || '').split('|').filter(Boolean);
    ok = !!input && expected.includes(input.value.trim());
  }
  for (const box of form.querySelectorAll('input[data-confirm-required]')) {
    // a confirmation inside a hidden warning is not asked for
    if (!box.closest('[hidden]')) ok = ok && box.checked;
  }
  submit.disabled = !ok;
}
