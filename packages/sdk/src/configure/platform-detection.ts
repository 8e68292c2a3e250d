/**
 * @module Platform detection from environment variables only (instant, no network): which cloud
 * runtime the process is on and the resource attributes that follow, with the reason for each finding.
 * Metadata-endpoint detectors (EC2, GCE, AKS node details) are not run here.
 */
import type { Env } from '@switchyard/core';

export interface PlatformDetection {
  /** e.g. 'aws-lambda', 'gcp-cloud-run', 'azure-app-service', 'kubernetes', 'local'. */
  platform: string;
  reasons: string[];
  attributes: Record<string, string>;
}

interface Rule {
  platform: string;
  when: string;
  attributes: (env: Env) => Record<string, string | undefined>;
}

const RULES: Rule[] = [
  {
    platform: 'aws-lambda',
    when: 'AWS_LAMBDA_FUNCTION_NAME',
    attributes: (e) => ({
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_lambda',
      'cloud.region': e.AWS_REGION,
      'faas.name': e.AWS_LAMBDA_FUNCTION_NAME,
      'faas.version': e.AWS_LAMBDA_FUNCTION_VERSION,
    }),
  },
  {
    platform: 'aws-ecs',
    when: 'ECS_CONTAINER_METADATA_URI_V4',
    attributes: (e) => ({
      'cloud.provider': 'aws',
      'cloud.platform': 'aws_ecs',
      'cloud.region': e.AWS_REGION,
    }),
  },
  {
    platform: 'azure-functions',
    when: 'FUNCTIONS_WORKER_RUNTIME',
    attributes: (e) => ({
      'cloud.provider': 'azure',
      'cloud.platform': 'azure_functions',
      'faas.name': e.WEBSITE_SITE_NAME,
      'cloud.region': e.REGION_NAME,
    }),
  },
  {
    platform: 'azure-app-service',
    when: 'WEBSITE_SITE_NAME',
    attributes: (e) => ({
      'cloud.provider': 'azure',
      'cloud.platform': 'azure_app_service',
      'service.instance.id': e.WEBSITE_INSTANCE_ID,
      'cloud.region': e.REGION_NAME,
    }),
  },
  {
    platform: 'gcp-cloud-functions',
    when: 'FUNCTION_TARGET',
    attributes: (e) => ({
      'cloud.provider': 'gcp',
      'cloud.platform': 'gcp_cloud_functions',
      'faas.name': e.K_SERVICE,
    }),
  },
  {
    platform: 'gcp-cloud-run',
    when: 'K_SERVICE',
    attributes: (e) => ({
      'cloud.provider': 'gcp',
      'cloud.platform': 'gcp_cloud_run',
      'faas.name': e.K_SERVICE,
      'faas.version': e.K_REVISION,
    }),
  },
  {
    platform: 'kubernetes',
    when: 'KUBERNETES_SERVICE_HOST',
    attributes: (e) => ({
      'k8s.pod.name': e.HOSTNAME,
      'k8s.namespace.name': e.POD_NAMESPACE ?? e.K8S_NAMESPACE,
    }),
  },
];

export function detectPlatform(env: Env): PlatformDetection {
  for (const rule of RULES) {
    if (env[rule.when]) {
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(rule.attributes(env))) if (v) attributes[k] = v;
      return { platform: rule.platform, reasons: [`${rule.when} is set`], attributes };
    }
  }
  return { platform: 'local', reasons: ['no cloud runtime environment variables found'], attributes: {} };
}
