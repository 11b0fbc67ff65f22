import { Counter, Histogram } from "prom-client";
import { metrics } from "@/lib/ops";
import { processSingleton } from "@/lib/singleton";
import type { EngineName } from "./engine";

type PersonalizationMetrics = {
  searchDuration: Histogram<"engine" | "personalized">;
  searchFailures: Counter<"engine" | "code">;
  rankedAnswers: Counter<"engine" | "kept">;
};

/** Engine time per search (without HTTP and auth), and failed searches, on Lectern's registry. */
function personalizationMetrics(): PersonalizationMetrics {
  return processSingleton<PersonalizationMetrics>("personalization-metrics", () => ({
    searchDuration: new Histogram({
      name: "lectern_personalization_search_seconds",
      help: "Content engine time per personalization search",
      labelNames: ["engine", "personalized"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2],
      registers: [metrics().registry],
    }),
    searchFailures: new Counter({
      name: "lectern_personalization_search_failures_total",
      help: "Personalization searches the content engine could not answer",
      labelNames: ["engine", "code"],
      registers: [metrics().registry],
    }),
    rankedAnswers: new Counter({
      name: "lectern_personalization_ranked_answers_total",
      help: "Rankings asked for, by whether a kept one answered (kept) or the engine searched",
      labelNames: ["engine", "kept"],
      registers: [metrics().registry],
    }),
  }));
}

export function observeSearch(engine: EngineName, personalized: boolean, seconds: number): void {
  personalizationMetrics().searchDuration.observe({ engine, personalized: String(personalized) }, seconds);
}

export function countSearchFailure(engine: EngineName, code: string): void {
  personalizationMetrics().searchFailures.inc({ engine, code });
}

/** A ranking answered from the kept ones (ADR-0025) or by a search: the hit rate the bench prints. */
export function countRankedAnswer(engine: EngineName, kept: boolean): void {
  personalizationMetrics().rankedAnswers.inc({ engine, kept: String(kept) });
}
