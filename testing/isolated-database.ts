import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { databaseHandle, flushPendingWrites, migrate, openDatabase, installDatabaseHandle, type DatabaseHandle } from "@/db";

/**
 * For suites that own a whole table's contents (the book index is one book per database; key
 * rotation re-seals every row):
 * without TEST_DATABASE_URL the file already has its own PGlite; with it, the file gets its
 * own throwaway database on that server, so parallel files cannot see each other's books.
 */
export function isolateBookDatabase(): void {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const name = `lectern_test_${randomUUID().replaceAll("-", "")}`;
  let shared: DatabaseHandle;
  let own: DatabaseHandle;

  beforeAll(async () => {
    shared = await databaseHandle();
    const admin = await openDatabase({ url });
    await admin.db.execute(`create database ${name}`);
    await admin.close();
    const target = new URL(url);
    target.pathname = `/${name}`;
    own = await openDatabase({ url: target.toString() });
    await migrate(own);
    installDatabaseHandle(own);
  });

  afterAll(async () => {
    await flushPendingWrites(); // this file's held-back writes belong to its own database
    await own?.close();
    installDatabaseHandle(shared);
    const admin = await openDatabase({ url });
    await admin.db.execute(`drop database if exists ${name}`);
    await admin.close();
  });
}
