import { readFileSync } from "node:fs";

/** Linux's clock ticks per second for /proc times (USER_HZ), 100 on every architecture Node runs on here. */
const ticksPerSecond = 100;

/** Another process's CPU time (user + system) so far, in ms, read from /proc/{pid}/stat. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // the command name (field 2) may hold spaces; fields after its closing parenthesis are space-separated
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / ticksPerSecond) * 1000;
}
