import { rateLimitStore } from "@/lib/rate-limit";
import { indexSampleBookIfEmpty } from "@/lib/personalization";

/**
 * Work that must happen once, after migrations and before the first request. Each concern
 * adds its task here (the content concern indexes the sample book when the index is empty).
 */
export async function runStartupTasks(): Promise<void> {
  // With REDIS_URL: connect now, so /api/ready reports Redis from the first probe.
  rateLimitStore();
  await indexSampleBookIfEmpty();
}
