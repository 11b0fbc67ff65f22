import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { background, scratch, send, startLectern, type Lectern } from "./harness";

/**
 * Embedded mode (PGlite in DATA_DIR): the server is killed with SIGKILL in the middle of
 * sign-ups, with no chance to flush or close. Started again on the same directory, it opens
 * the data and every sign-up it had acknowledged is there, able to sign in, with its background.
 */
const port = 4702;
const dataDir = `${scratch}/embedded-${randomUUID().slice(0, 8)}`;
let lectern: Lectern | undefined;
afterAll(async () => {
  await lectern?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("SIGKILL during writes on the embedded database", () => {
  it("reopens the data directory with every acknowledged sign-up", async () => {
    lectern = await startLectern(port, { DATA_DIR: dataDir });
    const acknowledged: string[] = [];
    let running = true;
    const worker = async () => {
      while (running) {
        const email = `crash-${randomUUID()}@example.org`;
        const answer = await send(lectern!.url, "/api/v1/auth/signup", { body: { email, password: "a crashing password", background } }).catch(() => null);
        if (answer?.status === 201) acknowledged.push(email);
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    const enough = Date.now() + 60_000;
    while (acknowledged.length < 20 && Date.now() < enough) await new Promise((resolve) => setTimeout(resolve, 200));
    await lectern.stop("SIGKILL");
    running = false;
    await Promise.all(workers);
    expect(acknowledged.length).toBeGreaterThanOrEqual(20);

    lectern = await startLectern(port, { DATA_DIR: dataDir });
    const missing: string[] = [];
    for (const email of acknowledged) {
      const signIn = await send(lectern.url, "/api/v1/auth/signin", { body: { email, password: "a crashing password" } });
      if (signIn.status !== 200 || JSON.stringify(signIn.body.background) !== JSON.stringify(background))
        missing.push(`${email}: ${signIn.status} ${signIn.text.slice(0, 120)}`);
    }
    expect(missing).toEqual([]);
    const fresh = await send(lectern.url, "/api/v1/auth/signup", {
      body: { email: `after-crash-${randomUUID()}@example.org`, password: "a crashing password", background },
    });
    expect(fresh.status).toBe(201);
  });
});
