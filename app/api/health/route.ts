import { getPrisma } from "@/lib/db/prisma";
import { apiRoute } from "@/lib/api/api-route";
import { AppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: "public" }, async () => {
  try {
    await getPrisma().$queryRaw`SELECT 1`;
  } catch {
    throw new AppError("unavailable", "The database is not answering");
  }
  return { ok: true };
});
