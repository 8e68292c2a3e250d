export type {
  Authorizer,
  AuthorizerOwner,
  GoogleAdcAuth,
  OutgoingRequest,
  PresetAuth,
  SigV4Auth,
} from './authorizer.js';
export { createGoogleAdcAuthorizer, GOOGLE_PACKAGES } from './google-adc-authorizer.js';
export { importOptional, once } from './optional-module.js';
export type { RenderResult } from './preset-template.js';
export { renderTemplate, templateVars } from './preset-template.js';
export type {
  OtlpProtocol,
  PresetEnvVar,
  TelemetrySignal,
  TemporalityPreference,
  VendorPreset,
} from './presets.js';
export { PRESET_NAMES, VENDOR_PRESETS } from './presets.js';
export type {
  PresetVars,
  ResolvedPreset,
  ResolvedSignal,
  ResolveOptions,
} from './resolve-preset.js';
export {
  describeVars,
  presetAuth,
  presetVarNames,
  resolvePreset,
  withAliases,
} from './resolve-preset.js';
export { AWS_PACKAGES, createSigV4Authorizer } from './sigv4-authorizer.js';
export type { SigV4Check } from './sigv4-verifier.js';
export { verifySigV4 } from './sigv4-verifier.js';
