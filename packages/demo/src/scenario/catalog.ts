import type { ServiceName } from './plan.js';

/** Static description of the simulated system. */
export interface ServiceSpec {
  name: ServiceName;
  version: string;
  hostName: string;
  /** Postgres connection pool size, when the service owns a database. */
  dbPoolMax?: number;
  /** Resident memory baseline in MiB. */
  memoryBaseMiB: number;
}

export const SERVICES: readonly ServiceSpec[] = [
  { name: 'frontend', version: '2.3.1', hostName: 'web-node-1', memoryBaseMiB: 180 },
  { name: 'checkout-api', version: '1.9.0', hostName: 'app-node-1', dbPoolMax: 20, memoryBaseMiB: 140 },
  { name: 'inventory', version: '1.4.0', hostName: 'app-node-2', dbPoolMax: 20, memoryBaseMiB: 120 },
  { name: 'payment', version: '3.2.2', hostName: 'app-node-2', dbPoolMax: 10, memoryBaseMiB: 110 },
  { name: 'user-service', version: '1.12.4', hostName: 'app-node-1', dbPoolMax: 15, memoryBaseMiB: 95 },
  { name: 'notification', version: '0.8.3', hostName: 'worker-node-1', memoryBaseMiB: 70 },
];

export function serviceSpec(name: ServiceName): ServiceSpec {
  const spec = SERVICES.find((s) => s.name === name);
  if (spec === undefined) throw new RangeError(`unknown demo service ${name}`);
  return spec;
}

/** In-cluster addresses the services call each other on. */
export const SERVICE_ADDRESS: Record<ServiceName, { host: string; port: number }> = {
  frontend: { host: 'frontend.demo.svc', port: 8080 },
  'checkout-api': { host: 'checkout-api.demo.svc', port: 8080 },
  inventory: { host: 'inventory.demo.svc', port: 8080 },
  payment: { host: 'payment.demo.svc', port: 8080 },
  'user-service': { host: 'user-service.demo.svc', port: 8080 },
  notification: { host: 'notification.demo.svc', port: 8080 },
};

export const POSTGRES = { host: 'postgres.demo.svc', port: 5432 } as const;
export const REDIS = { host: 'redis.demo.svc', port: 6379 } as const;
export const PAYMENT_GATEWAY = {
  host: 'api.payments.example',
  port: 443,
  url: 'https://api.payments.example/charge',
  template: '/charge',
} as const;
export const MAIL_API = {
  host: 'api.mail.example',
  port: 443,
  url: 'https://api.mail.example/v3/send',
  template: '/v3/send',
} as const;
export const KAFKA = { host: 'kafka.demo.svc', port: 9092, topic: 'orders' } as const;

/** Frontend routes and how often each is requested. */
export const ROUTE_MIX = [
  ['home', 25],
  ['product', 35],
  ['cart', 15],
  ['checkout', 15],
  ['login', 10],
] as const;

export type RouteKey = (typeof ROUTE_MIX)[number][0];

/** Log-normal latency parameters: median in ms and sigma of the underlying normal. */
export interface LatencySpec {
  medianMs: number;
  sigma: number;
}

export const LATENCY = {
  network: { medianMs: 0.35, sigma: 0.35 },
  handler: { medianMs: 0.8, sigma: 0.5 },
  render: { medianMs: 4, sigma: 0.45 },
  redis: { medianMs: 0.45, sigma: 0.4 },
  pgSelect: { medianMs: 2.2, sigma: 0.5 },
  pgWrite: { medianMs: 4.5, sigma: 0.45 },
  kafkaPublish: { medianMs: 1.6, sigma: 0.4 },
  queueDelay: { medianMs: 25, sigma: 0.8 },
  gatewayCharge: { medianMs: 180, sigma: 0.35 },
  mailSend: { medianMs: 90, sigma: 0.4 },
  templateRender: { medianMs: 9, sigma: 0.4 },
  passwordHash: { medianMs: 45, sigma: 0.15 },
} as const satisfies Record<string, LatencySpec>;

/** Base (non-incident) failure probabilities. */
export const BASE_ERRORS = {
  /** GET /products/{id} for a SKU that does not exist. */
  inventoryNotFound: 0.03,
  /** Card declined by the payment gateway (HTTP 402). */
  paymentDeclined: 0.04,
  /** Transient 503 from the payment gateway (retried under the default policy). */
  gatewayUnavailable: 0.02,
  /** Wrong password on login (HTTP 401). */
  loginRejected: 0.05,
  /** Redis cache miss. */
  cacheMiss: 0.2,
} as const;

/** Incident parameters. */
export const INCIDENTS = {
  slowQueryFactor: { min: 8, max: 15 },
  gatewayUnavailableDuringBurst: 0.65,
  defaultRetryPolicy: 'exponential(max_attempts=3, base_delay_ms=50)',
  incidentRetryPolicy: 'none',
} as const;
