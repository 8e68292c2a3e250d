/**
 * @module What the hub knows about where it runs, for the `resource_detection` transform: its own
 * `OTEL_RESOURCE_ATTRIBUTES` (`env`), the host and OS (`system`), and the cloud metadata detectors (`cloud`,
 * the official OpenTelemetry detectors via @switchyard/sdk, asked only when env vars or the machine's vendor
 * point to a cloud). Runs once at start, bounded by the transform's `timeoutMs`.
 */
import { arch, hostname, release, type } from 'node:os';
import type { Attributes, AttrValue, Env } from '@switchyard/core';
import type { ResourceDetectionConfig } from '@switchyard/pipeline';
import { chooseCloudDetectors, detectCloudResource, parseOtlpHeaders } from '@switchyard/sdk';

export interface DetectedResource {
  attributes: Attributes;
  /** Why each source contributed or not (logged at start). */
  notes: string[];
}

/** The OTel API's attribute values as the hub's model has them (whole numbers are int64). */
function toModel(v: unknown): AttrValue | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map((x) => toModel(x) ?? '') as AttrValue;
  return undefined;
}

const OS_TYPES: Record<string, string> = { Linux: 'linux', Darwin: 'darwin', Windows_NT: 'windows' };

export async function detectHubResource(
  config: ResourceDetectionConfig,
  env: Env = process.env,
): Promise<DetectedResource> {
  const attributes: Attributes = {};
  const notes: string[] = [];
  const add = (k: string, v: AttrValue | undefined) => {
    if (v !== undefined && !Object.hasOwn(attributes, k)) attributes[k] = v;
  };
  for (const detector of config.detectors) {
    if (detector === 'env') {
      const parsed = parseOtlpHeaders(env.OTEL_RESOURCE_ATTRIBUTES, 'OTEL_RESOURCE_ATTRIBUTES');
      notes.push(...parsed.problems);
      for (const [k, v] of Object.entries(parsed.headers)) add(k, v);
    } else if (detector === 'system') {
      add('host.name', hostname());
      add('host.arch', arch() === 'x64' ? 'amd64' : arch());
      add('os.type', OS_TYPES[type()] ?? type().toLowerCase());
      add('os.description', `${type()} ${release()}`);
    } else {
      const choice = chooseCloudDetectors(env);
      notes.push(
        ...(choice.clouds.length > 0 ? choice.reasons : ['cloud: no cloud hinted by env or machine']),
      );
      const found = await detectCloudResource(choice.clouds, config.timeoutMs);
      for (const [k, v] of Object.entries(found)) add(k, toModel(v));
    }
  }
  return { attributes, notes };
}
