/**
 * What testing/e2e-seed.ts writes into the browser suite's data directory before Lectern starts,
 * and what e2e/insights.spec.ts then expects an author to see. Constants only: the spec imports
 * this file, and must not load the database or the configuration with it.
 */

/** A page of the sample book no other journey answers on, so the seeded answers move nobody's page. */
export const seededCommentsUrl = "/docs/humanoids/simulation-to-reality";

export type SeededComment = {
  email: string;
  background: { software_experience: string; programming_background: string; hardware_knowledge: string };
  /** What the reader typed: with their own email and a link, which authors must never see. */
  comment: string;
  /** What authors see once it is old enough: the same words, scrubbed. */
  shown: string;
  /** How long before the release the answer was written (its updated_at is moved back by that much). */
  ageHours: number;
};

/** Three readers' "not helpful" answers on that page, newest first; only the first two are 24 hours old or more. */
export const seededComments: SeededComment[] = [
  {
    email: "seeded-commenter-a@readers.example",
    background: { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" },
    comment: "The jump to domain randomization lost me. Mail me at seeded-commenter-a@readers.example if that helps.",
    shown: "The jump to domain randomization lost me. Mail me at [email removed] if that helps.",
    ageHours: 48,
  },
  {
    email: "seeded-commenter-b@readers.example",
    background: { software_experience: "intermediate", programming_background: "basic", hardware_knowledge: "intermediate" },
    comment: "A diagram of the sim-to-real gap would help, like the one at https://example.org/sim2real-figure.",
    shown: "A diagram of the sim-to-real gap would help, like the one at [link removed].",
    ageHours: 72,
  },
  {
    email: "seeded-commenter-c@readers.example",
    background: { software_experience: "expert", programming_background: "advanced", hardware_knowledge: "advanced" },
    comment: "Written minutes before the release: too young to show.",
    shown: "Written minutes before the release: too young to show.",
    ageHours: 0,
  },
];

/** Not a common password (the sign-up check refuses those); nobody signs in as these readers. */
export const seededPassword = "seeded readers never sign in again";
