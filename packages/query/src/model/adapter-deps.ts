/** @module What an HTTP-backed adapter is built from. */
import type { Guardrails } from '../http/guardrails.js';
import type { HttpClient } from '../http/http-client.js';
import type { SourceRef } from './results.js';
import type { AnomalyCheck } from './summarize.js';

export interface AdapterDeps {
  source: SourceRef;
  http: HttpClient;
  guardrails: Guardrails;
  /** Anomaly flag for metric summaries (default: the analysis package's detector). */
  anomalyCheck?: AnomalyCheck;
}
