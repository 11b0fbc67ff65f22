import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type * as client from "@lectern/client";
import type {
  Background,
  ContentLevel,
  ContentTrack,
  FeedbackBody,
  PersonalizedResult,
  PersonalizePrompt,
  PersonalizeResponse,
  TargetLevels,
  feedbackResponseSchema,
  profileResponseSchema,
  progressResponseSchema,
  progressSectionSchema,
  progressEntrySchema,
  signInResponseSchema,
} from "./index";

/**
 * The book client (@lectern/client, packages/lectern-client) is dependency-free so a book can copy it (ADR-0008): its wire
 * types are written out by hand. These assertions are checked by `npm run typecheck` (tsc),
 * so a contract change that the client's types do not follow fails CI.
 */
describe("the book client's types are the contract's shapes", () => {
  it("the enums: levels, tracks, background answers and engines", () => {
    expectTypeOf<client.Level>().toEqualTypeOf<ContentLevel>();
    expectTypeOf<client.Track>().toEqualTypeOf<ContentTrack>();
    expectTypeOf<client.SoftwareExperience>().toEqualTypeOf<Background["software_experience"]>();
    expectTypeOf<client.BackgroundDepth>().toEqualTypeOf<Background["hardware_knowledge"]>();
    expectTypeOf<client.BackgroundDepth>().toEqualTypeOf<Background["programming_background"]>();
    expectTypeOf<client.Personalized["engine"]>().toEqualTypeOf<PersonalizeResponse["engine"]>();
    expectTypeOf<ReturnType<typeof client.targetLevelsOf>>().toEqualTypeOf<TargetLevels>();
  });

  it("background, profile and sign-in", () => {
    expectTypeOf<client.Background>().toEqualTypeOf<Background>();
    expectTypeOf<client.Profile>().toEqualTypeOf<z.output<typeof profileResponseSchema>>();
    expectTypeOf<client.SignedIn>().toEqualTypeOf<Omit<z.output<typeof signInResponseSchema>, "session_token" | "device_token">>();
  });

  it("reading progress and feedback", () => {
    expectTypeOf<client.ProgressMark>().toEqualTypeOf<z.input<typeof progressEntrySchema>>();
    expectTypeOf<client.ProgressSection>().toEqualTypeOf<z.output<typeof progressSectionSchema>>();
    expectTypeOf<client.Progress>().toEqualTypeOf<z.output<typeof progressResponseSchema>>();
    expectTypeOf<client.FeedbackAnswer>().toEqualTypeOf<FeedbackBody>();
    expectTypeOf<client.StoredFeedback>().toEqualTypeOf<z.output<typeof feedbackResponseSchema>>();
  });

  it("personalization's answer", () => {
    expectTypeOf<client.PersonalizedResult>().toEqualTypeOf<PersonalizedResult>();
    expectTypeOf<client.Personalized>().toEqualTypeOf<PersonalizeResponse>();
    expectTypeOf<client.PersonalizePrompt>().toEqualTypeOf<PersonalizePrompt>();
  });
});
