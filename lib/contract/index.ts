/**
 * The contract's shapes as zod schemas: every request and response the pages, the REST API,
 * the OpenAPI document and the book client share. Client-safe: nothing here reads the
 * configuration, the database or Node, so forms import it in the browser.
 */
export { backgroundFields, backgroundQuestions, backgroundSchema, backgroundUpdateSchema, type Background, type BackgroundUpdate } from "./background";
export {
  breaksPasswordRule,
  commonPasswordAdvice,
  enteredPasswordSchema,
  isCommonPassword,
  isTooCommonMessage,
  newPasswordAdvice,
  newPasswordHint,
  passwordLength,
  passwordSchema,
  withPasswordConfirmation,
} from "./password";
export { returnToField } from "./return-to";
export * from "./account";
export * from "./reading";
export {
  insightsCommentsSchema,
  insightsFiguresSchema,
  insightsResponseSchema,
  type InsightsComments,
  type InsightsFigures,
  type InsightsResponse,
} from "./insights";
export * from "./personalization";
