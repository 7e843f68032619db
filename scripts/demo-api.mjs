#!/usr/bin/env node
// A tiny local service that the journeys of examples/synthetic.yaml pass against, so the runner,
// the CLI and the editor's Test Explorer can be tried offline:
//   node scripts/demo-api.mjs            (listens on 127.0.0.1:8787; PORT=... to change)
//   API_TOKEN=demo SYNTHETIC_USER=me@example.com SYNTHETIC_PASS=demo \
//     ./bin/release-safety run examples/synthetic.yaml
// When API_TOKEN / SYNTHETIC_PASS are set here too, the service checks them, so a wrong secret fails.
// GET /shop has a Buy button whose click POSTs /api/orders from the page: the journey of
// examples/mistakes/buy-button.yaml clicks it without declaring side effects, and the runner blocks
// the order before it leaves the browser. GET /api/orders says how many orders really arrived.
// Loopback only; state is in memory and gone when it stops (Ctrl+C).
import http from 'node:http';

const port = Number(process.env.PORT ?? 8787);
const carts = new Map();
let nextCart = 1000;
let orders = 0;

const page = (title, body) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
const LOGIN = page(
  'Sign in',
  `<h1>Sign in</h1>
<form method="post" action="/session">
  <label>Email <input id="email" name="email" type="email"></label>
  <label>Password <input id="password" name="password" type="password"></label>
  <button id="submit" type="submit">Sign in</button>
</form>`,
);
const SHOP = page(
  'Shop',
  `<h1>Test product</h1><button id="buy">Buy</button><p id="status">not ordered</p>
<script>
document.getElementById('buy').addEventListener('click', () => {
  fetch('/api/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'TEST-SKU-1', qty: 1 }) })
    .then((r) => { document.getElementById('status').textContent = r.ok ? 'ordered' : 'order refused'; })
    .catch(() => { document.getElementById('status').textContent = 'order failed'; });
});
</script>`,
);
const DASHBOARD = (email) =>
  page('Dashboard', `<main id="dashboard"><h1>Dashboard</h1><p>Signed in as ${escapeHtml(email)}</p></main>`);

function escapeHtml(s) {
  return String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res, status, body, type = 'application/json') {
  const text = type === 'application/json' ? JSON.stringify(body) : body;
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' }).end(text);
}

function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c) => {
      data += c;
      if (data.length > 1e6) req.destroy(); // a demo has no business with large bodies
    });
    req.on('end', () => resolve(data));
  });
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const route = `${req.method} ${url.pathname}`;
  try {
    if (route === 'GET /api/health') return send(res, 200, { status: 'ok', version: '1.0.0' });
    if (route === 'POST /api/cart') {
      const token = process.env.API_TOKEN;
      if (token && req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: 'bad token' });
      const body = JSON.parse((await readBody(req)) || '{}');
      const id = nextCart++;
      carts.set(String(id), { id, items: [{ sku: body.sku, qty: body.qty ?? 1 }] });
      return send(res, 201, carts.get(String(id)));
    }
    const cart = /^\/api\/cart\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && cart) {
      const found = carts.get(cart[1]);
      return found ? send(res, 200, found) : send(res, 404, { error: 'no such cart' });
    }
    if (route === 'GET /shop') return send(res, 200, SHOP, 'text/html');
    if (route === 'POST /api/orders') return send(res, 201, { id: ++orders });
    if (route === 'GET /api/orders') return send(res, 200, { count: orders });
    if (route === 'GET /login') return send(res, 200, LOGIN, 'text/html');
    if (route === 'POST /session') {
      const form = new URLSearchParams(await readBody(req));
      const pass = process.env.SYNTHETIC_PASS;
      if (pass && form.get('password') !== pass) {
        res.writeHead(303, { location: '/login?error=1' }).end();
        return;
      }
      res.writeHead(303, { location: `/dashboard?email=${encodeURIComponent(form.get('email') ?? '')}` }).end();
      return;
    }
    if (route === 'GET /dashboard') return send(res, 200, DASHBOARD(url.searchParams.get('email') ?? ''), 'text/html');
    if (route === 'GET /') return send(res, 200, page('Demo', '<a href="/login">Sign in</a>'), 'text/html');
    send(res, 404, { error: `no route ${route}` });
  } catch (e) {
    send(res, 400, { error: String(e?.message ?? e) });
  }
});

server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  // The first line is machine-readable so tests and scripts can find the port (PORT=0 picks one).
  console.log(`demo-api listening on http://127.0.0.1:${address.port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
