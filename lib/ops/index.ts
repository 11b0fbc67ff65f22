export { databaseAnswers, readiness, registerReadinessCheck } from "./readiness";
export type { Check } from "./readiness";
export { countMailDelivery, countSignInFailure, metrics, observeRequest } from "./metrics";
export { within } from "./within";
export { onShutdown, runShutdownTasks } from "./shutdown";
