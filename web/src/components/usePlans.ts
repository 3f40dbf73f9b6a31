import { useSearchParams } from 'react-router';
import { api } from '../api/client';
import type { Plan } from '../api/views';
import { useLoad } from '../app/useLoad';

let cache: Promise<Plan[]> | null = null;

/** The plans (a handful), loaded once per page load and shared by every screen that filters by plan. */
export function loadPlans(fresh = false): Promise<Plan[]> {
  if (fresh || !cache) {
    cache = api.get('/api/v1/plans');
    cache.catch(() => {
      cache = null;
    });
  }
  return cache;
}

/** The plan chosen in the address (?planId=…), else the first one. */
export function usePlanChoice() {
  const [params, setParams] = useSearchParams();
  const plans = useLoad(() => loadPlans(), []);
  const requested = params.get('planId');
  const plan = plans.data?.find((p) => p.id === requested) ?? plans.data?.[0];
  const choose = (planId: string) => {
    const next = new URLSearchParams(params);
    next.set('planId', planId);
    setParams(next);
  };
  return { plans, plan, choose };
}
