import { describe, expect, it } from "vitest";
import { targetLevelsFor } from "@/lib/personalization";
import { targetLevelsOf, type Background } from "./index";

describe("the client's target levels", () => {
  it("agree with the weight table's for every background (the book folds by the same levels Lectern ranks by)", () => {
    const depths = ["none", "basic", "intermediate", "advanced"] as const;
    for (const software of ["beginner", "intermediate", "expert"] as const) {
      for (const programming of depths) {
        for (const hardware of depths) {
          const background: Background = { software_experience: software, programming_background: programming, hardware_knowledge: hardware };
          expect(targetLevelsOf(background)).toEqual(targetLevelsFor(background));
        }
      }
    }
  });
});
