import os from "node:os";

// The memory this process may use: a container's limit when it is below the machine's memory (without one, Node
// reports a huge number), else the machine's.
export function availableMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 && limit < os.totalmem() ? limit : os.totalmem();
}
