import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { DatabaseInUseError, openDatabase, type DatabaseHandle } from "./client";

// Real PGlite in temporary data directories: the lock guards real files.
const dirs: string[] = [];
const handles: DatabaseHandle[] = [];

// One directory PGlite has initialised, copied for each test: a fresh directory costs seconds of initdb.
let initialised: string;
beforeAll(async () => {
  initialised = mkdtempSync(path.join(os.tmpdir(), "lectern-lock-template-"));
  await (await openDatabase({ dataDir: initialised })).close();
});
afterAll(() => rmSync(initialised, { recursive: true, force: true }));

function tempDataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "lectern-lock-"));
  cpSync(initialised, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}

async function open(dataDir: string): Promise<DatabaseHandle> {
  const handle = await openDatabase({ dataDir });
  handles.push(handle);
  return handle;
}

/** A pid that certainly belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid;
}

afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close().catch(() => {});
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("embedded database lock", () => {
  it("refuses a second open of a data directory that is open, naming the holder", async () => {
    const dataDir = tempDataDir();
    await open(dataDir);
    const second = openDatabase({ dataDir });
    await expect(second).rejects.toBeInstanceOf(DatabaseInUseError);
    await expect(second).rejects.toThrow(
      `The embedded database in ${dataDir} is in use by process ${process.pid} (is \`npm start\` running?). Stop it first, or set DATABASE_URL.`,
    );
  });

  it("opens the directory again once the holder has closed it, with the data kept", async () => {
    const dataDir = tempDataDir();
    const first = await open(dataDir);
    expect(readFileSync(path.join(dataDir, "pglite.lock"), "utf8").trim()).toBe(String(process.pid));
    await first.db.execute("create table kept (id int)");
    await first.db.execute("insert into kept values (7)");
    await first.close();
    expect(existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);

    const again = await open(dataDir);
    const result = (await again.db.execute("select id from kept")) as unknown as { rows: { id: number }[] };
    expect(result.rows).toEqual([{ id: 7 }]);
  });

  it("takes over a stale lock left by a process that is gone", async () => {
    const dataDir = tempDataDir();
    const lockFile = path.join(dataDir, "pglite.lock");
    writeFileSync(lockFile, `${deadPid()}\n`);
    await open(dataDir);
    expect(readFileSync(lockFile, "utf8").trim()).toBe(String(process.pid));
  });

  it("takes over a lock carrying this process's pid that this process does not hold (restarted container)", async () => {
    const dataDir = tempDataDir();
    writeFileSync(path.join(dataDir, "pglite.lock"), `${process.pid}\n`);
    await expect(open(dataDir)).resolves.toBeDefined();
  });

  it("refuses while another live process holds the lock", async () => {
    const dataDir = tempDataDir();
    const livePid = process.ppid; // the test runner that started this worker: alive, and not us
    writeFileSync(path.join(dataDir, "pglite.lock"), `${livePid}\n`);
    await expect(openDatabase({ dataDir })).rejects.toThrow(`in use by process ${livePid}`);
  });
});

describe("embedded database memory", () => {
  it("runs Postgres with small shared buffers, in a data directory and in memory (PGlite's memory never shrinks)", async () => {
    for (const handle of [await open(tempDataDir()), await openDatabase({ memory: true })]) {
      handles.push(handle);
      const rows = (await handle.db.execute(sql`show shared_buffers`)) as unknown as { rows: Array<{ shared_buffers: string }> };
      expect(rows.rows[0]!.shared_buffers).toBe("16MB");
    }
  });
});
