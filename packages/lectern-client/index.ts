/**
 * Lectern's browser client: framework-free and dependency-free, so any Docusaurus site (or any
 * page) can import or copy this folder. React bindings live in `./react`.
 */
export { createLecternClient, maxMarksPerCall } from "./client";
export type { CredentialsMode, LecternClient, LecternClientOptions } from "./client";
export { LecternError } from "./errors";
export type { LecternErrorCode, LecternErrorDetails } from "./errors";
export { browserTokenStorage, memoryTokenStorage } from "./token-storage";
export type { TokenStorage } from "./token-storage";
export { targetLevelsOf } from "./types";
export type {
  Background,
  BackgroundDepth,
  FeedbackAnswer,
  FeedbackReason,
  LecternSession,
  Level,
  Personalized,
  PersonalizedResult,
  PersonalizePrompt,
  PersonalizeQuery,
  Profile,
  Progress,
  ProgressMark,
  ProgressSection,
  Reader,
  ReadingState,
  ReasonCode,
  SignedIn,
  SoftwareExperience,
  StoredFeedback,
  Track,
} from "./types";
