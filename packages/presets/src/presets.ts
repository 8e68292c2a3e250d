/**
 * @module Vendor presets as data: one table saying, per backend, the endpoint form, the auth header,
 * the protocol, the metric temporality it needs, which signals it accepts and the env vars it reads.
 * Kept free of code so the hub can share it. Templates use `{VAR}` (required env var),
 * `{VAR|default}` (optional with default) and `{base64:USER_VAR:PASS_VAR}` (HTTP Basic credentials).
 */

export type TelemetrySignal = 'traces' | 'metrics' | 'logs';
export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';
export type TemporalityPreference = 'cumulative' | 'delta' | 'lowmemory';

export interface PresetEnvVar {
  name: string;
  /** Needed for the preset to work (unless an option supplies the same value). */
  required: boolean;
  /** Holds a credential: never logged. */
  secret?: boolean;
  description: string;
}

export interface VendorPreset {
  name: string;
  title: string;
  /** Base endpoint template; `{endpoint}` in signal URLs refers to it. */
  endpoint: string;
  /** Per-signal URL templates; a signal the backend does not accept directly is absent. */
  signals: Partial<Record<TelemetrySignal, string>>;
  /** Header name → value template. */
  headers: Record<string, string>;
  protocol: OtlpProtocol;
  temporality: TemporalityPreference;
  env: PresetEnvVar[];
  /** A local agent used instead of the agentless intake when its env var is set (Datadog). */
  agent?: { whenEnv: string; endpoint: string };
  /** Optional npm packages that implement a non-OTLP wire format or the auth (loaded lazily). */
  package?: string;
  /** Wire format when not OTLP. */
  format?: 'zipkin' | 'azure-monitor';
  /** Request signing instead of a static header: AWS SigV4 or Google Application Default Credentials. */
  auth?: 'sigv4' | 'google-adc';
  /** SigV4 signing service per signal; `{service}` in the endpoint template is replaced by it. */
  signingService?: Partial<Record<TelemetrySignal, string>>;
  /** Headers sent with one signal only (e.g. the CloudWatch Logs log group). */
  signalHeaders?: Partial<Record<TelemetrySignal, Record<string, string>>>;
  /** A signal is sent only when this env var is set (e.g. logs need a log group). */
  signalRequires?: Partial<Record<TelemetrySignal, string>>;
  /** Env vars read when the main one is unset (AWS_REGION ← AWS_DEFAULT_REGION). */
  aliases?: Record<string, string[]>;
  /** Resource attributes the backend needs (templates), added when the exporter runs. */
  resourceAttributes?: Record<string, string>;
  /** `exportTo: 'auto'` picks the preset when its required vars are set; false: only when named. */
  autoSelect?: boolean;
  notes?: string;
}

const OTLP_PATHS: Partial<Record<TelemetrySignal, string>> = {
  traces: '{endpoint}/v1/traces',
  metrics: '{endpoint}/v1/metrics',
  logs: '{endpoint}/v1/logs',
};

const OTLP_PRESETS: Record<string, VendorPreset> = {
  datadog: {
    name: 'datadog',
    title: 'Datadog (agentless OTLP intake, or a local Agent)',
    endpoint: 'https://otlp.{DD_SITE|datadoghq.com}',
    signals: OTLP_PATHS,
    headers: { 'dd-protocol': 'otlp', 'dd-api-key': '{DD_API_KEY}' },
    protocol: 'http/protobuf',
    temporality: 'delta',
    agent: { whenEnv: 'DD_AGENT_HOST', endpoint: 'http://{DD_AGENT_HOST}:{DD_OTLP_HTTP_PORT|4318}' },
    env: [
      { name: 'DD_API_KEY', required: true, secret: true, description: 'API key for the agentless intake' },
      {
        name: 'DD_SITE',
        required: false,
        description: 'Datadog site, default datadoghq.com (e.g. datadoghq.eu)',
      },
      {
        name: 'DD_AGENT_HOST',
        required: false,
        description: 'send to a local Agent OTLP receiver instead (no key)',
      },
      { name: 'DD_OTLP_HTTP_PORT', required: false, description: 'Agent OTLP/HTTP port, default 4318' },
    ],
    notes: 'Metrics must be delta temporality.',
  },
  newrelic: {
    name: 'newrelic',
    title: 'New Relic',
    endpoint: '{NEW_RELIC_OTLP_ENDPOINT|https://otlp.nr-data.net}',
    signals: OTLP_PATHS,
    headers: { 'api-key': '{NEW_RELIC_LICENSE_KEY}' },
    protocol: 'http/protobuf',
    temporality: 'delta',
    env: [
      { name: 'NEW_RELIC_LICENSE_KEY', required: true, secret: true, description: 'ingest license key' },
      {
        name: 'NEW_RELIC_OTLP_ENDPOINT',
        required: false,
        description: 'default https://otlp.nr-data.net (EU: https://otlp.eu01.nr-data.net)',
      },
    ],
  },
  honeycomb: {
    name: 'honeycomb',
    title: 'Honeycomb',
    endpoint: '{HONEYCOMB_API_ENDPOINT|https://api.honeycomb.io}',
    signals: OTLP_PATHS,
    headers: { 'x-honeycomb-team': '{HONEYCOMB_API_KEY}', 'x-honeycomb-dataset': '{HONEYCOMB_DATASET|}' },
    protocol: 'http/protobuf',
    temporality: 'delta',
    env: [
      { name: 'HONEYCOMB_API_KEY', required: true, secret: true, description: 'ingest API key' },
      { name: 'HONEYCOMB_API_ENDPOINT', required: false, description: 'default https://api.honeycomb.io' },
      {
        name: 'HONEYCOMB_DATASET',
        required: false,
        description: 'dataset for metrics (classic environments)',
      },
    ],
  },
  dynatrace: {
    name: 'dynatrace',
    title: 'Dynatrace',
    endpoint: '{DT_ENDPOINT}',
    signals: OTLP_PATHS,
    headers: { Authorization: 'Api-Token {DT_API_TOKEN}' },
    protocol: 'http/protobuf',
    temporality: 'delta',
    env: [
      {
        name: 'DT_ENDPOINT',
        required: true,
        description: 'https://{env-id}.live.dynatrace.com/api/v2/otlp (or an ActiveGate URL)',
      },
      {
        name: 'DT_API_TOKEN',
        required: true,
        secret: true,
        description: 'token with openTelemetryTrace.ingest etc.',
      },
    ],
    notes: 'Dynatrace accepts only http/protobuf and delta metrics.',
  },
  elastic: {
    name: 'elastic',
    title: 'Elastic Observability (APM Server / managed OTLP)',
    endpoint: '{ELASTIC_OTLP_ENDPOINT}',
    signals: OTLP_PATHS,
    headers: { Authorization: 'ApiKey {ELASTIC_API_KEY}' },
    protocol: 'http/protobuf',
    temporality: 'delta',
    env: [
      {
        name: 'ELASTIC_OTLP_ENDPOINT',
        required: true,
        description: 'APM Server or managed OTLP endpoint URL',
      },
      { name: 'ELASTIC_API_KEY', required: true, secret: true, description: 'API key (sent as ApiKey …)' },
    ],
  },
  splunk: {
    name: 'splunk',
    title: 'Splunk Observability Cloud',
    endpoint: 'https://ingest.{SPLUNK_REALM}.signalfx.com',
    signals: { traces: '{endpoint}/v2/trace/otlp', metrics: '{endpoint}/v2/datapoint/otlp' },
    headers: { 'X-SF-Token': '{SPLUNK_ACCESS_TOKEN}' },
    protocol: 'http/protobuf',
    temporality: 'cumulative',
    env: [
      { name: 'SPLUNK_REALM', required: true, description: 'realm, e.g. us0, eu0' },
      { name: 'SPLUNK_ACCESS_TOKEN', required: true, secret: true, description: 'org access token' },
    ],
    notes: 'Logs go through a Collector / HEC, not this preset.',
  },
  'grafana-cloud': {
    name: 'grafana-cloud',
    title: 'Grafana Cloud (OTLP gateway)',
    endpoint: '{GRAFANA_CLOUD_OTLP_ENDPOINT}',
    signals: OTLP_PATHS,
    headers: { Authorization: 'Basic {base64:GRAFANA_CLOUD_INSTANCE_ID:GRAFANA_CLOUD_API_KEY}' },
    protocol: 'http/protobuf',
    temporality: 'cumulative',
    env: [
      {
        name: 'GRAFANA_CLOUD_OTLP_ENDPOINT',
        required: true,
        description: 'e.g. https://otlp-gateway-prod-eu-west-2.grafana.net/otlp',
      },
      {
        name: 'GRAFANA_CLOUD_INSTANCE_ID',
        required: true,
        description: 'stack instance id (Basic auth user)',
      },
      { name: 'GRAFANA_CLOUD_API_KEY', required: true, secret: true, description: 'access policy token' },
    ],
  },
  jaeger: {
    name: 'jaeger',
    title: 'Jaeger (native OTLP receiver)',
    endpoint: '{JAEGER_OTLP_ENDPOINT|http://localhost:4318}',
    signals: { traces: '{endpoint}/v1/traces' },
    headers: {},
    protocol: 'http/protobuf',
    temporality: 'cumulative',
    env: [{ name: 'JAEGER_OTLP_ENDPOINT', required: false, description: 'default http://localhost:4318' }],
  },
  zipkin: {
    name: 'zipkin',
    title: 'Zipkin (JSON v2)',
    endpoint: '{ZIPKIN_ENDPOINT|http://localhost:9411}',
    signals: { traces: '{endpoint}/api/v2/spans' },
    headers: {},
    protocol: 'http/json',
    temporality: 'cumulative',
    package: '@opentelemetry/exporter-zipkin@2.12.0',
    format: 'zipkin',
    env: [{ name: 'ZIPKIN_ENDPOINT', required: false, description: 'default http://localhost:9411' }],
  },
};

/** Cloud providers: signed OTLP (AWS SigV4, Google ADC) or the provider's official exporter (Azure). */
const CLOUD_PRESETS: Record<string, VendorPreset> = {
  aws: {
    name: 'aws',
    title: 'AWS: X-Ray (traces), CloudWatch (metrics) and CloudWatch Logs over OTLP, SigV4-signed',
    endpoint: 'https://{service}.{AWS_REGION}.amazonaws.com',
    signals: OTLP_PATHS,
    headers: {},
    signalHeaders: {
      logs: { 'x-aws-log-group': '{AWS_LOG_GROUP}', 'x-aws-log-stream': '{AWS_LOG_STREAM|default}' },
    },
    signalRequires: { logs: 'AWS_LOG_GROUP' },
    signingService: { traces: 'xray', metrics: 'monitoring', logs: 'logs' },
    auth: 'sigv4',
    aliases: { AWS_REGION: ['AWS_DEFAULT_REGION'] },
    protocol: 'http/protobuf',
    temporality: 'delta',
    autoSelect: false,
    package: '@smithy/signature-v4@5 @aws-sdk/credential-provider-node@3',
    env: [
      { name: 'AWS_REGION', required: true, description: 'region, e.g. eu-west-1 (or AWS_DEFAULT_REGION)' },
      {
        name: 'AWS_ACCESS_KEY_ID',
        required: false,
        secret: true,
        description: 'credentials; else the AWS default chain (profile, SSO, web identity, ECS/EC2 role)',
      },
      { name: 'AWS_SECRET_ACCESS_KEY', required: false, secret: true, description: 'with AWS_ACCESS_KEY_ID' },
      { name: 'AWS_SESSION_TOKEN', required: false, secret: true, description: 'temporary credentials' },
      {
        name: 'AWS_LOG_GROUP',
        required: false,
        description: 'existing CloudWatch Logs group; logs are sent only when set',
      },
      {
        name: 'AWS_LOG_STREAM',
        required: false,
        description: 'existing log stream in it, default "default"',
      },
    ],
    notes: 'X-Ray needs Transaction Search enabled; use the xray propagator and id generator for X-Ray ids.',
  },
  gcp: {
    name: 'gcp',
    title: 'Google Cloud Observability (Telemetry API, OTLP) with Application Default Credentials',
    endpoint: '{GCP_TELEMETRY_ENDPOINT|https://telemetry.googleapis.com}',
    signals: OTLP_PATHS,
    headers: {},
    auth: 'google-adc',
    aliases: { GOOGLE_CLOUD_PROJECT: ['GCLOUD_PROJECT', 'GCP_PROJECT'] },
    resourceAttributes: { 'gcp.project_id': '{GOOGLE_CLOUD_PROJECT}' },
    protocol: 'http/protobuf',
    temporality: 'cumulative',
    autoSelect: false,
    package: 'google-auth-library@10',
    env: [
      { name: 'GOOGLE_CLOUD_PROJECT', required: true, description: 'project id (sent as gcp.project_id)' },
      {
        name: 'GOOGLE_APPLICATION_CREDENTIALS',
        required: false,
        secret: true,
        description: 'service account key file; else gcloud ADC or the metadata server',
      },
      {
        name: 'GCP_TELEMETRY_ENDPOINT',
        required: false,
        description: 'default https://telemetry.googleapis.com',
      },
    ],
  },
  azure: {
    name: 'azure',
    title: 'Azure Monitor / Application Insights (official exporter)',
    endpoint: '',
    signals: { traces: 'azure-monitor', metrics: 'azure-monitor', logs: 'azure-monitor' },
    headers: {},
    format: 'azure-monitor',
    protocol: 'http/json',
    temporality: 'cumulative',
    package: '@azure/monitor-opentelemetry-exporter@1.0.0-beta.42',
    env: [
      {
        name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
        required: true,
        secret: true,
        description: 'InstrumentationKey=…;IngestionEndpoint=https://….in.applicationinsights.azure.com/',
      },
    ],
  },
};

export const VENDOR_PRESETS: Readonly<Record<string, VendorPreset>> = { ...OTLP_PRESETS, ...CLOUD_PRESETS };

export const PRESET_NAMES: readonly string[] = Object.keys(VENDOR_PRESETS);
