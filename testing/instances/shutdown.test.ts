import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, inject, it } from "vitest";
import { callJson, uniqueEmail, uniqueIp } from "@/testing/accounts";
import { beginner } from "./client";
import { instancePorts } from "./global-setup";
import { startInstance, type Instance } from "./instance";

let instance: Instance | undefined;
afterEach(async () => {
  await instance?.stop();
  instance = undefined;
});

/** A sign-up whose body arrives in two parts: the request is in flight between them. */
function slowSignUp(base: string) {
  const email = uniqueEmail("shutdown");
  const body = JSON.stringify({
    email,
    password: "instances password 1",
    background: beginner,
  });
  const half = Math.floor(body.length / 2);
  let finish = () => {};
  const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const outgoing = request(`${base}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), "x-forwarded-for": uniqueIp() },
    });
    outgoing.on("response", (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    outgoing.on("error", reject);
    outgoing.write(body.slice(0, half));
    finish = () => outgoing.end(body.slice(half));
  });
  return { email, answer, finish: () => finish() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function shutDownWithRequestInFlight(started: Instance) {
  const inFlight = slowSignUp(started.url);
  await sleep(500); // the server has the headers and waits for the body
  const signalled = performance.now();
  started.child.kill("SIGTERM");
  await sleep(1500);
  // Stopped accepting: a new connection is refused while the old request is still open.
  await expect(fetch(`${started.url}/api/health`)).rejects.toThrow();
  inFlight.finish();
  const answer = await inFlight.answer;
  const exit = await started.exited;
  const seconds = (performance.now() - signalled) / 1000;
  return { email: inFlight.email, answer, exit, seconds };
}

describe("SIGTERM: stop accepting, finish what is in flight, close the pools, exit", () => {
  it("on Postgres and Redis: the in-flight sign-up completes and the process exits 0 within 10 s", async () => {
    instance = await startInstance(inject("deployment"), instancePorts.shutdown);
    const { answer, exit, seconds } = await shutDownWithRequestInFlight(instance);
    expect(answer.status, answer.body).toBe(201);
    expect(JSON.parse(answer.body).session_token).toEqual(expect.any(String));
    expect(exit, instance.tail()).toEqual({ code: 0, signal: null });
    expect(seconds).toBeLessThan(10);
    expect(readFileSync(instance.logFile, "utf8")).toContain("shut down cleanly");
  });

  it("embedded (PGlite): the same, and what the request wrote is on disk for the next start", async () => {
    const embedded = { DATABASE_URL: "", REDIS_URL: "", DATA_DIR: mkdtempSync(path.join(tmpdir(), "lectern-embedded-")) };
    instance = await startInstance(inject("deployment"), instancePorts.shutdown, embedded);
    const { email, answer, exit, seconds } = await shutDownWithRequestInFlight(instance);
    expect(answer.status, answer.body).toBe(201);
    expect(exit, instance.tail()).toEqual({ code: 0, signal: null });
    expect(seconds).toBeLessThan(10);
    expect(readFileSync(instance.logFile, "utf8")).toContain("shut down cleanly");
    expect(existsSync(path.join(embedded.DATA_DIR, "pglite.lock"))).toBe(false);

    // PGlite was closed (flushed), not killed: a new process opens the directory and finds the reader.
    instance = await startInstance(inject("deployment"), instancePorts.shutdown, embedded);
    const signedIn = await callJson(instance.url, "/api/v1/auth/signin", { method: "POST", body: { email, password: "instances password 1" } });
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
  });
});
