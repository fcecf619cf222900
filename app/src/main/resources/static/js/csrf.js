// htmx requests carry the CSRF token from the page's <meta> tags, as forms carry it in a
// hidden field.
export function installCsrf() {
  document.addEventListener('htmx:configRequest', (event) => {
    const header = document.querySelector('meta[name="csrf-header"]');
    const token = document.querySelector('meta[name="csrf-token"]');
    if (header && token && event.detail.verb !== 'get') {
      event.detail.headers[header.content] = token.content;
    }
  });
}
