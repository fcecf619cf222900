// Starts Swagger UI on the /api page over this server's OpenAPI document. Requests made with
// "Try it out" carry the Bearer token typed into Authorize; the console's own session cookie is
// not sent along (credentials: 'omit'), so that the page shows what an API client would get.
function start() {
  const root = document.getElementById('swagger-ui');
  if (!root || typeof window.SwaggerUIBundle !== 'function') return;
  root.replaceChildren();
  window.SwaggerUIBundle({
    url: root.dataset.openapi,
    domNode: root,
    // deep links put a link inside each operation's toggle button (nested interactive controls)
    deepLinking: false,
    docExpansion: 'list',
    defaultModelsExpandDepth: 1,
    defaultModelExpandDepth: 2,
    displayRequestDuration: true,
    tryItOutEnabled: false,
    persistAuthorization: false,
    requestInterceptor: (request) => {
      request.credentials = 'omit';
      return request;
    },
  });
}

// the bundle is a classic deferred script; modules run after deferred scripts, but be safe
if (typeof window.SwaggerUIBundle === 'function') {
  start();
} else {
  window.addEventListener('load', start);
}
