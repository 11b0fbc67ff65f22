import { describe, expect, it } from "vitest";
import { inferDoc, type DocEvidence } from "./inference";

const evidence = (overrides: Partial<DocEvidence>): DocEvidence => ({
  title: "A page",
  headings: [],
  text: "",
  code: [],
  order: { index: 1, of: 3 },
  ...overrides,
  prose: overrides.prose ?? overrides.text ?? "",
});

describe("inferDoc", () => {
  it("finds hardware from its vocabulary and names the words that decided it", () => {
    const inference = inferDoc(
      evidence({
        title: "Choosing actuators",
        text: "Each joint needs an actuator: a motor with a gearbox. Torque, voltage and current limits decide the motor and its driver.",
      }),
    );
    expect(inference.tracks.map((track) => track.track)).toEqual(["hardware"]);
    expect(inference.tracks[0]!.signals[0]).toMatch(/actuator|motor|torque/);
  });

  it("finds programming from code blocks and their languages", () => {
    const inference = inferDoc(
      evidence({ title: "Reading a sensor", text: "x = read()\nprint(x)\nCall the function in a loop.", code: [{ lang: "python", lines: 2 }] }),
    );
    expect(inference.tracks[0]!.track).toBe("programming");
    expect(inference.tracks[0]!.signals.join(" ")).toContain("python code block");
  });

  it("reads the level from titles, the way the text explains, and the book's order", () => {
    const intro = inferDoc(
      evidence({
        title: "An introduction to motors",
        text: "Imagine a motor as a muscle. For example, a servo turns to an angle.",
        order: { index: 0, of: 3 },
      }),
    );
    expect(intro.level.level).toBe("beginner");
    expect(intro.level.signals.join("; ")).toMatch(/titled "introduction"|first in its chapter/);

    const hard = inferDoc(
      evidence({
        title: "Advanced trajectory optimisation",
        text: "Minimise the cost subject to the dynamics constraint; the Jacobian and covariance follow.",
        order: { index: 2, of: 3 },
      }),
    );
    expect(hard.level.level).toBe("advanced");
    expect(inferDoc(evidence({ title: "Gearboxes", text: "Gears trade speed for torque." })).level.level).toBe("intermediate");
  });

  it("infers no track when no vocabulary stands out, and gives the same answer every time", () => {
    const bland = evidence({ title: "Thanks", text: "Thank you for reading this far." });
    expect(inferDoc(bland).tracks).toEqual([]);
    expect(inferDoc(bland)).toEqual(inferDoc(bland));
  });
});
