import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { scriptFailureLine, type ScriptOptions } from "@/scripts/run-script";

/** What a command-line script printed and how it exited. */
export type ScriptRun = { code: number; stdout: string; stderr: string };

type ScriptOutput = { out: (text: string) => void; err: (text: string) => void };

const root = path.resolve(import.meta.dirname, "..");
const lines = (texts: string[]) => texts.map((text) => `${text}\n`).join("");

/**
 * A script's command run in this process, on the test file's database: what it prints, and the
 * one line `runScript` would print for what it throws. Starting a process costs seconds of
 * module loading; `runScriptProcess` keeps that for what only a process shows.
 */
export async function runCommandInProcess(
  command: (argv: string[], io: ScriptOutput) => Promise<number>,
  options: ScriptOptions,
  argv: string[],
): Promise<ScriptRun> {
  const out: string[] = [];
  const err: string[] = [];
  let code: number;
  try {
    code = await command(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  } catch (error) {
    err.push(scriptFailureLine(error, options));
    code = 1;
  }
  return { code, stdout: lines(out), stderr: lines(err) };
}

/** `tsx scripts/<script>` as an operator starts it: a separate process, its exit code and output. */
export async function runScriptProcess(script: string, argv: string[], env: NodeJS.ProcessEnv): Promise<ScriptRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(path.join(root, "node_modules/.bin/tsx"), [`scripts/${script}`, ...argv], { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as ScriptRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
