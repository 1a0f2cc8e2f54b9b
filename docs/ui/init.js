/* Renders /openapi.json (served by the same server) with the vendored Swagger UI. */
window.ui = SwaggerUIBundle({
  url: "../openapi.json",
  dom_id: "#reference",
  deepLinking: true,
  tryItOutEnabled: false,
  validatorUrl: null
});
