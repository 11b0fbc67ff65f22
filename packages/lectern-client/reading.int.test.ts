import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indexBook } from "@/lib/content";
import { postgresEngine } from "@/lib/personalization";
import { startTestServer, type TestServer } from "@/testing/http-server";
import { isolateBookDatabase } from "@/testing/isolated-database";
import { createLecternClient, memoryTokenStorage } from "./index";

/** The client's progress and feedback methods against Lectern's real routes (bearer mode), on the fixture book (feedback names its sections). */
isolateBookDatabase();

let server: TestServer;
beforeAll(async () => {
  await indexBook(path.join(import.meta.dirname, "../../lib/content/fixtures/book"), postgresEngine);
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const background = { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" } as const;

async function signedUpClient() {
  // A busy test machine writes 250 marks slower than a browser's 5 s budget.
  const client = createLecternClient({ baseUrl: server.url, credentials: "bearer", tokenStorage: memoryTokenStorage(), timeoutMs: 20_000 });
  await client.signUp({ email: `${crypto.randomUUID()}@example.org`, password: "a long enough passphrase", background });
  return client;
}

describe("reading progress and feedback through the client", () => {
  it("sends more marks than one call takes, in calls of at most 200, and reads them back", async () => {
    const client = await signedUpClient();
    const at = new Date().toISOString();
    const marks = Array.from({ length: 250 }, (_, index) => ({ url: `/docs/page-${index}`, state: "read" as const, at }));
    const stored = await client.saveProgress(marks);
    expect(stored).toHaveLength(250);
    const progress = await client.progress();
    expect(progress.sections).toHaveLength(250);
    expect(progress.sections.every((section) => section.state === "read")).toBe(true);
  });

  it("sends feedback and replaces it with a new answer", async () => {
    const section = "/docs/motors/motors-for-beginners";
    const client = await signedUpClient();
    expect(await client.sendFeedback({ url: section, helpful: false, reason: "too_hard", comment: "too fast" })).toMatchObject({
      helpful: false,
      reason: "too_hard",
      comment: "too fast",
    });
    expect(await client.sendFeedback({ url: section, helpful: true })).toMatchObject({ helpful: true, reason: null, comment: null });
  });

  it("reports a guest's progress request as UNAUTHORIZED", async () => {
    const guest = createLecternClient({ baseUrl: server.url, credentials: "bearer", tokenStorage: memoryTokenStorage() });
    await expect(guest.progress()).rejects.toMatchObject({ code: "UNAUTHORIZED", status: 401 });
  });
});
