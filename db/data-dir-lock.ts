import { openSync, readFileSync, unlinkSync, writeSync, closeSync } from "node:fs";
import { processSingleton } from "@/lib/singleton";

/** Another live process has the embedded database open; opening it too would corrupt it. */
export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

// Locks this process holds (Next bundles its own copy of this module).
const held = processSingleton("data-dir-locks", () => new Set<string>());

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(lockFile: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined; // gone meanwhile, or unreadable: treat as stale
  }
}

/**
 * Takes `lockFile` for this process (PGlite itself lets any number of processes open one data
 * directory, each unaware of the others' writes). A lock left by a dead process, or by an earlier
 * process that had our pid (a restarted container), is taken over. Returns the release function;
 * it also runs on process exit, so only a killed process leaves a (stale) lock behind.
 */
export function lockDataDir(lockFile: string, dataDir: string): () => void {
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(lockFile, "wx", 0o600);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(lockFile);
    const live = owner !== undefined && (owner === process.pid ? held.has(lockFile) : isAlive(owner));
    if (live || attempt >= 3) {
      throw new DatabaseInUseError(
        `The embedded database in ${dataDir} is in use by process ${owner ?? "unknown"} (is \`npm start\` running?). Stop it first, or set DATABASE_URL.`,
      );
    }
    try {
      unlinkSync(lockFile);
    } catch {
      // another process took it over first; the next attempt sees its lock
    }
  }
  held.add(lockFile);
  const release = () => {
    process.off("exit", release);
    if (!held.delete(lockFile)) return;
    try {
      if (readOwner(lockFile) === process.pid) unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.on("exit", release);
  return release;
}
