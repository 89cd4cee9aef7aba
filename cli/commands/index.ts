import type { Command } from "../command";
import { destinationCommands } from "./destinations";
import { migrateCommands } from "./migrate";
import { sourceCommands } from "./sources";
import { userCommands } from "./users";
import { workspaceCommands } from "./workspaces";

export const commands: Command[] = [...migrateCommands, ...userCommands, ...workspaceCommands, ...sourceCommands, ...destinationCommands];
