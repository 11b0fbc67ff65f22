import { z } from "zod";

/** An OpenAI-compatible embeddings endpoint (EMBEDDINGS_URL / _MODEL / _API_KEY). */
export type EmbeddingsSettings = { url: string; model: string; apiKey?: string };

const embeddingsResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int(), embedding: z.array(z.number()) })),
});

/** Dense vectors for texts, in order; throws on timeout or a malformed answer. */
export async function embedTexts(settings: EmbeddingsSettings, texts: string[], timeoutMs: number): Promise<number[][]> {
  const endpoint = settings.url.replace(/\/+$/, "").replace(/(\/embeddings)?$/, "/embeddings");
  const response = await fetch(endpoint, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
    },
    body: JSON.stringify({ model: settings.model, input: texts }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`embeddings endpoint answered ${response.status}`);
  const { data } = embeddingsResponseSchema.parse(await response.json());
  return [...data].sort((a, b) => a.index - b.index).map((item) => item.embedding);
}
