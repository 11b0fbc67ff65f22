import { randomUUID } from "node:crypto";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { distDir } from "./build";
import { bookOrigin, randomAddress, rawRequest, scratch, startLectern, type Lectern } from "./harness";

/**
 * The production server as a browser or an attacker meets it (Next's router, pages and server
 * actions in front of the route handlers): unsupported methods, hostile paths, redirects and
 * fuzzed form actions. Never a 5xx, never a log line the request wrote.
 */
const port = 4705;
const dataDir = `${scratch}/edge-${randomUUID().slice(0, 8)}`;
const runs = Number(process.env.FUZZ_RUNS ?? 25);
let lectern: Lectern;
beforeAll(async () => {
  lectern = await startLectern(port, { DATA_DIR: dataDir });
});
afterAll(async () => {
  await lectern?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function raw(pathname: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has("x-forwarded-for")) headers.set("x-forwarded-for", randomAddress());
  const response = await fetch(`${lectern.url}${pathname}`, { ...init, headers, redirect: "manual" });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

describe("methods", () => {
  it("TRACE and other unsupported methods get 405, never a 500", async () => {
    for (const method of ["TRACE", "TRACK", "PROPFIND", "PATCH", "DELETE"]) {
      for (const pathname of ["/api/v1/auth/profile", "/api/v1/auth/signup", "/api/health", "/api/auth/get-session", "/sign-in", "/"]) {
        const answer = await rawRequest(lectern.url, pathname, method);
        expect(answer.status, `${method} ${pathname}`).toBeLessThan(500);
        // Node's parser already refuses methods it does not know (TRACK: 400); TRACE reaches Lectern.
        if (method === "TRACE") expect(answer.status, `${method} ${pathname}`).toBe(405);
      }
    }
  });
});

describe("paths and redirects through Next", () => {
  it("a control character in a path is refused in the envelope", async () => {
    const answer = await raw("/api/auth/reset-password/a%00b?callbackURL=/account");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text).error.code).toBe("INVALID_INPUT");
  });

  it("verify-email never redirects off Lectern or the book", async () => {
    for (const trick of ["/.//evil.example", "/..//evil.example", "/\t/evil.example", "/\\evil.example"]) {
      const answer = await raw(`/api/auth/verify-email?token=bad&callbackURL=${encodeURIComponent(trick)}`);
      const location = answer.headers.get("location");
      if (location) expect([lectern.url, `http://localhost:${port}`, bookOrigin]).toContain(new URL(location, lectern.url).origin);
      expect(answer.status).toBeLessThan(500);
    }
  });
});

/** Server actions of the built pages, from Next's manifest: id and the page that hosts it. */
function serverActions(): Array<{ id: string; page: string }> {
  const manifest = path.join(distDir, "server", "server-reference-manifest.json");
  if (!existsSync(manifest)) return [];
  const { node } = JSON.parse(readFileSync(manifest, "utf8")) as { node: Record<string, { workers: Record<string, unknown> }> };
  return Object.entries(node).flatMap(([id, entry]) =>
    Object.keys(entry.workers)
      .filter((worker) => worker.startsWith("app/") && worker.endsWith("/page"))
      .slice(0, 1)
      .map((worker) => ({
        id,
        page:
          worker
            .replace(/^app/, "")
            .replace(/\/page$/, "")
            .replace(/\/\([^)]+\)/g, "") || "/",
      })),
  );
}

const hostile = fc.oneof(
  fc.constantFrom("\u0000", "' OR 1=1 --", "<script>alert(1)</script>", "__proto__", "a".repeat(20_000), '\r\n{"level":50}', "\ud800"),
  fc.string({ unit: "binary", maxLength: 30 }),
);
const actionArgument = fc.oneof(
  fc.jsonValue(),
  fc.dictionary(fc.constantFrom("email", "password", "newPassword", "currentPassword", "token", "returnTo", "__proto__", "background", "sessionId"), hostile),
);

/** React's reply encoding escapes a string that starts with "$" (its reference marker) as "$$…". */
function reactEscaped(value: unknown): unknown {
  if (typeof value === "string") return value.startsWith("$") ? `$${value}` : value;
  if (Array.isArray(value)) return value.map(reactEscaped);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reactEscaped(item)]));
  return value;
}

/** Lines the server wrote from `from` on, once `count` of them say "refused before Next" (stdout is read asynchronously). */
async function linesSince(from: number, refusals: number): Promise<string[]> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && lectern.lines.slice(from).filter((line) => line.includes("refused before Next")).length < refusals) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return lectern.lines.slice(from);
}

const isJsonLine = (line: string) => {
  try {
    return typeof JSON.parse(line) === "object";
  } catch {
    return false;
  }
};

describe("server actions Next cannot decode (issue 21, finding 6)", () => {
  it("malformed action bodies get a 4xx in the envelope and one JSON log line each, never Next's 500", async () => {
    const [action] = serverActions();
    expect(action).toBeDefined();
    const bodies: Record<string, BodyInit> = {
      garbage: "garbage",
      bracket: "[",
      empty: "",
      "a reference to a missing part": '["$Q1"]',
      "5000 deep": `${"[".repeat(5000)}${"]".repeat(5000)}`,
      "over 1 MB": JSON.stringify(["a".repeat(1024 * 1024 + 10)]),
      "over 1 MB, chunked": new Blob([JSON.stringify(["b".repeat(1024 * 1024 + 10)])]).stream(),
    };
    const from = lectern.lines.length;
    for (const [name, body] of Object.entries(bodies)) {
      const answer = await raw(action!.page, {
        method: "POST",
        headers: { "next-action": action!.id, origin: lectern.url, "content-type": "text/plain;charset=UTF-8" },
        body,
        ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
      } as RequestInit);
      expect(answer.status, `${name}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(answer.status, name).toBeLessThan(500);
      expect(JSON.parse(answer.text).error.code, name).toBe("INVALID_INPUT");
    }
    const written = await linesSince(from, Object.keys(bodies).length);
    expect(written.filter((line) => !isJsonLine(line))).toEqual([]);
    expect(written.filter((line) => line.includes("refused before Next"))).toHaveLength(Object.keys(bodies).length);
  });

  it("a cross-site form post (Origin of another site, or null) is refused with 403 before Next", async () => {
    const [action] = serverActions();
    const from = lectern.lines.length;
    for (const origin of ["https://evil.example", "null"]) {
      // What a foreign page's <form method=post enctype=multipart/form-data> sends: no Next-Action header.
      const form = new FormData();
      form.append(`$ACTION_ID_${action!.id}`, "");
      form.append("email", "victim@example.org");
      const answer = await raw(action!.page, { method: "POST", headers: { origin }, body: form });
      expect(answer.status, `${origin}: ${answer.text.slice(0, 200)}`).toBe(403);
      expect(JSON.parse(answer.text).error.code).toBe("FORBIDDEN");
      const fetched = await raw(action!.page, { method: "POST", headers: { origin, "next-action": action!.id }, body: form });
      expect(fetched.status, origin).toBe(403);
    }
    const written = await linesSince(from, 4);
    expect(written.filter((line) => !isJsonLine(line))).toEqual([]);
  });
});

describe("HEAD on the export (issue 21, finding 9)", () => {
  it("exports nothing: no audit row, no budget spent", async () => {
    const email = `head-${randomUUID()}@example.org`;
    const up = await fetch(`${lectern.url}/api/v1/auth/signup`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: bookOrigin, "x-forwarded-for": randomAddress() },
      body: JSON.stringify({
        email,
        password: "a head password",
        background: { software_experience: "beginner", programming_background: "none", hardware_knowledge: "none" },
      }),
    });
    expect(up.status).toBe(201);
    const { session_token: token } = (await up.json()) as { session_token: string };
    const bearer = { authorization: `Bearer ${token}`, "x-forwarded-for": randomAddress() };
    const head = await fetch(`${lectern.url}/api/v1/auth/export`, { method: "HEAD", headers: bearer });
    expect(head.status).toBeGreaterThanOrEqual(400);
    const exported = await fetch(`${lectern.url}/api/v1/auth/export`, { headers: bearer });
    expect(exported.status).toBe(200);
    const document = (await exported.json()) as { audit_events: Array<{ event: string }> };
    expect(document.audit_events.filter((event) => event.event === "account_exported")).toHaveLength(1);
  });
});

describe("form actions", () => {
  it("a server action posted from a foreign origin is refused with 403, not Next's 500", async () => {
    const [action] = serverActions();
    expect(action).toBeDefined();
    const answer = await raw(action!.page, {
      method: "POST",
      headers: { "next-action": action!.id, origin: "https://evil.example", "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.text).error.code).toBe("FORBIDDEN");
  });

  it("every server action survives fuzzed arguments and bodies: never a 5xx", async () => {
    const actions = serverActions();
    expect(actions.length, "the build has server actions to fuzz").toBeGreaterThan(0);
    const linesBefore = lectern.lines.length;
    for (const action of actions) {
      await fc.assert(
        fc.asyncProperty(fc.array(actionArgument, { maxLength: 2 }), fc.boolean(), async (args, asForm) => {
          let body: BodyInit;
          const headers: Record<string, string> = { "next-action": action.id, origin: lectern.url };
          if (asForm) {
            // What a form with useActionState sends: React's reply encoding, root "0" referring
            // to the form's fields "1_<name>".
            const form = new FormData();
            form.append("0", JSON.stringify([null, "$K1"]));
            for (const [key, value] of Object.entries((args[0] ?? {}) as Record<string, unknown>))
              form.append(`1_${key}`, typeof value === "string" ? value : JSON.stringify(reactEscaped(value)));
            body = form;
          } else {
            body = JSON.stringify(reactEscaped(args));
            headers["content-type"] = "text/plain;charset=UTF-8";
          }
          const answer = await raw(action.page, { method: "POST", headers, body });
          expect(answer.status, `${action.page} ${action.id} ${JSON.stringify(args).slice(0, 200)}: ${answer.text.slice(0, 200)}`).toBeLessThan(500);
        }),
        { numRuns: runs },
      );
    }
    expect(lectern.alive()).toBe(true);
    // Every line the fuzzed requests made the server write is one JSON object (Next's own
    // messages too, through the logger), never a line the request wrote (read after a graceful stop).
    await lectern.stop();
    const written = lectern.lines.slice(linesBefore);
    expect(written.filter((line) => line.startsWith('{"level":50}') || line.startsWith('{"level":50,"msg":"forged"'))).toEqual([]);
    expect(written.filter((line) => !isJsonLine(line))).toEqual([]);
  });
});
