export { readiness, registerReadinessCheck } from "./readiness";
export type { Check, CheckResult } from "./readiness";
export { metrics, observeRequest } from "./metrics";
export { within } from "./within";
