import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { background, scratch, send, startLectern, type Lectern } from "./harness";

/**
 * Qdrant is configured but nothing answers at its address: personalization says
 * SEARCH_UNAVAILABLE at once (not after piling up), and accounts do not notice.
 */
const port = 4704;
const deadQdrantPort = 4799; // in the suite's range; nothing listens there
const dataDir = `${scratch}/qdrant-${randomUUID().slice(0, 8)}`;
const fastMs = 3000;
let lectern: Lectern;
beforeAll(async () => {
  lectern = await startLectern(port, { DATA_DIR: dataDir, QDRANT_URL: `http://127.0.0.1:${deadQdrantPort}` });
});
afterAll(async () => {
  await lectern?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("Qdrant configured but unreachable", () => {
  it("personalization answers 503 SEARCH_UNAVAILABLE fast; sign-up, sign-in and profile work", async () => {
    const email = `qdrant-${randomUUID()}@example.org`;
    const up = await send(lectern.url, "/api/v1/auth/signup", { body: { email, password: "a qdrant password", background } });
    expect(up.status).toBe(201);
    for (const token of [undefined, up.body.session_token as string]) {
      const answer = await send(lectern.url, "/api/v1/personalize?q=motor", { token });
      expect([answer.status, answer.body.error?.code]).toEqual([503, "SEARCH_UNAVAILABLE"]);
      expect(answer.ms).toBeLessThan(fastMs);
    }
    expect((await send(lectern.url, "/api/v1/auth/signin", { body: { email, password: "a qdrant password" } })).status).toBe(200);
    expect((await send(lectern.url, "/api/v1/auth/profile", { token: up.body.session_token })).status).toBe(200);
    expect((await send(lectern.url, "/api/auth/get-session", { token: up.body.session_token })).status).toBe(200);
    expect(lectern.alive()).toBe(true);
  });
});
