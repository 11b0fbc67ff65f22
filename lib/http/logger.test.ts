import { Writable } from "node:stream";
import type { Logger } from "pino";
import { describe, expect, it } from "vitest";
import { processSlot } from "@/lib/singleton";
import { accessLogger, createLogger, logger as processLogger } from ".";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger("info", destination), lines };
}

describe("logger", () => {
  it("writes one JSON line per event with the service name", () => {
    const { logger, lines } = capture();
    logger.info({ requestId: "r-1" }, "request");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ service: "lectern", requestId: "r-1", msg: "request" });
  });

  it("never writes passwords, tokens, cookies or background answers", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        password: "hunter2-secret",
        body: { newPassword: "new-secret-pw", session_token: "tok-abc", background: { hardware_knowledge: "advanced" } },
        headers: { authorization: "Bearer tok-def", cookie: "better-auth.session_token=tok-ghi" },
        token: "tok-jkl",
      },
      "event with secrets",
    );
    const line = lines.join("");
    for (const secret of ["hunter2-secret", "new-secret-pw", "tok-abc", "tok-def", "tok-ghi", "tok-jkl", "advanced"]) {
      expect(line).not.toContain(secret);
    }
    expect(JSON.parse(line).password).toBe("[redacted]");
  });

  it("logs a failed query without its parameters (a reader's search text, a token)", () => {
    const { logger, lines } = capture();
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: "22021" });
    const failed = Object.assign(new Error('Failed query: select 1 where q = $1\nparams: a secret search\n{"level":50,"msg":"forged"}', { cause }), {
      name: "DrizzleQueryError",
      query: "select 1 where q = $1",
      params: ["a secret search"],
    });
    logger.error({ err: failed }, "unhandled error");
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!);
    expect(lines[0]).not.toContain("a secret search");
    expect(lines[0]).not.toContain("forged");
    expect(line.err).toMatchObject({ type: "DrizzleQueryError", message: "Failed query: select 1 where q = $1", cause: { code: "22021" } });
  });

  it("writes the access line through the process logger's destination, and follows that logger when it is replaced", () => {
    const slot = processSlot<Logger>("logger");
    try {
      const first = capture();
      slot.set(first.logger);
      accessLogger().info({ requestId: "r-1", method: "GET", path: "/api/health", status: 200, ms: 1 }, "request");
      processLogger().info({ token: "tok-secret" }, "other event");
      const second = capture();
      slot.set(second.logger);
      accessLogger().info({ requestId: "r-2", method: "GET", path: "/api/health", status: 200, ms: 1 }, "request");
      expect(first.lines.map((line) => JSON.parse(line))).toMatchObject([
        { service: "lectern", requestId: "r-1", path: "/api/health", status: 200, msg: "request" },
        { token: "[redacted]", msg: "other event" },
      ]);
      expect(second.lines.map((line) => JSON.parse(line).requestId)).toEqual(["r-2"]);
    } finally {
      slot.clear();
    }
  });
});
