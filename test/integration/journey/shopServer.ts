/**
 * A tiny shop on 127.0.0.1 (port 0) that counts what it is asked to do: a page with a *Buy*
 * button whose click POSTs /api/orders from the page (with the page's query, so a token in it
 * travels along), variants that send the POST late or as a
 * method-override GET, a sign-in form, and an API where `X-HTTP-Method-Override: DELETE` or
 * `_method=DELETE` deletes an order (as many frameworks do). Tests read `orders` and `deleted`.
 */
import { startHttp, json, type TestServer } from './servers';

export interface Shop extends TestServer {
  /** Orders placed (POST /api/orders that reached the server). */
  orders: number;
  /** Orders deleted, by any spelling of DELETE. */
  deleted: number;
}

const html = (body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title></head><body>${body}</body></html>`;

/** The buy button; `delayMs` sends the order later than the click (a handler that awaits something first). */
const buyPage = (delayMs: number) =>
  html(`<h1>Test product</h1><button id="buy">Buy</button><p id="status">ready</p>
<script>
document.getElementById('buy').addEventListener('click', () => {
  const send = () => fetch('/api/orders' + location.search, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'TEST-SKU-1' }) })
    .then((r) => { document.getElementById('status').textContent = r.ok ? 'ordered' : 'refused'; })
    .catch(() => { document.getElementById('status').textContent = 'order failed'; });
  ${delayMs ? `setTimeout(send, ${delayMs});` : 'send();'}
});
</script>`);

/** A GET that asks the server to DELETE: the kind of write a method check alone misses. */
const cancelPage = html(`<button id="cancel">Cancel order</button><p id="status">ready</p>
<script>
document.getElementById('cancel').addEventListener('click', () => {
  fetch('/api/orders/42', { headers: { 'X-HTTP-Method-Override': 'DELETE' } })
    .then(() => { document.getElementById('status').textContent = 'cancelled'; })
    .catch(() => { document.getElementById('status').textContent = 'cancel failed'; });
});
</script>`);

const signInPage = html(
  `<form method="post" action="/session"><input id="email" name="email"><button id="submit" type="submit">Sign in</button></form>`,
);

export async function startShop(): Promise<Shop> {
  const counts = { orders: 0, deleted: 0 };
  const deletes = (req: { method?: string; headers: Record<string, unknown>; url?: string; body: string }) =>
    req.method === 'DELETE' ||
    String(req.headers['x-http-method-override'] ?? '').toUpperCase() === 'DELETE' ||
    new URL(req.url ?? '/', 'http://x').searchParams.get('_method')?.toUpperCase() === 'DELETE' ||
    new URLSearchParams(req.body).get('_method')?.toUpperCase() === 'DELETE';
  const server = await startHttp({
    'GET /shop': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(buyPage(0)),
    'GET /shop-late': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(buyPage(300)),
    'GET /orders': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(cancelPage),
    'GET /login': (_q, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(signInPage),
    'POST /session': (_q, res) => void res.writeHead(303, { location: '/welcome' }).end(),
    'GET /welcome': (_q, res) =>
      void res.writeHead(200, { 'content-type': 'text/html' }).end(html('<h1 id="welcome">Welcome</h1>')),
    'POST /api/orders': (_q, res) => {
      counts.orders++;
      json(res, 201, { id: counts.orders });
    },
    '/api/orders/42': (req, res) => {
      if (deletes(req)) {
        counts.deleted++;
        return json(res, 200, { deleted: 42 });
      }
      json(res, 200, { id: 42 });
    },
  });
  // Getters, so a test reads the count at the moment it asks.
  return Object.defineProperties(server, {
    orders: { get: () => counts.orders },
    deleted: { get: () => counts.deleted },
  }) as Shop;
}
