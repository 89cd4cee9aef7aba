#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly, as it does for the collector and workers.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
