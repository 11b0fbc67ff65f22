import { describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { sharedKeptRowsOf, type RowStamps } from "./shared-kept-rows";

/** Two instances are two processes; here two handles stand in for them, sharing one stamp store as they share Redis. */
const instance = () => ({ driver: "postgres" }) as DatabaseHandle;

/** The Redis stamps' rules (lib/rate-limit's rowStamps) in a Map: a missing stamp is made fresh, never an old one again. */
function stampStore(): RowStamps & { lose(): void } {
  const stamps = new Map<string, string>();
  let made = 0;
  return {
    async current(key) {
      if (!stamps.has(key)) stamps.set(key, `s${++made}`);
      return stamps.get(key)!;
    },
    async renew(key) {
      stamps.set(key, `s${++made}`);
    },
    lose: () => stamps.clear(),
  };
}

function source(initial: string) {
  const row = { value: initial, loads: 0 };
  const load = async () => {
    row.loads += 1;
    return row.value;
  };
  return { row, load };
}

describe("rows kept per instance on a shared database", () => {
  it("loads a row once while its stamp holds", async () => {
    const { row, load } = source("v1");
    const kept = sharedKeptRowsOf<string>(instance(), "things", stampStore());
    expect([await kept.read("a", load), await kept.read("a", load), await kept.read("a", load)]).toEqual(["v1", "v1", "v1"]);
    expect(row.loads).toBe(1);
  });

  it("a write on one instance shows on the other's very next read", async () => {
    const stamps = stampStore();
    const { row, load } = source("beginner");
    const a = sharedKeptRowsOf<string>(instance(), "profiles", stamps);
    const b = sharedKeptRowsOf<string>(instance(), "profiles", stamps);
    expect(await b.read("reader", load)).toBe("beginner");
    row.value = "expert"; // committed on A
    await a.forget("reader");
    expect(await b.read("reader", load)).toBe("expert");
    expect(await b.read("reader", load)).toBe("expert");
    expect(row.loads).toBe(2);
  });

  it("a load that raced a write is loaded again on the next read", async () => {
    const stamps = stampStore();
    const row = { value: "old" };
    const writer = sharedKeptRowsOf<string>(instance(), "profiles", stamps);
    const reader = sharedKeptRowsOf<string>(instance(), "profiles", stamps);
    // The reader read the stamp, then loaded the old row while the write committed and renewed it.
    const racing = reader.read("r", async () => {
      const loaded = row.value;
      row.value = "new";
      await writer.forget("r");
      return loaded;
    });
    expect(await racing).toBe("old");
    expect(await reader.read("r", async () => row.value)).toBe("new");
  });

  it("stamps lost from the shared store (Redis restarted empty) never revive a kept row", async () => {
    const stamps = stampStore();
    const { row, load } = source("v1");
    const kept = sharedKeptRowsOf<string>(instance(), "things", stamps);
    await kept.read("a", load);
    stamps.lose();
    row.value = "v2";
    expect(await kept.read("a", load)).toBe("v2");
  });

  it("keeps rows apart per key and per kind", async () => {
    const stamps = stampStore();
    const handle = instance();
    const profiles = sharedKeptRowsOf<string>(handle, "profiles", stamps);
    const urls = sharedKeptRowsOf<string>(handle, "urls", stamps);
    expect(await profiles.read("a", async () => "profile a")).toBe("profile a");
    expect(await profiles.read("b", async () => "profile b")).toBe("profile b");
    expect(await urls.read("a", async () => "urls a")).toBe("urls a");
    expect(await profiles.read("a", async () => "never")).toBe("profile a");
  });
});
