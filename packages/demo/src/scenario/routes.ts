import { BASE_ERRORS, INCIDENTS, LATENCY, MAIL_API, PAYMENT_GATEWAY, type RouteKey } from './catalog.js';
import { internalWork, publishAndConsume, redisCommand, sqlQuery } from './data-ops.js';
import { externalCall, type HttpOutcome, httpCall, reasonPhrase, serverOp } from './http-ops.js';
import { type Draft, plannedException, type RequestBuilder } from './op-builder.js';
import type { PlannedOp } from './plan.js';

/** Per-request business values (ids, amounts) that show up in attributes and log bodies. */
interface Shopper {
  userId: string;
  sku: string;
  quantity: number;
}

const STOCK_QUERY = 'SELECT sku, quantity, warehouse_id FROM stock WHERE sku = $1';
/** The 1.4.1 regression: a case-insensitive lookup that cannot use the primary-key index. */
const STOCK_QUERY_REGRESSED = 'SELECT sku, quantity, warehouse_id FROM stock WHERE lower(sku) = lower($1)';

/** Plans one frontend request end to end; the returned op is the root SERVER span. */
export function planRoute(
  b: RequestBuilder,
  route: RouteKey,
): { method: string; route: string; root: PlannedOp } {
  const shopper: Shopper = {
    userId: `u-${b.rng.int(10_000, 99_999)}`,
    sku: `SKU-${b.rng.int(10_000, 10_499)}`,
    quantity: b.rng.weighted([
      [1, 70],
      [2, 20],
      [3, 10],
    ]),
  };
  const req = frontendRequest(route, shopper);
  const root = serverOp(b, 'frontend', 0, req, (fe) => {
    fe.op.attributes['user_agent.original'] = b.rng.pick(USER_AGENTS);
    fe.op.attributes['client.address'] = `203.0.113.${b.rng.int(2, 254)}`;
    const outcome = FRONTEND_HANDLERS[route](fe, shopper);
    fe.log(
      outcome.statusCode >= 500 ? 'error' : outcome.statusCode >= 400 ? 'warn' : 'info',
      `${req.method} ${req.path} ${outcome.statusCode} ${reasonPhrase(outcome.statusCode)} user=${shopper.userId}`,
      { 'http.response.status_code': outcome.statusCode, 'enduser.id': shopper.userId },
    );
    return outcome;
  });
  return { method: req.method, route: req.route, root };
}

const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148',
] as const;

function frontendRequest(route: RouteKey, s: Shopper): { method: string; route: string; path: string } {
  switch (route) {
    case 'home':
      return { method: 'GET', route: '/', path: '/' };
    case 'product':
      return { method: 'GET', route: '/products/{id}', path: `/products/${s.sku}` };
    case 'cart':
      return { method: 'GET', route: '/cart', path: '/cart' };
    case 'checkout':
      return { method: 'POST', route: '/checkout', path: '/checkout' };
    default:
      return { method: 'POST', route: '/login', path: '/login' };
  }
}

/** Maps a downstream status to what the frontend answers. */
function passThrough(code: number, okCode = 200): HttpOutcome {
  if (code >= 500) return { statusCode: 502 };
  if (code >= 400) return { statusCode: code };
  return { statusCode: okCode };
}

const FRONTEND_HANDLERS: Record<RouteKey, (fe: Draft, s: Shopper) => HttpOutcome> = {
  home(fe, s) {
    const user = getUser(fe, s);
    const featured = httpCall(
      fe,
      'inventory',
      { method: 'GET', route: '/inventory/featured', path: '/inventory/featured' },
      (inv) => {
        redisCommand(inv, 'GET', 'featured:home');
        if (inv.b.rng.chance(BASE_ERRORS.cacheMiss)) {
          sqlQuery(inv, {
            operation: 'SELECT',
            table: 'products',
            text: 'SELECT sku, title, price_cents FROM products WHERE featured = true ORDER BY rank LIMIT $1',
            latency: LATENCY.pgSelect,
          });
          redisCommand(inv, 'SET', 'featured:home');
        }
        return { statusCode: 200 };
      },
    );
    internalWork(fe, 'render home', LATENCY.render, { 'template.name': 'home.njk' });
    return passThrough(Math.max(user, featured));
  },

  product(fe, s) {
    const code = httpCall(
      fe,
      'inventory',
      { method: 'GET', route: '/inventory/{sku}', path: `/inventory/${s.sku}` },
      (inv) => stockLookup(inv, s, true),
    );
    if (code === 200) internalWork(fe, 'render product', LATENCY.render, { 'template.name': 'product.njk' });
    else if (code === 404)
      fe.log('warn', `product ${s.sku} not found, rendering 404 page`, { 'product.sku': s.sku });
    else
      fe.log('error', `could not load product ${s.sku}: inventory answered ${code}`, {
        'product.sku': s.sku,
      });
    return passThrough(code);
  },

  cart(fe, s) {
    const code = httpCall(fe, 'checkout-api', { method: 'GET', route: '/cart', path: '/cart' }, (co) => {
      redisCommand(co, 'GET', `cart:${s.userId}`);
      if (co.b.rng.chance(BASE_ERRORS.cacheMiss)) {
        sqlQuery(co, {
          operation: 'SELECT',
          table: 'cart_items',
          text: 'SELECT sku, quantity, added_at FROM cart_items WHERE user_id = $1',
          latency: LATENCY.pgSelect,
        });
      }
      return { statusCode: 200 };
    });
    internalWork(fe, 'render cart', LATENCY.render, { 'template.name': 'cart.njk' });
    return passThrough(code);
  },

  checkout(fe, s) {
    const code = httpCall(
      fe,
      'checkout-api',
      { method: 'POST', route: '/checkout', path: '/checkout' },
      (co) => checkout(co, s),
    );
    if (code >= 500) fe.log('error', `checkout failed for ${s.userId}: checkout-api answered ${code}`);
    return passThrough(code, 201);
  },

  login(fe, s) {
    const code = httpCall(
      fe,
      'user-service',
      { method: 'POST', route: '/sessions', path: '/sessions' },
      (us) => {
        sqlQuery(us, {
          operation: 'SELECT',
          table: 'users',
          text: 'SELECT id, password_hash, locked FROM users WHERE email = $1',
          latency: LATENCY.pgSelect,
        });
        internalWork(us, 'bcrypt.compare', LATENCY.passwordHash);
        if (us.b.rng.chance(BASE_ERRORS.loginRejected)) {
          us.log('warn', `login rejected for ${s.userId}: invalid credentials`, { 'enduser.id': s.userId });
          return { statusCode: 401 };
        }
        redisCommand(us, 'SET', `session:${us.b.rng.hex(12)}`);
        us.log('info', `user ${s.userId} logged in`, { 'enduser.id': s.userId });
        return { statusCode: 201 };
      },
    );
    return passThrough(code, 303);
  },
};

function getUser(caller: Draft, s: Shopper): number {
  return httpCall(
    caller,
    'user-service',
    { method: 'GET', route: '/users/{id}', path: `/users/${s.userId}` },
    (us) => {
      redisCommand(us, 'GET', `session:${s.userId}`);
      if (us.b.rng.chance(BASE_ERRORS.cacheMiss)) {
        sqlQuery(us, {
          operation: 'SELECT',
          table: 'users',
          text: 'SELECT id, email, display_name, tier FROM users WHERE id = $1',
          latency: LATENCY.pgSelect,
        });
        redisCommand(us, 'SET', `session:${s.userId}`);
      }
      return { statusCode: 200 };
    },
  );
}

/** Inventory's stock lookup: the query that regresses in the bad deployment. */
function stockLookup(inv: Draft, s: Shopper, mayMiss: boolean): HttpOutcome {
  const slow = inv.b.phase.inventorySlowQuery;
  const factor = slow ? inv.b.rng.uniform(INCIDENTS.slowQueryFactor.min, INCIDENTS.slowQueryFactor.max) : 1;
  const ms = sqlQuery(inv, {
    operation: 'SELECT',
    table: 'stock',
    text: slow ? STOCK_QUERY_REGRESSED : STOCK_QUERY,
    latency: LATENCY.pgSelect,
    factor,
  });
  if (ms > 15) {
    inv.log('warn', `slow query on stock took ${ms.toFixed(1)} ms (threshold 15 ms)`, {
      'db.collection.name': 'stock',
      'db.query.duration_ms': Math.round(ms * 10) / 10,
    });
  }
  if (mayMiss && inv.b.rng.chance(BASE_ERRORS.inventoryNotFound)) {
    inv.log('warn', `sku ${s.sku} not found in stock`, { 'product.sku': s.sku });
    return { statusCode: 404 };
  }
  return { statusCode: 200 };
}

function checkout(co: Draft, s: Shopper): HttpOutcome {
  const rng = co.b.rng;
  const orderId = `ord-${rng.hex(10)}`;
  const amountCents = rng.int(499, 24_999) * s.quantity;
  co.op.attributes['order.id'] = orderId;
  const user = getUser(co, s);
  if (user >= 400) return { statusCode: 502 };
  const reserve = { method: 'POST', route: '/inventory/reservations', path: '/inventory/reservations' };
  const reserved = httpCall(co, 'inventory', reserve, (inv) => {
    const lookup = stockLookup(inv, s, false);
    sqlQuery(inv, {
      operation: 'UPDATE',
      table: 'stock',
      text: 'UPDATE stock SET quantity = quantity - $2, reserved = reserved + $2 WHERE sku = $1',
      latency: LATENCY.pgWrite,
    });
    inv.log('info', `reserved ${s.quantity} x ${s.sku} for order ${orderId}`, { 'order.id': orderId });
    return lookup;
  });
  if (reserved >= 400) return { statusCode: reserved >= 500 ? 502 : 409 };

  const charge = { method: 'POST', route: '/payments', path: '/payments' };
  const paid = httpCall(co, 'payment', charge, (pay) => payment(pay, orderId, amountCents));
  if (paid >= 400) {
    co.log('error', `checkout of order ${orderId} failed: payment answered ${paid} ${reasonPhrase(paid)}`, {
      'order.id': orderId,
      'http.response.status_code': paid,
    });
    const release = {
      method: 'DELETE',
      route: '/inventory/reservations/{id}',
      path: `/inventory/reservations/${orderId}`,
    };
    httpCall(co, 'inventory', release, (inv) => {
      sqlQuery(inv, {
        operation: 'UPDATE',
        table: 'stock',
        text: 'UPDATE stock SET quantity = quantity + $2, reserved = reserved - $2 WHERE sku = $1',
        latency: LATENCY.pgWrite,
      });
      return { statusCode: 200 };
    });
    return paid >= 500 ? { statusCode: 502 } : { statusCode: paid };
  }
  sqlQuery(co, {
    operation: 'INSERT',
    table: 'orders',
    text: 'INSERT INTO orders (id, user_id, sku, quantity, amount_cents, status) VALUES ($1, $2, $3, $4, $5, $6)',
    latency: LATENCY.pgWrite,
  });
  publishAndConsume(co, 'notification', orderId, (n) => {
    internalWork(n, 'render order-confirmation', LATENCY.templateRender, {
      'template.name': 'order-confirmation',
    });
    n.add(externalCall(n, { ...MAIL_API, peer: 'mail-api' }, 'POST', LATENCY.mailSend, 1, 202).end());
    n.log('info', `order confirmation for ${orderId} sent to ${s.userId}`, { 'order.id': orderId });
  });
  co.log('info', `order ${orderId} placed: ${s.quantity} x ${s.sku}, ${(amountCents / 100).toFixed(2)} EUR`, {
    'order.id': orderId,
    'order.amount_cents': amountCents,
  });
  return { statusCode: 201 };
}

/** Payment service: record, charge the external gateway (with the configured retry policy), settle. */
function payment(pay: Draft, orderId: string, amountCents: number): HttpOutcome {
  const rng = pay.b.rng;
  const burst = pay.b.phase.paymentErrorBurst;
  const maxAttempts = burst ? 1 : 3;
  sqlQuery(pay, {
    operation: 'INSERT',
    table: 'payments',
    text: "INSERT INTO payments (order_id, amount_cents, status) VALUES ($1, $2, 'pending')",
    latency: LATENCY.pgWrite,
  });
  const unavailable = burst ? INCIDENTS.gatewayUnavailableDuringBurst : BASE_ERRORS.gatewayUnavailable;
  let status = 0;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (attempt > 0) pay.wait(50 * 2 ** (attempt - 1));
    status = rng.chance(unavailable) ? 503 : rng.chance(BASE_ERRORS.paymentDeclined) ? 402 : 200;
    const gateway = { ...PAYMENT_GATEWAY, peer: 'payments-gateway' };
    const attrs: Record<string, number> = attempt > 0 ? { 'http.request.resend_count': attempt } : {};
    const factor = status === 503 ? 0.15 : 1;
    pay.add(externalCall(pay, gateway, 'POST', LATENCY.gatewayCharge, factor, status, attrs).end());
    if (status !== 503) break;
    const retrying = attempt + 1 < maxAttempts;
    pay.log(
      retrying ? 'warn' : 'error',
      `payment gateway answered 503 for order ${orderId} (attempt ${attempt + 1}/${maxAttempts})${retrying ? ', retrying' : ''}`,
      { 'order.id': orderId, 'payment.attempt': attempt + 1 },
    );
  }
  if (status === 503) {
    return {
      statusCode: 503,
      exception: plannedException(
        'PaymentGatewayError',
        `gateway unavailable after ${maxAttempts} attempt(s)`,
        [
          'GatewayClient.charge (/app/src/gateway/gateway-client.ts:112:13)',
          'async PaymentService.authorize (/app/src/payment-service.ts:64:22)',
          'async PaymentsController.create (/app/src/http/payments-controller.ts:31:18)',
        ],
      ),
    };
  }
  if (status === 402) {
    pay.log('warn', `card declined for order ${orderId} (${(amountCents / 100).toFixed(2)} EUR)`, {
      'order.id': orderId,
      'payment.decline_code': rng.pick(['insufficient_funds', 'do_not_honor', 'expired_card']),
    });
    sqlQuery(pay, {
      operation: 'UPDATE',
      table: 'payments',
      text: "UPDATE payments SET status = 'declined' WHERE order_id = $1",
      latency: LATENCY.pgWrite,
    });
    return { statusCode: 402 };
  }
  sqlQuery(pay, {
    operation: 'UPDATE',
    table: 'payments',
    text: "UPDATE payments SET status = 'captured', captured_at = now() WHERE order_id = $1",
    latency: LATENCY.pgWrite,
  });
  pay.log('info', `charged ${(amountCents / 100).toFixed(2)} EUR for order ${orderId}`, {
    'order.id': orderId,
  });
  return { statusCode: 201 };
}
