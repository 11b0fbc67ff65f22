import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from ".";

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
});
