import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dropConfiguredSingletons, processSingleton } from "@/lib/singleton";
import { environmentSchema, type Environment } from "./schema";

export type { Environment } from "./schema";

/** Start-up stops on this; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export type Config = Environment & {
  /** Always set: from the environment, or generated into DATA_DIR in embedded mode. */
  BETTER_AUTH_SECRET: string;
  /** keyId:base64 entries, newest first; the first encrypts, all decrypt. */
  PROFILE_ENCRYPTION_KEY: string[];
  /** Absolute DATA_DIR. */
  dataDir: string;
  embeddedDatabase: boolean;
};

export type EnvironmentSource = Record<string, string | undefined>;

export function parseEnvironment(source: EnvironmentSource): Environment {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = environmentSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    const item = typeof issue.path[1] === "number" ? ` (entry ${issue.path[1] + 1})` : "";
    const shown = typeof cleaned[name] === "string" && !/SECRET|KEY|PASSWORD/.test(name) && !/URL/.test(name) ? ` (got "${cleaned[name]}")` : "";
    throw new ConfigError(`Invalid configuration: ${name}${item}: ${issue.message}${shown}`);
  }
  return result.data;
}

type GeneratedSecrets = { betterAuthSecret: string; profileEncryptionKey: string };

/** Embedded mode keeps its generated secrets beside the database so restarts keep sessions and data readable. */
function embeddedSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: GeneratedSecrets = {
    betterAuthSecret: randomBytes(32).toString("base64url"),
    profileEncryptionKey: `k1:${randomBytes(32).toString("base64")}`,
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

export function buildConfig(source: EnvironmentSource = process.env): Config {
  const env = parseEnvironment(source);
  const dataDir = path.resolve(env.DATA_DIR);
  const needsGenerated = !env.BETTER_AUTH_SECRET || !env.PROFILE_ENCRYPTION_KEY;
  const generated = needsGenerated ? embeddedSecrets(dataDir) : undefined;
  return {
    ...env,
    BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? generated!.betterAuthSecret,
    PROFILE_ENCRYPTION_KEY: env.PROFILE_ENCRYPTION_KEY ?? [generated!.profileEncryptionKey],
    dataDir,
    embeddedDatabase: !env.DATABASE_URL,
  };
}

/** The configuration, parsed once per process (shared by the custom server and Next's bundles). */
export function config(): Config {
  return processSingleton("config", () => buildConfig(), { builtFromConfig: true });
}

/**
 * Tests change the environment between files; the next `config()` reads it again, and what was
 * built from the old configuration (Better Auth, the content engine) is built afresh too.
 */
export function resetConfigForTests(): void {
  dropConfiguredSingletons();
}
