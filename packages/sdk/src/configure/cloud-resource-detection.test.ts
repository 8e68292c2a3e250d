/**
 * Cloud detection with simulated environments: env hints and the DMI vendor choose the detectors; the
 * official detectors then read simulated metadata endpoints (ECS task metadata, the GCE metadata server) or
 * env (Lambda, App Service, Cloud Run); a detector that never answers is cut at the timeout.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { trace } from '@opentelemetry/api';
import { resetIsAvailableCache } from '@opentelemetry/resource-detector-gcp';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopbackOtlpServer } from '../test-support/loopback-otlp-server.js';
import { chooseCloudDetectors, detectCloudResource } from './cloud-resource-detection.js';
import { configureObservability } from './configure-observability.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setProcessEnv(vars: Record<string, string | undefined>): void {
  for (const [k, v] of Object.entries(vars)) {
    const before = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
    cleanups.push(() => {
      if (before === undefined) delete process.env[k];
      else process.env[k] = before;
    });
  }
}

async function metadataServer(
  routes: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<string> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]!;
    const body = routes[path];
    if (body === undefined) res.writeHead(404, headers).end();
    else res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('chooseCloudDetectors', () => {
  const noDmi = () => '';
  it.each([
    ['ECS_CONTAINER_METADATA_URI_V4', 'aws'],
    ['AWS_LAMBDA_FUNCTION_NAME', 'aws'],
    ['K_SERVICE', 'gcp'],
    ['FUNCTION_TARGET', 'gcp'],
    ['WEBSITE_SITE_NAME', 'azure'],
    ['FUNCTIONS_WORKER_RUNTIME', 'azure'],
    ['CONTAINER_APP_NAME', 'azure'],
  ])('picks the provider from the env hint %s', (name, cloud) => {
    const choice = chooseCloudDetectors({ [name]: 'x' }, undefined, noDmi);
    expect(choice.clouds).toEqual([cloud]);
    expect(choice.reasons[0]).toContain(name);
  });

  it.each([
    ['Amazon EC2', 'aws'],
    ['Google', 'gcp'],
    ['Microsoft Corporation', 'azure'],
  ])(
    'picks the provider of a VM from its DMI vendor %s (EC2, GCE, Azure VM and their k8s nodes)',
    (vendor, cloud) => {
      expect(chooseCloudDetectors({}, undefined, () => vendor).clouds).toEqual([cloud]);
    },
  );

  it('asks no metadata endpoint on a machine with no cloud hint', () => {
    expect(chooseCloudDetectors({}, undefined, () => 'QEMU').clouds).toEqual([]);
  });

  it('follows OTEL_NODE_RESOURCE_DETECTORS and the option over the hints', () => {
    expect(
      chooseCloudDetectors({ OTEL_NODE_RESOURCE_DETECTORS: 'env,host,all' }, undefined, noDmi).clouds,
    ).toEqual(['aws', 'gcp', 'azure']);
    expect(
      chooseCloudDetectors({ OTEL_NODE_RESOURCE_DETECTORS: 'none', K_SERVICE: 'x' }, undefined, noDmi).clouds,
    ).toEqual([]);
    expect(chooseCloudDetectors({ K_SERVICE: 'x' }, ['azure'], noDmi).clouds).toEqual(['azure']);
  });
});

const TASK_ARN = 'arn:aws:ecs:eu-west-1:111122223333:task/prod/158d1c8083dd49d6b527399fd6414f5c';

async function simulateEcs(): Promise<void> {
  const host = await metadataServer({
    '/v4/c1': JSON.stringify({
      DockerId: 'c1',
      Name: 'checkout',
      ContainerARN: 'arn:aws:ecs:eu-west-1:111122223333:container/prod/158d/abc',
      LogDriver: 'awslogs',
      LogOptions: {
        'awslogs-group': '/ecs/checkout',
        'awslogs-region': 'eu-west-1',
        'awslogs-stream': 'ecs/checkout/158d',
      },
    }),
    '/v4/c1/task': JSON.stringify({
      Cluster: 'arn:aws:ecs:eu-west-1:111122223333:cluster/prod',
      TaskARN: TASK_ARN,
      Family: 'checkout',
      Revision: '26',
      LaunchType: 'FARGATE',
      AvailabilityZone: 'eu-west-1b',
    }),
  });
  setProcessEnv({ ECS_CONTAINER_METADATA_URI_V4: `http://${host}/v4/c1`, AWS_EC2_METADATA_DISABLED: 'true' });
}

describe('detectCloudResource', () => {
  it('fills cloud.* and aws.ecs.* from the ECS task metadata endpoint', async () => {
    await simulateEcs();
    const r = await detectCloudResource(['aws'], 1500);
    expect(r).toMatchObject({
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_ecs',
      'cloud.region': 'eu-west-1',
      'cloud.account.id': '111122223333',
      'cloud.availability_zone': 'eu-west-1b',
      'aws.ecs.task.arn': TASK_ARN,
      'aws.ecs.launchtype': 'fargate',
      'aws.ecs.task.family': 'checkout',
      'aws.log.group.names': ['/ecs/checkout'],
    });
  });

  it('fills faas.* from the Lambda environment', async () => {
    setProcessEnv({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_LAMBDA_FUNCTION_NAME: 'resize',
      AWS_LAMBDA_FUNCTION_VERSION: '7',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    const r = await detectCloudResource(['aws'], 1000);
    expect(r).toMatchObject({
      'cloud.platform': 'aws_lambda',
      'faas.name': 'resize',
      'faas.version': '7',
      'cloud.region': 'us-east-1',
    });
  });

  it('fills faas.* and cloud.account.id on Cloud Run from the GCE metadata server', async () => {
    const host = await metadataServer(
      {
        '/computeMetadata/v1/instance': '{}',
        '/computeMetadata/v1/project/project-id': 'shop-prod',
        '/computeMetadata/v1/instance/id': '"4520031799277581759"',
        '/computeMetadata/v1/instance/region': 'projects/123/regions/europe-west1',
      },
      { 'Metadata-Flavor': 'Google' },
    );
    setProcessEnv({
      GCE_METADATA_HOST: host,
      K_CONFIGURATION: 'checkout',
      K_SERVICE: 'checkout',
      K_REVISION: 'checkout-00042',
      KUBERNETES_SERVICE_HOST: undefined,
      FUNCTION_TARGET: undefined,
      METADATA_SERVER_DETECTION: undefined,
    });
    resetIsAvailableCache();
    cleanups.push(() => resetIsAvailableCache());
    const r = await detectCloudResource(['gcp'], 2000);
    expect(r).toMatchObject({
      'cloud.provider': 'gcp',
      'cloud.platform': 'gcp_cloud_run',
      'cloud.account.id': 'shop-prod',
      'cloud.region': 'europe-west1',
      'faas.name': 'checkout',
      'faas.version': 'checkout-00042',
    });
  });

  it('fills the Azure App Service attributes from its environment', async () => {
    setProcessEnv({
      WEBSITE_SITE_NAME: 'checkout-app',
      REGION_NAME: 'westeurope',
      WEBSITE_RESOURCE_GROUP: 'rg-shop',
      WEBSITE_OWNER_NAME: '00000000-1111-2222-3333-444444444444+rg-shop-WestEuropewebspace',
      WEBSITE_INSTANCE_ID: 'inst-1',
      WEBSITE_HOSTNAME: 'checkout-app.azurewebsites.net',
    });
    const r = await detectCloudResource(['azure'], 500);
    expect(r).toMatchObject({
      'cloud.provider': 'azure',
      'cloud.platform': 'azure.app_service',
      'cloud.region': 'westeurope',
      'host.id': 'checkout-app.azurewebsites.net',
      'service.instance.id': 'inst-1',
    });
  });

  it('cuts a detector that does not answer at the timeout and returns what it has', async () => {
    const started = Date.now();
    // No Azure env: only the VM detector, whose metadata endpoint does not exist here.
    const r = await detectCloudResource(['azure'], 300);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(r['cloud.platform']).not.toBe('azure.app_service');
  });
});

describe('configureObservability resource detection', () => {
  it('adds the detected cloud attributes to exported spans without blocking startup', async () => {
    await simulateEcs();
    const server = await startLoopbackOtlpServer();
    cleanups.push(() => server.close());
    const started = Date.now();
    const handle = configureObservability({
      configFile: false,
      env: { ECS_CONTAINER_METADATA_URI_V4: 'set' },
      instrumentations: { http: false, undici: false },
      exportTo: { hub: { endpoint: server.url } },
    });
    cleanups.push(() => handle.shutdown());
    expect(Date.now() - started).toBeLessThan(500);
    expect(handle.detected.cloudDetectors).toContain('aws');
    expect(handle.detected.reasons.join()).toContain('ECS_CONTAINER_METADATA_URI_V4 is set');
    trace.getTracer('t').startSpan('op').end();
    await handle.forceFlush();
    const b = server.batches('traces')[0]!;
    const attrs = b.signal === 'traces' ? b.data.resourceSpans[0]!.resource.attributes : {};
    expect(attrs['aws.ecs.task.arn']).toBe(TASK_ARN);
    expect(attrs['cloud.platform']).toBe('aws_ecs');
  });
});
