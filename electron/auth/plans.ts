// The ChatGPT plans Codex knows, their proper names, and which of them are
// workspace accounts. A plan nobody knows yet keeps its raw name.

import type { PlanSummary } from '../../shared/account';

interface PlanInfo {
  name: string;
  isWorkspace: boolean;
}

const PLANS: Record<string, PlanInfo> = {
  free: { name: 'Free', isWorkspace: false },
  go: { name: 'Go', isWorkspace: false },
  plus: { name: 'Plus', isWorkspace: false },
  pro: { name: 'Pro', isWorkspace: false },
  prolite: { name: 'Pro Lite', isWorkspace: false },
  team: { name: 'Team', isWorkspace: true },
  business: { name: 'Business', isWorkspace: true },
  self_serve_business_usage_based: {
    name: 'Business (usage-based)',
    isWorkspace: true,
  },
  enterprise: { name: 'Enterprise', isWorkspace: true },
  enterprise_cbp_usage_based: {
    name: 'Enterprise (usage-based)',
    isWorkspace: true,
  },
  edu: { name: 'Edu', isWorkspace: true },
};

const ALIASES: Record<string, string> = {
  hc: 'enterprise',
  education: 'edu',
};

/** Describes the plan named `raw` in a token; matching ignores case. */
export function describePlan(raw: string): PlanSummary {
  const lower = raw.trim().toLowerCase();
  const id = ALIASES[lower] ?? lower;
  const known = Object.hasOwn(PLANS, id) ? PLANS[id] : undefined;

  if (!known) {
    return { id: null, raw, name: raw, isWorkspace: false };
  }

  return { id, raw, name: known.name, isWorkspace: known.isWorkspace };
}
