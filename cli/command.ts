import type { z } from "zod";

// A CLI command: its words ("writekey rotate"), its options as a zod schema over the parsed flags, and a run
// that returns one JSON-able result. `--json` prints that result; otherwise `human` renders it. A command that
// streams (events export) writes to stdout itself and returns undefined.
export type Command = {
  name: string;
  summary: string;
  usage: string;
  options: z.ZodType;
  run: (options: never) => Promise<unknown>;
  human?: (result: never) => string;
};

export function defineCommand<S extends z.ZodType, R>(command: {
  name: string;
  summary: string;
  usage: string;
  options: S;
  run: (options: z.infer<S>) => Promise<R>;
  human?: (result: R) => string;
}): Command {
  return command as unknown as Command;
}
