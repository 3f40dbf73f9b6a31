import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, SESSION_WAIT_MS } from '../api/client';
import { isApiError } from '../api/problem';
import { session } from '../api/session';
import type { Me, Unit } from '../api/views';
import { loadPlans } from '../components/usePlans';
import { can, isUnitUser, type Permission } from './permissions';

export interface AuthState {
  /** `unreachable`: a stored session could not be resumed because the service did not answer; it is kept. */
  status: 'loading' | 'anonymous' | 'signed-in' | 'unreachable';
  me?: Me;
  unit?: Unit;
  /** Why the last session ended, shown on the sign-in screen. */
  endedReason?: string;
  signIn: (username: string, password: string) => Promise<Me>;
  signOut: () => Promise<void>;
  /** Reloads the user after a password change (or at page load, given how long to wait). */
  refreshMe: (signal?: AbortSignal) => Promise<Me | undefined>;
  /** Tries again to resume the stored session after the service did not answer. */
  resume: () => void;
  can: (permission: Permission) => boolean;
  isUnitUser: boolean;
}

/** How long signing out waits for the service to revoke the session before ending it here regardless. */
const REVOKE_WAIT_MS = 2000;

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** No network, or a gateway or service saying it cannot answer now: worth trying again as is. */
const notAnswering = (e: unknown) => isApiError(e) && [0, 502, 503, 504].includes(e.status);

async function loadUnit(me: Me): Promise<Unit | undefined> {
  // A user who must change the password may call nothing else yet.
  if (me.mustChangePassword) return undefined;
  // Every home screen starts from the plans: fetch them while the screen's code is still loading.
  loadPlans().catch(() => undefined);
  try {
    return await api.get('/api/v1/units/{id}', { params: { path: { id: me.unitId } } });
  } catch {
    return undefined;
  }
}

export function AuthProvider({ children }: { children: React.ReactNode }) {
  const [status, setStatus] = useState<AuthState['status']>(session.refreshToken ? 'loading' : 'anonymous');
  const [me, setMe] = useState<Me>();
  const [unit, setUnit] = useState<Unit>();
  const [endedReason, setEndedReason] = useState<string>();

  const refreshMe = useCallback(async (signal?: AbortSignal) => {
    try {
      const next = await api.get('/api/v1/auth/me', signal ? { signal } : undefined);
      setMe(next);
      setStatus('signed-in');
      // The unit's name is for the header only: the first screen does not wait for it.
      void loadUnit(next).then(setUnit);
      return next;
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        session.clear();
        setMe(undefined);
        setStatus('anonymous');
        return undefined;
      }
      throw e;
    }
  }, []);

  // The service did not answer (down, restarting, its database out of reach; a refusal of the session is a
  // 401 handled in refreshMe): the session stays, and the page says so and offers to try again, instead of
  // sending the user to sign in with a password the service could not check either.
  const resume = useCallback(() => {
    setStatus('loading');
    // A timeout ends as a network failure (ApiError 0), like a service that refused the connection.
    refreshMe(AbortSignal.timeout(SESSION_WAIT_MS)).catch((e: unknown) => setStatus(session.refreshToken && notAnswering(e) ? 'unreachable' : 'anonymous'));
  }, [refreshMe]);

  useEffect(() => {
    if (session.refreshToken) resume();
    return session.onEnded(() => {
      setMe(undefined);
      setUnit(undefined);
      setStatus('anonymous');
      setEndedReason('登录已失效（超时、密码已修改或已在别处注销），请重新登录。');
    });
  }, [resume]);

  const signIn = useCallback(async (username: string, password: string) => {
    const tokens = await api.post('/api/v1/auth/login', { body: { username, password } });
    session.set(tokens);
    setEndedReason(undefined);
    const next = await api.get('/api/v1/auth/me');
    setMe(next);
    setStatus('signed-in');
    void loadUnit(next).then(setUnit);
    return next;
  }, []);

  const signOut = useCallback(async () => {
    const refreshToken = session.refreshToken;
    if (refreshToken) {
      // Signing out locally is what the user asked for: a failed revocation expires on its own, and a slow
      // one must not keep the user on the page. The request, once sent, finishes on its own after the wait.
      const revoked = api.post('/api/v1/auth/logout', { body: { refreshToken } }).catch(() => undefined);
      await Promise.race([revoked, new Promise((resolve) => window.setTimeout(resolve, REVOKE_WAIT_MS))]);
    }
    // Clear without notifying: this end was asked for.
    session.end();
    setMe(undefined);
    setUnit(undefined);
    setEndedReason(undefined);
    setStatus('anonymous');
  }, []);

  const value = useMemo<AuthState>(
    () => ({
      status,
      me,
      unit,
      endedReason,
      signIn,
      signOut,
      refreshMe,
      resume,
      can: (p) => !!me && !me.mustChangePassword && can(me.roles, p),
      isUnitUser: !!me && isUnitUser(me.roles),
    }),
    [status, me, unit, endedReason, signIn, signOut, refreshMe, resume],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
