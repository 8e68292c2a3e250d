import type { Attributes } from './attributes.js';

/** The entity producing telemetry (a service instance, a host …). */
export interface Resource {
  attributes: Attributes;
  droppedAttributesCount: number;
}

/** The instrumentation scope (library) that produced a group of items. */
export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: Attributes;
  droppedAttributesCount: number;
}

export function emptyResource(): Resource {
  return { attributes: {}, droppedAttributesCount: 0 };
}

export function emptyScope(): InstrumentationScope {
  return { name: '', version: '', attributes: {}, droppedAttributesCount: 0 };
}

/** `service.name` of a resource, or `unknown_service` as the OTel spec prescribes. */
export function serviceNameOf(resource: Resource): string {
  const v = resource.attributes['service.name'];
  return typeof v === 'string' && v !== '' ? v : 'unknown_service';
}
