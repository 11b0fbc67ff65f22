import { eq, sql } from "drizzle-orm";
import { database, flushPendingWrites, registerPendingWrites } from "@/db";
import { personalizationEvent } from "@/db/schema";
import type { TargetLevels } from "@/lib/contract";
import { logger } from "@/lib/http";
import { countSearches } from "@/lib/insights";
import { sealedColumn } from "@/lib/sealing";
import { processSingleton } from "@/lib/singleton";
import type { EngineName } from "./engine";

export type PersonalizationEventInput = {
  userId: string | null;
  /** Readers' queries only: a guest's text is never stored (ADR-0012). */
  query: string | null;
  chapter: string | null;
  /** The target levels that weighted the ranking, never the raw background answers. */
  targetLevels: TargetLevels | null;
  engine: EngineName;
  resultCount: number;
  latencyMs: number;
};

type HeldEvent = PersonalizationEventInput & { occurredAt: Date };

/** The target levels of an event, sealed and bound to the event's id (ADR-0034). */
export const sealedEventLevels = sealedColumn({ column: personalizationEvent.targetLevelsSealed, key: [personalizationEvent.id] });

/** What this concern seals, for rotation (scripts/sealed-columns.ts). */
export const personalizationSealedColumns = [sealedEventLevels];

/**
 * Events are held back and written together (ADR-0025): one transaction per batch instead of
 * one per answer, which on the embedded database held its only connection on every reader's
 * personalization (docs/performance.md). A batch goes at most this long after its first event,
 * or as soon as it is this large; shutdown and every reader of what events feed flush first.
 */
export const eventBatch = { maxWaitMs: 200, maxEvents: 256 } as const;

type EventQueue = { held: HeldEvent[]; timer: ReturnType<typeof setTimeout> | null; writing: Promise<void> };

function eventQueue(): EventQueue {
  return processSingleton("personalization-event-queue", () => {
    registerPendingWrites("personalization events", flushPersonalizationEvents);
    return { held: [], timer: null, writing: Promise.resolve() };
  });
}

/** Records what a reader asked, for the book's authors; written within `eventBatch.maxWaitMs`. A failure never fails the request. */
export function recordPersonalizationEvent(event: PersonalizationEventInput): void {
  const queue = eventQueue();
  queue.held.push({ ...event, occurredAt: new Date() });
  if (queue.held.length >= eventBatch.maxEvents) void flushPersonalizationEvents();
  else queue.timer ??= setTimeout(() => void flushPersonalizationEvents(), eventBatch.maxWaitMs);
}

/** Writes every event held in this process; batches are written one after another, in order. */
export function flushPersonalizationEvents(): Promise<void> {
  const queue = eventQueue();
  if (queue.timer) clearTimeout(queue.timer);
  queue.timer = null;
  const batch = queue.held.splice(0);
  queue.writing = queue.writing.then(() => (batch.length ? writeBatch(batch) : undefined));
  return queue.writing;
}

async function writeBatch(batch: HeldEvent[]): Promise<void> {
  try {
    await writeEvents(batch);
  } catch {
    // One bad event (its reader deleted meanwhile) must not lose the others: each on its own.
    for (const event of batch) {
      await writeEvents([event]).catch((error: unknown) => logger().warn({ err: error }, "could not record a personalization event"));
    }
  }
}

async function writeEvents(events: HeldEvent[]): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    // Ids are taken first, so each event's sealed levels are bound to its own row.
    const ids = await tx
      .select({ id: sql<number>`nextval(pg_get_serial_sequence('personalization_event', 'id'))::text`.mapWith(Number) })
      .from(sql`generate_series(1, ${events.length}) as g`);
    await tx.insert(personalizationEvent).values(
      events.map(({ targetLevels, ...event }, index) => ({
        ...event,
        id: ids[index]!.id,
        query: event.userId ? event.query : null,
        // Derived from the background, so sealed with the profile key like the profile itself.
        targetLevelsSealed: targetLevels ? sealedEventLevels.seal(JSON.stringify(targetLevels), [ids[index]!.id]) : null,
        latencyMs: Math.round(event.latencyMs * 100) / 100,
      })),
    );
    // Authors' counters by "<track>:<level>", moved now so insights never open sealed rows (ADR-0021).
    const searches = events.flatMap((event) =>
      event.userId && event.query ? [{ userId: event.userId, query: event.query, resultCount: event.resultCount, targetLevels: event.targetLevels }] : [],
    );
    await countSearches(tx, searches);
  });
}

/** When an account is deleted, its events stay as anonymous counts: no user id, no query. */
export async function forgetPersonalizationEvents(userId: string): Promise<void> {
  await flushPendingWrites();
  const db = await database();
  await db.update(personalizationEvent).set({ userId: null, query: null }).where(eq(personalizationEvent.userId, userId));
}
