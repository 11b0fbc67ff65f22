import { describe, expect, it } from "vitest";
import { contractRateLimitResponse } from "./rate-limited-response";

function betterAuth429(headers: Record<string, string>): Response {
  return Response.json({ message: "Too many requests. Please try again later." }, { status: 429, headers });
}

describe("contractRateLimitResponse", () => {
  it("turns Better Auth's X-Retry-After 429 into the RATE_LIMITED envelope with Retry-After", async () => {
    const response = await contractRateLimitResponse(betterAuth429({ "X-Retry-After": "7" }));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({ error: { code: "RATE_LIMITED", message: "Too many requests. Try again in 7 seconds." } });
  });

  it("still gives a wait of at least one second when X-Retry-After is missing or zero", async () => {
    expect((await contractRateLimitResponse(betterAuth429({}))).headers.get("retry-after")).toBe("60");
    expect((await contractRateLimitResponse(betterAuth429({ "X-Retry-After": "0" }))).headers.get("retry-after")).toBe("1");
  });

  it("passes any other response through untouched", async () => {
    const ok = Response.json({ token: "t" }, { status: 200 });
    expect(await contractRateLimitResponse(ok)).toBe(ok);
  });
});
