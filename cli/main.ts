import { isAppError } from "@/lib/errors/app-error";
import { fromZodError } from "@/lib/errors/from-zod";
import { disconnectPrisma } from "@/lib/db/prisma";
import { closePool } from "@/lib/db/pool";
import type { Command } from "./command";
import { commands } from "./commands";
import { parseFlags } from "./parse-flags";

function usage(): string {
  const lines = commands.map((c) => `  ${c.usage.padEnd(72)} ${c.summary}`);
  return `Usage: switchyard <command> [options] [--json]\n\nCommands:\n${lines.join("\n")}\n`;
}

function findCommand(words: string[]): { command: Command; rest: string[] } | undefined {
  for (const command of [...commands].sort((a, b) => b.name.split(" ").length - a.name.split(" ").length)) {
    const parts = command.name.split(" ");
    if (parts.every((p, i) => words[i] === p)) return { command, rest: words.slice(parts.length) };
  }
  return undefined;
}

// Flags are --kebab-case on the command line and camelCase in the options schema.
function camel(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

async function main(argv: string[]): Promise<number> {
  const { words, flags: values } = parseFlags(argv);
  const json = values.json === true;
  if (words.length === 0 || values.help) {
    process.stdout.write(usage());
    return words.length === 0 && !values.help ? 1 : 0;
  }
  const found = findCommand(words);
  if (!found) {
    const message = `Unknown command "${words.join(" ")}". Run "switchyard --help" for the list.`;
    if (json) process.stdout.write(JSON.stringify({ error: { code: "bad_request", message } }) + "\n");
    else process.stderr.write(message + "\n");
    return 2;
  }
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (k !== "json") raw[camel(k)] = v;
  try {
    const parsed = found.command.options.safeParse(raw);
    if (!parsed.success) throw fromZodError(parsed.error, "Invalid options");
    const result = await found.command.run(parsed.data as never);
    if (result === undefined) return 0;
    if (json) process.stdout.write(JSON.stringify(result) + "\n");
    else process.stdout.write((found.command.human ? found.command.human(result as never) : JSON.stringify(result, null, 2)) + "\n");
    return 0;
  } catch (err) {
    const body = isAppError(err) ? err.toBody() : { error: { code: "internal_error", message: (err as Error).message } };
    if (json) process.stdout.write(JSON.stringify(body) + "\n");
    else process.stderr.write(`Error: ${body.error.message}\n`);
    return isAppError(err) ? 1 : 3;
  } finally {
    await disconnectPrisma();
    await closePool();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
