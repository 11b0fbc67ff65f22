import { afterEach, describe, expect, it } from "vitest";
import { closeDatabase, installDatabaseHandle, type DatabaseHandle } from "@/db";
import { GET } from "./route";

/** A database handle that records any use: liveness must answer without one. */
function watchedHandle(): { handle: DatabaseHandle; touched: string[] } {
  const touched: string[] = [];
  const trap = <T extends object>(name: string): T =>
    new Proxy({} as T, {
      get: (_target, property) => {
        touched.push(`${name}.${String(property)}`);
        throw new Error(`the health route touched the database (${name}.${String(property)})`);
      },
    });
  const handle: DatabaseHandle = {
    db: trap("db"),
    driver: "pglite",
    location: "watched",
    close: async () => {},
    exclusively: () => {
      touched.push("exclusively");
      throw new Error("the health route took the migration lock");
    },
  };
  return { handle, touched };
}

afterEach(() => closeDatabase());

describe("GET /api/health", () => {
  it("answers 200 with a JSON status without touching the database", async () => {
    const { handle, touched } = watchedHandle();
    installDatabaseHandle(handle);
    const response = await GET(new Request("http://lectern.test/api/health"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
    expect(touched).toEqual([]);
  });
});
