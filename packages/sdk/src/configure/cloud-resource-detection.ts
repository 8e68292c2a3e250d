/**
 * @module Cloud resource detection through the official OpenTelemetry detectors (metadata endpoints: EC2,
 * ECS, EKS, Lambda, Beanstalk; GCE, GKE, Cloud Run, Functions, App Engine; Azure VM, App Service,
 * Functions, AKS, Container Apps). Never at import time, and without slowing startup: which providers to
 * ask is decided instantly from env vars and the machine's DMI vendor (a local file), the detector packages
 * are imported lazily, and their answers become async resource attributes bounded by a short timeout — so a
 * laptop makes no metadata calls and a span is never held longer than the timeout.
 */
import { readFileSync } from 'node:fs';
import type { AttributeValue } from '@opentelemetry/api';
import type { Resource } from '@opentelemetry/resources';
import {
  type DetectedResourceAttributes,
  type ResourceDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import type { Env } from '@switchyard/core';

export type CloudName = 'aws' | 'gcp' | 'azure';
export const CLOUD_NAMES: readonly CloudName[] = ['aws', 'gcp', 'azure'];

export interface CloudDetectorChoice {
  clouds: CloudName[];
  reasons: string[];
}

/** Attributes the cloud detectors may fill; only these are taken from them. */
export const CLOUD_ATTRIBUTE_KEYS: readonly string[] = [
  'cloud.provider',
  'cloud.platform',
  'cloud.region',
  'cloud.account.id',
  'cloud.availability_zone',
  'cloud.resource_id',
  'host.id',
  'host.name',
  'host.type',
  'container.id',
  'container.name',
  'k8s.cluster.name',
  'faas.name',
  'faas.version',
  'faas.instance',
  'faas.max_memory',
  'service.instance.id',
  'aws.ecs.cluster.arn',
  'aws.ecs.container.arn',
  'aws.ecs.launchtype',
  'aws.ecs.task.arn',
  'aws.ecs.task.family',
  'aws.ecs.task.revision',
  'aws.log.group.names',
  'aws.log.group.arns',
  'aws.log.stream.names',
  'aws.log.stream.arns',
  'azure.vm.scaleset.name',
  'azure.vm.sku',
  'azure.app.service.stamp',
];

const ENV_HINTS: Array<[CloudName, string]> = [
  ['aws', 'AWS_LAMBDA_FUNCTION_NAME'],
  ['aws', 'ECS_CONTAINER_METADATA_URI_V4'],
  ['aws', 'ECS_CONTAINER_METADATA_URI'],
  ['aws', 'AWS_EXECUTION_ENV'],
  ['gcp', 'K_SERVICE'],
  ['gcp', 'FUNCTION_TARGET'],
  ['gcp', 'GAE_SERVICE'],
  ['gcp', 'CLOUD_RUN_JOB'],
  ['azure', 'WEBSITE_SITE_NAME'],
  ['azure', 'FUNCTIONS_WORKER_RUNTIME'],
  ['azure', 'CONTAINER_APP_NAME'],
];

const DMI_VENDORS: Array<[CloudName, RegExp]> = [
  ['aws', /amazon/i],
  ['gcp', /google/i],
  ['azure', /microsoft corporation/i],
];

function readDmi(): string {
  // Linux exposes the hypervisor vendor locally; EC2, GCE and Azure VMs (and their k8s nodes) set it.
  const read = (f: string): string => {
    try {
      return readFileSync(`/sys/class/dmi/id/${f}`, 'utf8').trim();
    } catch {
      return '';
    }
  };
  return [read('sys_vendor'), read('board_vendor'), read('bios_vendor')].filter(Boolean).join(' / ');
}

/**
 * Which clouds to ask. `OTEL_NODE_RESOURCE_DETECTORS` (or the option) decides when set (`aws`, `gcp`,
 * `azure`, `all`, `none`; other names such as env/host/os/process are always on); else env hints and DMI.
 */
export function chooseCloudDetectors(
  env: Env,
  setting?: string | readonly string[],
  dmi: () => string = readDmi,
): CloudDetectorChoice {
  const raw = setting ?? env.OTEL_NODE_RESOURCE_DETECTORS;
  if (raw !== undefined && raw !== '') {
    const names = (typeof raw === 'string' ? raw.split(',') : [...raw]).map((s) => s.trim().toLowerCase());
    const source = setting !== undefined ? 'resourceDetectors option' : 'OTEL_NODE_RESOURCE_DETECTORS';
    if (names.includes('none')) return { clouds: [], reasons: [`cloud detectors off (${source}=none)`] };
    const clouds = names.includes('all') ? [...CLOUD_NAMES] : CLOUD_NAMES.filter((c) => names.includes(c));
    return { clouds, reasons: clouds.map((c) => `${c} metadata detectors: named in ${source}`) };
  }
  const clouds: CloudName[] = [];
  const reasons: string[] = [];
  for (const [cloud, name] of ENV_HINTS)
    if (env[name] && !clouds.includes(cloud)) {
      clouds.push(cloud);
      reasons.push(`${cloud} metadata detectors: ${name} is set`);
    }
  const vendor = dmi();
  for (const [cloud, re] of DMI_VENDORS)
    if (re.test(vendor) && !clouds.includes(cloud)) {
      clouds.push(cloud);
      reasons.push(`${cloud} metadata detectors: machine vendor is '${vendor}'`);
    }
  return { clouds, reasons };
}

async function detectorsFor(cloud: CloudName): Promise<ResourceDetector[]> {
  if (cloud === 'aws') {
    const m = await import('@opentelemetry/resource-detector-aws');
    return [
      m.awsLambdaDetector,
      m.awsEcsDetector,
      m.awsEksDetector,
      m.awsBeanstalkDetector,
      m.awsEc2Detector,
    ];
  }
  if (cloud === 'gcp') return [(await import('@opentelemetry/resource-detector-gcp')).gcpDetector];
  const m = await import('@opentelemetry/resource-detector-azure');
  return [
    m.azureFunctionsDetector,
    m.azureAppServiceDetector,
    m.azureContainerAppsDetector,
    m.azureAksDetector,
    m.azureVmDetector,
  ];
}

function withTimeout<T>(p: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

/**
 * Runs the chosen clouds' detectors and returns what they found within `timeoutMillis` (a detector that
 * does not answer in time contributes nothing). The first detector to report a value for a key wins.
 */
export async function detectCloudResource(
  clouds: readonly CloudName[],
  timeoutMillis = 1000,
): Promise<Record<string, AttributeValue>> {
  const run = async (): Promise<Record<string, AttributeValue>> => {
    const detectors = (await Promise.all(clouds.map((c) => detectorsFor(c).catch(() => [])))).flat();
    const found: Record<string, AttributeValue> = {};
    const results = await Promise.all(
      detectors.map(async (d) => {
        const attrs: DetectedResourceAttributes = d.detect().attributes ?? {};
        const entries = await Promise.all(
          Object.entries(attrs).map(
            async ([k, v]) => [k, await withTimeout(Promise.resolve(v), timeoutMillis, undefined)] as const,
          ),
        );
        return entries;
      }),
    );
    for (const entries of results)
      for (const [k, v] of entries) if (v !== undefined && found[k] === undefined) found[k] = v;
    return found;
  };
  return withTimeout(run(), timeoutMillis, {});
}

/** A resource whose cloud attributes arrive asynchronously (exports wait for them, at most the timeout). */
export function cloudResource(clouds: readonly CloudName[], timeoutMillis: number): Resource {
  if (clouds.length === 0) return resourceFromAttributes({});
  const detected = detectCloudResource(clouds, timeoutMillis);
  const attributes: DetectedResourceAttributes = {};
  for (const key of CLOUD_ATTRIBUTE_KEYS) attributes[key] = detected.then((r) => r[key]);
  return resourceFromAttributes(attributes);
}
