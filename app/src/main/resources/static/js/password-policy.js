// Ticks the password rules as the person types; the server checks the same rules again.
(function () {
  'use strict';
  var SYMBOLS = '^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ';
  var rules = {
    length: function (p) { return Array.from(p).length >= 12; },
    upper: function (p) { return /[A-Z]/.test(p); },
    lower: function (p) { return /[a-z]/.test(p); },
    digit: function (p) { return /[0-9]/.test(p); },
    symbol: function (p) { return Array.from(p).some(function (c) { return SYMBOLS.indexOf(c) >= 0; }); }
  };
  function setup(box) {
    var input = document.getElementById(box.getAttribute('data-policy-for'));
    if (!input) { return; }
    var form = input.form;
    var confirm = form ? form.querySelector('[data-confirms="' + input.id + '"]') : null;
    var items = box.querySelectorAll('[data-rule]');
    items.forEach(function (item) { item.setAttribute('data-label', item.textContent); });
    function update() {
      var value = input.value;
      var allMet = true;
      items.forEach(function (item) {
        var name = item.getAttribute('data-rule');
        var met = name === 'match' ? (confirm !== null && value.length > 0 && confirm.value === value) : rules[name](value);
        if (name !== 'match') { allMet = allMet && met; }
        item.classList.toggle('is-met', met);
        item.textContent = (met ? '✓ ' : '○ ') + item.getAttribute('data-label');
        item.setAttribute('aria-label', item.getAttribute('data-label') + (met ? ': done' : ': not yet'));
      });
      input.setCustomValidity(allMet || value.length === 0 ? '' : 'The password does not meet every rule yet.');
      if (confirm) {
        confirm.setCustomValidity(confirm.value.length === 0 || confirm.value === value ? '' : 'The two passwords are not the same.');
      }
    }
    input.addEventListener('input', update);
    if (confirm) { confirm.addEventListener('input', update); }
    update();
  }
  function init() { document.querySelectorAll('[data-policy-for]').forEach(setup); }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', init); } else { init(); }
})();
