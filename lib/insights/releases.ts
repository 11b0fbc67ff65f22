import { desc, eq, sql } from "drizzle-orm";
import { database, flushPendingWrites, type Database } from "@/db";
import { insightsRelease } from "@/db/schema";
import { config } from "@/lib/config";
import { insightsFiguresSchema, type InsightsFigures, type InsightsResponse } from "@/lib/contract";
import { readComments } from "./comments";
import { measureInsights, measureQueryCohorts } from "./measure";
import { releaseFigures } from "./release";

/**
 * Released insights (ADR-0029): authors read the latest stored release, never live counts. A
 * period is INSIGHTS_RELEASE_HOURS long, counted from the Unix epoch, so every instance agrees
 * on it; the first read in a new period computes its release, and the period's primary key lets
 * one of several instances racing to release it win (the others read the winner's).
 */
const keptReleases = 30;
const hour = 60 * 60 * 1000;

export function periodStartOf(now: Date, hours: number): Date {
  return new Date(Math.floor(now.getTime() / (hours * hour)) * hours * hour);
}

type Stored = { releasedAt: Date; epsilon: number; figures: InsightsFigures };

async function latestRelease(db: Database): Promise<Stored | null> {
  const [row] = await db.select().from(insightsRelease).orderBy(desc(insightsRelease.releasedAt)).limit(1);
  if (!row) return null;
  const figures = insightsFiguresSchema.safeParse(row.figures);
  if (figures.success) return { releasedAt: row.releasedAt, epsilon: row.epsilon, figures: figures.data };
  // A release stored before the figures' shape changed is no release: it goes, and this read computes one.
  await db.delete(insightsRelease).where(eq(insightsRelease.periodStart, row.periodStart));
  return null;
}

/** Measures, adds noise, stores under `periodStart` unless that period was released already. */
async function release(db: Database, periodStart: Date, now: Date): Promise<void> {
  // Searches this process still holds back count too (lib/personalization batches them).
  await flushPendingWrites();
  const epsilon = config().INSIGHTS_EPSILON;
  const figures = await releaseFigures(await measureInsights(db), { epsilon, queryCohorts: (queries) => measureQueryCohorts(db, queries) });
  await db.insert(insightsRelease).values({ periodStart, releasedAt: now, epsilon, figures }).onConflictDoNothing();
  await db.execute(sql`delete from ${insightsRelease} where ${insightsRelease.periodStart} not in
    (select ${insightsRelease.periodStart} from ${insightsRelease} order by ${insightsRelease.releasedAt} desc limit ${keptReleases})`);
}

/** The release as authors read it; readers' comments are read now, as of the release (ADR-0038). */
async function answer(db: Database, stored: Stored, now: Date): Promise<InsightsResponse> {
  const hours = config().INSIGHTS_RELEASE_HOURS;
  return {
    ...stored.figures,
    comments: await readComments(db, stored.releasedAt, stored.epsilon),
    released_at: stored.releasedAt.toISOString(),
    next_release_at: new Date(periodStartOf(now, hours).getTime() + hours * hour).toISOString(),
    epsilon: stored.epsilon,
  };
}

/** One computation per period in this process however many authors read at once. */
let inFlight: { period: number; done: Promise<void> } | null = null;

/** What the authors' page and GET /api/v1/insights show: the current period's release, computed on its first read. */
export async function readInsights(db?: Database, now: Date = new Date()): Promise<InsightsResponse> {
  const handle = db ?? (await database());
  const periodStart = periodStartOf(now, config().INSIGHTS_RELEASE_HOURS);
  const current = await latestRelease(handle);
  if (current && current.releasedAt >= periodStart) return answer(handle, current, now);
  if (inFlight?.period !== periodStart.getTime()) {
    const done = release(handle, periodStart, now).finally(() => {
      if (inFlight?.done === done) inFlight = null;
    });
    inFlight = { period: periodStart.getTime(), done };
  }
  await inFlight.done;
  return answer(handle, (await latestRelease(handle))!, now);
}

/**
 * A release now, whatever the schedule: for operators (`npm run admin -- insights release`) and
 * tests. Each release spends another ε on every reader, so nothing reachable over HTTP calls it.
 */
export async function releaseInsightsNow(db?: Database, now: Date = new Date()): Promise<InsightsResponse> {
  const handle = db ?? (await database());
  await release(handle, now, now);
  return answer(handle, (await latestRelease(handle))!, now);
}
