/**
 * @module `switchyard analyze …`: offline analysis commands (anomalies, patterns, trace).
 * Each subcommand lives in its own file and is added here.
 */
import { Command } from 'commander';
import { analyzeAnomaliesCommand } from './analyze-anomalies.js';
import { analyzePatternsCommand } from './analyze-patterns.js';
import { analyzeTraceCommand } from './analyze-trace.js';

export function analyzeCommand(): Command {
  const analyze = new Command('analyze').description('Analyse telemetry: anomalies, log patterns, traces');
  analyze.addCommand(analyzeAnomaliesCommand());
  analyze.addCommand(analyzePatternsCommand());
  analyze.addCommand(analyzeTraceCommand());
  return analyze;
}
