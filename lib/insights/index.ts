/** Authors' insights (DESIGN "Authors' insights"): who is an author, the released figures, and the write-time counters behind them. */
export { isAuthor, requireAuthor, type Account } from "./authors";
export { readInsights, releaseInsightsNow } from "./releases";
export { countFeedbackChange, countSearches, forgetReaderSearches, uncountReaderFeedback } from "./counters";
export { countAnswerChange } from "./answer-counts";
export { minimumCount } from "./privacy";
export { recordSignUpDuration, signUpServedStamp } from "./signup-timing";
