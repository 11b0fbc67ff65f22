import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type * as client from "@/lib/client";
import type {
  Background,
  FeedbackBody,
  PersonalizedResult,
  PersonalizeResponse,
  feedbackResponseSchema,
  profileResponseSchema,
  progressResponseSchema,
  progressSectionSchema,
  progressEntrySchema,
  signInResponseSchema,
} from "./index";

/**
 * The book client (lib/client) is dependency-free so a book can copy it (ADR-0008): its wire
 * types are written out by hand. These assertions are checked by `npm run typecheck` (tsc),
 * so a contract change that the client's types do not follow fails CI.
 */
describe("the book client's types are the contract's shapes", () => {
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
  });
});
