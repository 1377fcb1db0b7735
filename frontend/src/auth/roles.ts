/** The roles of docs/api.md (Sign-in and roles), lowest first: each may do what the ones before it may. */
export const ROLES = ['VIEWER', 'ANALYST', 'PRICING_MANAGER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  VIEWER: 'Viewer',
  ANALYST: 'Analyst',
  PRICING_MANAGER: 'Pricing manager',
  ADMIN: 'Admin',
};

/** Whether a user with `role` may do what `needed` may; the gateway refuses the rest anyway. */
export function atLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}
