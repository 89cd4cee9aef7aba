import type { DestinationModule } from "./destination-types";
import { postgresDestination } from "./postgres/postgres-warehouse";
import { webhookDestination } from "./webhook/webhook";

// Every destination type Switchyard can deliver to.
const MODULES: DestinationModule<never>[] = [webhookDestination as never, postgresDestination as never];

export const DESTINATION_TYPES: ReadonlyMap<string, DestinationModule> = new Map(MODULES.map((m) => [m.type, m as unknown as DestinationModule]));

export function getDestinationType(type: string): DestinationModule | undefined {
  return DESTINATION_TYPES.get(type);
}

export async function closeDestinationTypes() {
  await Promise.all([...DESTINATION_TYPES.values()].map((m) => m.close?.()));
}
