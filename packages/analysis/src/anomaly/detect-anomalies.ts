/**
 * @module Batch convenience over the streaming detector: scores a whole series held in memory.
 */
import { createAnomalyDetector } from './detector.js';
import type { AnomalyDetectorOptions, AnomalyEvent, AnomalyPoint } from './types.js';

export interface AnomalyResult {
  /** One score in [0, 1] per input point, in input order. */
  scores: number[];
  events: AnomalyEvent[];
}

/** Runs one detector over `points` (time-ordered) and returns every score and the events. */
export function detectAnomalies(
  points: readonly AnomalyPoint[],
  opts: AnomalyDetectorOptions = {},
): AnomalyResult {
  const d = createAnomalyDetector(opts);
  const scores = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    scores[i] = d.update(p.t, p.v);
  }
  return { scores, events: d.events() };
}
