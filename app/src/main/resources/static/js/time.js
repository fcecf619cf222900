// Shows every <time class="js-local-time" datetime="…Z"> in the viewer's time zone; the UTC
// time stays in the title, so hovering shows it. One format everywhere, yyyy-mm-dd hh:mm:ss,
// the one the audit log's time filters take, whatever the browser's locale.
const parts = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

export function formatLocal(instant) {
  const p = Object.fromEntries(parts.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

export function viewerZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
}

export function localiseTimes(root) {
  const scope = root && root.querySelectorAll ? root : document;
  const times = scope.matches && scope.matches('time.js-local-time')
    ? [scope] : scope.querySelectorAll('time.js-local-time');
  for (const time of times) {
    const instant = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(instant.getTime())) {
      time.textContent = formatLocal(instant);
      time.classList.add('is-localised');
    }
  }
  for (const zone of document.querySelectorAll('.js-viewer-zone')) {
    zone.textContent = viewerZone();
  }
  // Filter forms send the viewer's zone so that typed local times mean what the viewer meant.
  for (const input of document.querySelectorAll('input.js-zone')) {
    if (!input.value) input.value = viewerZone();
  }
}
