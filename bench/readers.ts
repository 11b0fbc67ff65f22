/**
 * The bench's readers, as a class is: each signs up with one of the 27 backgrounds that lead to
 * distinct target levels (3 software × 3 programming × 3 hardware), and asks its own few
 * questions from what readers type about the sample book (the eval's judged queries), so the
 * kept rankings (ADR-0025) are hit as often as a class hits them, not on every request.
 */
import type { Background } from "@/lib/contract";
import { inBatches, type LoadClient } from "./load";
import { judgedQueries } from "./relevance-queries";

export type Reader = { email: string; token: string; address: string; queries: string[] };

export const benchPassword = "a bench password";

/** One answer per target level (weights.ts: "none" and "basic" both lead to beginner). */
const depths = ["basic", "intermediate", "advanced"] as const;
const experiences = ["beginner", "intermediate", "expert"] as const;
export const classBackgrounds: Background[] = experiences.flatMap((software_experience) =>
  depths.flatMap((programming_background) => depths.map((hardware_knowledge) => ({ software_experience, programming_background, hardware_knowledge }))),
);

const queriesPerReader = 3;
const questions = judgedQueries.map(({ q }) => q);

/** Reader `index`'s own questions: three of the list, a different three from its neighbours'. */
export function questionsOf(index: number): string[] {
  return Array.from({ length: queriesPerReader }, (_, k) => questions[(index + k * 8) % questions.length]!);
}

export const personalizePath = (q: string) => `/api/v1/personalize?q=${encodeURIComponent(q)}&limit=10`;

/** `count` sign-ups, 8 at a time, reader `index` with background `index % 27` from `addressOfReader(index)`. */
export async function signUpReaders(client: LoadClient, count: number, addressOfReader: (index: number) => string, prefix: string): Promise<Reader[]> {
  const run = Date.now().toString(36);
  return inBatches(
    Array.from({ length: count }, (_, index) => index),
    8,
    async (index) => {
      const email = `${prefix}-${run}-${index}@bench.example`;
      const address = addressOfReader(index);
      const background = classBackgrounds[index % classBackgrounds.length]!;
      const answer = await client.send({
        path: "/api/v1/auth/signup",
        headers: { "x-forwarded-for": address },
        body: { email, password: benchPassword, background },
      });
      if (answer.status !== 201) throw new Error(`bench: sign-up answered ${answer.status}: ${answer.body.slice(0, 300)}`);
      return { email, token: (JSON.parse(answer.body) as { session_token: string }).session_token, address, queries: questionsOf(index) };
    },
  );
}

export const readerHeaders = (reader: Reader) => ({ authorization: `Bearer ${reader.token}`, "x-forwarded-for": reader.address });

/** Rankings answered from the kept ones and by a search, from the server's /api/metrics (loopback may read it). */
export async function rankedAnswers(client: LoadClient): Promise<{ kept: number; searched: number } | null> {
  const answer = await client.send({ path: "/api/metrics", headers: { "x-forwarded-for": "127.0.0.1" } });
  if (answer.status !== 200) return null;
  const counted = { kept: 0, searched: 0 };
  for (const [, kept, value] of answer.body.matchAll(/^lectern_personalization_ranked_answers_total\{[^}]*kept="(true|false)"[^}]*\} (\S+)$/gm)) {
    counted[kept === "true" ? "kept" : "searched"] += Number(value);
  }
  return counted;
}

/** "kept 93 % of 3120 rankings" between two readings of `rankedAnswers`. */
export function hitRate(before: { kept: number; searched: number } | null, after: { kept: number; searched: number } | null): string {
  if (!before || !after) return "kept rankings: /api/metrics unreadable";
  const kept = after.kept - before.kept;
  const total = kept + after.searched - before.searched;
  return total ? `kept rankings answered ${((100 * kept) / total).toFixed(0)} % of ${total}` : "no rankings asked";
}
