import type { Role } from '../generated/prisma/enums.js';

/** The authenticated user as the server knows it. Scope comes from here, never from the request. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  unitId: string;
  /** The unit's name as the session saw it (for display; access decisions use unitId). */
  unitName: string;
  roles: Role[];
  mustChangePassword: boolean;
  /** True for the office, leaders and evaluators: they see the whole plan. */
  planWide: boolean;
  /** The user's unit and every unit below it in the tree. */
  scopeUnitIds: string[];
}
