export type { WebObservabilityHandle } from './configure-web-observability.js';
export { configureWebObservability } from './configure-web-observability.js';
export type { ResolvedWebOptions, WebObservabilityOptions } from './web-options.js';
export { DEFAULT_WEB_ENDPOINT, resolveWebOptions, urlPrefixPattern } from './web-options.js';
