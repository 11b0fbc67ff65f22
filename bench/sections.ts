/**
 * The bench's sections after the in-process rows, in order. To add one: a module whose export
 * is a `BenchSection`, and one line below. Each runs on the database the bench was given
 * (`databaseUrl` set: the Postgres server; unset: embedded) and returns its rows.
 */
import type { Row } from "./measure";

export type BenchContext = { databaseUrl?: string; redisUrl?: string };
export type BenchSection = (context: BenchContext) => Promise<{ title: string; rows: Row[] }>;

export const benchSections: BenchSection[] = [
  async (context) => (await import("./server")).benchServer(context),
  async (context) => (await import("./instances")).benchInstances(context),
  async (context) => (await import("./insights")).benchInsights(context),
  async (context) => (await import("./eval")).benchEvaluation(context),
  async () => (await import("./qdrant")).benchQdrant(),
];
