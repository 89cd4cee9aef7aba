import { z } from "zod";

// A CLI command: its words ("writekey rotate"), its options as a zod schema over the parsed flags, and a run
// that returns one JSON-able result. `--json` prints that result; otherwise `human` renders it.
export type Command<S extends z.ZodType = z.ZodType> = {
  name: string;
  summary: string;
  usage: string;
  options: S;
  run: (options: z.infer<S>) => Promise<unknown>;
  human?: (result: never) => string;
};

export function defineCommand<S extends z.ZodType>(command: Command<S> & { human?: (result: Awaited<ReturnType<Command<S>["run"]>>) => string }): Command {
  return command as unknown as Command;
}
