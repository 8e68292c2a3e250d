export type { ChangeEvent, DemoHandle, DemoOptions } from './runtime/demo.js';
export { startDemo } from './runtime/demo.js';
export type { IncidentSchedule } from './scenario/incident-schedule.js';
export { DEFAULT_INCIDENT_SCHEDULE } from './scenario/incident-schedule.js';
export type {
  ChangePlan,
  PlannedOp,
  RequestPlan,
  ServiceName,
  TimelineItem,
} from './scenario/plan.js';
export type { ScenarioOptions } from './scenario/scenario.js';
export { Scenario } from './scenario/scenario.js';
