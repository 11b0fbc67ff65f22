/** What a process and its children use, read from Linux's /proc: the bench's one way to read a server's CPU and memory. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU seconds (user + system) a process and its children have used: `tsx` runs the server as its child. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const own = (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return own + children.reduce((sum, child) => sum + cpuSeconds(child), 0);
  } catch {
    return 0; // not Linux, or the process is gone
  }
}

/** Resident memory (MB) of a process and its children, now and at its peak (VmHWM; summed, an upper bound). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    return children.map(memoryOf).reduce((sum, child) => ({ rssMb: sum.rssMb + child.rssMb, peakMb: sum.peakMb + child.peakMb }), {
      rssMb: kb("VmRSS") / 1024,
      peakMb: kb("VmHWM") / 1024,
    });
  } catch {
    return { rssMb: 0, peakMb: 0 }; // not Linux, or the process is gone
  }
}
