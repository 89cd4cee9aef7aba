import { listDestinationTypes } from "@/domain/destinations/list-destination-types";
import { apiRoute } from "@/lib/api/api-route";

export const GET = apiRoute({ auth: { action: "destinations.read" } }, async () => ({ types: listDestinationTypes() }));
