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

// A bulk dialog sorts the rows selected when it opens: those the action applies to are listed and
// posted; those EC2 would refuse (a state the action does not apply to, stop or termination
// protection as the table last read it) are named with the reason and left out, before the person
// types anything; members of an Auto Scaling group are named beside the acknowledgement.
function prepare(dialog, opener) {
  const form = dialog.querySelector('form');
  if (!form) return;
  if (opener.dataset.bulk !== undefined) {
    const action = dialog.dataset.bulkAction;
    const appliesTo = (dialog.dataset.appliesTo || '').split(' ');
    const selected = [...document.querySelectorAll('input.js-select-row:checked')];
    const targets = [];
    const skipped = [];
    for (const box of selected) {
      const reason = refusal(box, action, appliesTo, dialog.dataset.past);
      if (reason) skipped.push({ box, reason }); else targets.push(box);
    }
    const ids = dialog.querySelector('.js-target-ids');
    if (ids) {
      ids.replaceChildren(...targets.map((box) => {
        const input = document.createElement('input');
        input.type = 'hidden';
        input.name = 'instanceIds';
        input.value = box.value;
        return input;
      }));
    }
    const list = dialog.querySelector('.js-target-list');
    if (list) {
      list.replaceChildren(...targets.map((box) => named(box)));
      list.hidden = targets.length === 0;
    }
    const none = dialog.querySelector('.js-target-none');
    if (none) none.hidden = targets.length > 0;
    const skippedBox = dialog.querySelector('.js-skipped');
    if (skippedBox) {
      skippedBox.hidden = skipped.length === 0;
      skippedBox.querySelector('.js-skipped-count').textContent = String(skipped.length);
      skippedBox.querySelector('.js-skipped-list').replaceChildren(...skipped.map(({ box, reason }) => {
        const item = named(box);
        item.dataset.instance = box.value;
        item.append(document.createTextNode(': ' + reason));
        return item;
      }));
    }
    const count = dialog.querySelector('.js-target-count');
    if (count) count.textContent = String(targets.length);
    const noun = dialog.querySelector('.js-target-noun');
    if (noun) noun.textContent = targets.length === 1 ? 'instance' : 'instances';
    const members = (action === 'stop' || action === 'terminate') ? targets.filter((box) => box.dataset.asg) : [];
    const warning = dialog.querySelector('.js-bulk-warning');
    if (warning) {
      warning.hidden = members.length === 0;
      const asgList = warning.querySelector('.js-asg-list');
      if (asgList) {
        asgList.replaceChildren(...members.map((box) => {
          const item = named(box);
          item.append(document.createTextNode(' in ' + box.dataset.asg));
          return item;
        }));
      }
    }
  }
  form.reset();
  refreshConfirm(form);
}

// Why EC2 would refuse the action for the row's instance, or null.
function refusal(box, action, appliesTo, past) {
  const row = box.closest('tr');
  const state = row ? row.dataset.state : undefined;
  if (state && !appliesTo.includes(state)) {
    return 'it is ' + state + (appliesTo.length === 1 ? ' (only ' + appliesTo[0] + ' instances can be ' + past + ')' : '');
  }
  if (row && action === 'stop' && row.dataset.stopProtected === 'true') return 'stop protection is on';
  if (row && action === 'terminate' && row.dataset.terminationProtected === 'true') return 'termination protection is on';
  return null;
}

function named(box) {
  const item = document.createElement('li');
  const code = document.createElement('code');
  code.textContent = box.value;
  item.append(code);
  if (box.dataset.name) item.append(document.createTextNode(' ' + box.dataset.name));
  return item;
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
  // a bulk dialog with nothing left to act on sends nothing
  const ids = form.querySelector('.js-target-ids');
  if (ids && ids.children.length === 0) ok = false;
  for (const box of form.querySelectorAll('input[data-confirm-required]')) {
    // a confirmation inside a hidden warning is not asked for
    if (!box.closest('[hidden]')) ok = ok && box.checked;
  }
  submit.disabled = !ok;
}
