'use strict';
// Recyclic frontend stand-in: an HTML page showing the version, and /health.
const { VERSION, json, serve } = require('./common');

function page() {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Recyclic</title></head>
<body>
<h1>Recyclic</h1>
<p>Version : <span id="version">${VERSION}</span></p>
</body>
</html>
`;
}

serve('frontend', 4444, (req) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/health') return json(200, { status: 'ok', version: VERSION });
  if (pathname === '/' || pathname === '/index.html') {
    return { status: 200, type: 'text/html; charset=utf-8', body: page() };
  }
  return json(404, { detail: 'Not Found' });
});
