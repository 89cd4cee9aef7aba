// Child of startStallProbe (machine-stalls.ts): every 10 ms, one 4 KB write and fdatasync in the directory given, and
// how late the timer fired; with `--timer-only`, the timer alone (a probe pinned to one CPU). "reset" starts a new
// interval; "report" sends the interval's summary.
import fs from "node:fs";
import path from "node:path";
import { summarizeStalls } from "./machine-stalls";

const timerOnly = process.argv[2] === "--timer-only";
const file = timerOnly ? null : path.join(process.argv[2], `switchyard-stall-probe-${process.pid}`);
const fd = file === null ? null : fs.openSync(file, "w");
const page = Buffer.alloc(4096, 7);
let syncMs: number[] = [];
let timerLateMs: number[] = [];

process.on("message", (m) => {
  if (m === "report") process.send!(summarizeStalls(syncMs, timerLateMs));
  else process.send!(summarizeStalls([], []));
  syncMs = [];
  timerLateMs = [];
});
process.on("disconnect", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
process.on("exit", () => {
  if (file !== null) fs.rmSync(file, { force: true });
});

function tick() {
  if (fd !== null) {
    const started = performance.now();
    fs.writeSync(fd, page, 0, page.length, 0);
    fs.fdatasyncSync(fd);
    syncMs.push(performance.now() - started);
  }
  const due = performance.now() + 10;
  setTimeout(() => {
    timerLateMs.push(performance.now() - due);
    tick();
  }, 10);
}
tick();
