import { describe, expect, it } from "vitest";
import { isDependencyUnavailable } from ".";

describe("isDependencyUnavailable", () => {
  it("sees a refused or dropped database connection through the wrappers' causes", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const wrapped = new Error("Failed query: select 1", { cause: new Error("session lookup failed", { cause: refused }) });
    expect(isDependencyUnavailable(wrapped)).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(isDependencyUnavailable(Object.assign(new Error("write CONNECTION_CLOSED"), { code: "CONNECTION_CLOSED" }))).toBe(true);
  });

  it("sees ioredis giving up on a lost connection", () => {
    expect(isDependencyUnavailable(Object.assign(new Error("Reached the max retries per request limit"), { name: "MaxRetriesPerRequestError" }))).toBe(true);
  });

  it("leaves bugs and bad input alone", () => {
    expect(isDependencyUnavailable(new TypeError("x is undefined"))).toBe(false);
    expect(isDependencyUnavailable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDependencyUnavailable("a string")).toBe(false);
  });
});
