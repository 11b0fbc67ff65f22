import { rateLimitStore } from "@/lib/rate-limit";
import { indexSampleBookIfEmpty } from "@/lib/personalization";
import { sealLeftoverPlaintext } from "@/lib/sealing";
import { sealedColumns } from "./sealed-columns";

/**
 * Work that must happen once, after migrations and before the first request. Each concern
 * adds its task here (the content concern indexes the sample book when the index is empty).
 */
export async function runStartupTasks(): Promise<void> {
  // With REDIS_URL: connect now, so /api/ready reports Redis from the first probe.
  rateLimitStore();
  await indexSampleBookIfEmpty();
  // Migration 0008's data step: comments stored before they were sealed are sealed now (ADR-0034).
  await sealLeftoverPlaintext(sealedColumns);
}
