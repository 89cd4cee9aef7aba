-- CreateTable
CREATE TABLE "mappings" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "destination_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "trigger" JSONB NOT NULL,
    "fields" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mappings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "mappings_workspace_id_destination_id_position_idx" ON "mappings"("workspace_id", "destination_id", "position");

-- CreateIndex
CREATE INDEX "mappings_destination_id_idx" ON "mappings"("destination_id");

-- AddForeignKey
ALTER TABLE "mappings" ADD CONSTRAINT "mappings_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mappings" ADD CONSTRAINT "mappings_destination_id_fkey" FOREIGN KEY ("destination_id") REFERENCES "destinations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

