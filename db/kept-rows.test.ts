import { describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { keptRowsLimits, keptRowsOf } from "./kept-rows";

/** Handles stand in for open databases: only their driver and identity matter here. */
const embedded = () => ({ driver: "pglite" }) as DatabaseHandle;
const server = () => ({ driver: "postgres" }) as DatabaseHandle;

function counting(value: string) {
  const load = async () => {
    load.calls += 1;
    return value;
  };
  load.calls = 0;
  return load;
}

describe("rows kept in memory", () => {
  it("on the embedded database, loads a row once until its writer forgets it", async () => {
    const handle = embedded();
    const load = counting("v1");
    const kept = keptRowsOf<string>(handle, "things");
    expect([await kept.read("a", load), await kept.read("a", load)]).toEqual(["v1", "v1"]);
    expect(load.calls).toBe(1);
    keptRowsOf<string>(handle, "things").forget("a");
    expect(await kept.read("a", load)).toBe("v1");
    expect(load.calls).toBe(2);
  });

  it("keeps nothing a read loaded while a write was committed", async () => {
    const kept = keptRowsOf<string>(embedded(), "things");
    let finish!: (value: string) => void;
    const racing = kept.read("a", () => new Promise<string>((resolve) => (finish = resolve)));
    kept.forget("a"); // a write committed while the read was loading
    finish("old");
    expect(await racing).toBe("old");
    const load = counting("new");
    expect(await kept.read("a", load)).toBe("new");
    expect(load.calls).toBe(1);
  });

  it("keeps per database and per name", async () => {
    const handle = embedded();
    await keptRowsOf<string>(handle, "things").read("a", counting("v1"));
    const otherName = counting("other");
    const otherDatabase = counting("elsewhere");
    expect(await keptRowsOf<string>(handle, "others").read("a", otherName)).toBe("other");
    expect(await keptRowsOf<string>(embedded(), "things").read("a", otherDatabase)).toBe("elsewhere");
    expect([otherName.calls, otherDatabase.calls]).toEqual([1, 1]);
  });

  it("keeps at most its byte budget: the least recently read rows are loaded again", async () => {
    const kept = keptRowsOf<string>(embedded(), "large things");
    const large = "x".repeat(256 * 1024); // ~0.5 MB each as UTF-16: about 16 of them fill the 8 MB budget
    const loads = Array.from({ length: 40 }, () => counting(large));
    for (const [index, load] of loads.entries()) await kept.read(`key ${index}`, load);
    // Newest first: the kept ones answer without a load, then every older one was dropped.
    for (let index = 39; index >= 0; index--) await kept.read(`key ${index}`, loads[index]!);
    const stillKept = loads.filter((load) => load.calls === 1).length;
    expect(stillKept).toBe(Math.floor(keptRowsLimits.maxWeight / keptRowsLimits.weigh(large)));
    expect(stillKept).toBeGreaterThan(10);
    expect(loads.slice(0, 20).every((load) => load.calls === 2)).toBe(true);
  });

  it("keeps nothing on a Postgres server, where other instances write too", async () => {
    const kept = keptRowsOf<string>(server(), "things");
    const load = counting("v1");
    await kept.read("a", load);
    await kept.read("a", load);
    expect(load.calls).toBe(2);
  });
});
