import type { Role } from "@/lib/generated/prisma/enums";
import { ROLES, ROLE_LABELS, SOURCE_SCOPED_ROLES } from "@/lib/permissions/permissions";

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  OWNER: "Full access, including members, billing, API tokens and the audit log.",
  ADMIN: "Manages sources, destinations, tracking plans and privacy settings.",
  SOURCE_ADMIN: "Manages the sources in scope and their destinations.",
  SOURCE_READONLY: "Views the sources in scope and their debugger.",
  TRACKING_PLAN_ADMIN: "Manages tracking plans.",
  PRIVACY_ADMIN: "Manages PII rules and deletion requests.",
  READONLY: "Views everything, changes nothing.",
};

export function RoleOptions({ exclude = [] }: { exclude?: Role[] }) {
  return (
    <>
      {ROLES.filter((r) => !exclude.includes(r)).map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </>
  );
}

export const isSourceRole = (role: Role) => SOURCE_SCOPED_ROLES.includes(role);

export function scopeLabel(m: { role: Role; allSources: boolean; sourceIds: string[] }): string {
  if (!isSourceRole(m.role)) return "All sources";
  if (m.allSources) return "All sources";
  const n = m.sourceIds.length;
  return n === 0 ? "No sources" : `${n} ${n === 1 ? "source" : "sources"}`;
}
