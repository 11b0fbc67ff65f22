import { describe, expect, it } from "vitest";
import type { DatabaseHandle } from "./client";
import { keptRowsOf } from "./kept-rows";

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

  it("keeps nothing on a Postgres server, where other instances write too", async () => {
    const kept = keptRowsOf<string>(server(), "things");
    const load = counting("v1");
    await kept.read("a", load);
    await kept.read("a", load);
    expect(load.calls).toBe(2);
  });
});
