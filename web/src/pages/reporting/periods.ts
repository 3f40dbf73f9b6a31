import { api } from '../../api/client';
import type { Period, Plan } from '../../api/views';
import { loadPlans } from '../../components/usePlans';

export interface PlanPeriod extends Period {
  plan: Plan;
}

/** Every period of every plan, newest first: a unit reports in the open ones. */
export async function loadAllPeriods(): Promise<PlanPeriod[]> {
  const plans = await loadPlans();
  const lists = await Promise.all(plans.map(async (plan) => (await api.get('/api/v1/plans/{planId}/periods', { params: { path: { planId: plan.id } } })).map((p) => ({ ...p, plan }))));
  return lists.flat().sort((a, b) => (a.dueDate < b.dueDate ? 1 : -1));
}
