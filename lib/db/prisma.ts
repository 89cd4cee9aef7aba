import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { getEnv } from "../env";

export type Db = PrismaClient;
export type { Prisma } from "../generated/prisma/client";

const globalForPrisma = globalThis as unknown as { switchyardPrisma?: PrismaClient };

// One client per process (Next's dev server reloads modules; the global keeps it single).
export function getPrisma(): PrismaClient {
  if (!globalForPrisma.switchyardPrisma) {
    const adapter = new PrismaPg({ connectionString: getEnv().DATABASE_URL, max: 10 });
    globalForPrisma.switchyardPrisma = new PrismaClient({ adapter });
  }
  return globalForPrisma.switchyardPrisma;
}

export async function disconnectPrisma() {
  await globalForPrisma.switchyardPrisma?.$disconnect();
  globalForPrisma.switchyardPrisma = undefined;
}
