// Tokens of the signed-in user. The refresh token lives in sessionStorage: it survives a reload of the
// tab but not the closing of the browser, and never reaches another tab (a shared computer in an office
// is the common case). The access token is short-lived (15 minutes by default) and renewed on demand.
const ACCESS = 'cpt.access';
const REFRESH = 'cpt.refresh';

type Listener = () => void;
const listeners = new Set<Listener>();

export const session = {
  get accessToken(): string | null {
    return sessionStorage.getItem(ACCESS);
  },
  get refreshToken(): string | null {
    return sessionStorage.getItem(REFRESH);
  },
  set(tokens: { accessToken: string; refreshToken: string }) {
    sessionStorage.setItem(ACCESS, tokens.accessToken);
    sessionStorage.setItem(REFRESH, tokens.refreshToken);
  },
  clear() {
    const had = sessionStorage.getItem(REFRESH) !== null;
    sessionStorage.removeItem(ACCESS);
    sessionStorage.removeItem(REFRESH);
    if (had) for (const l of listeners) l();
  },
  /** Called when the session ends without the user asking (refresh refused, password changed elsewhere). */
  onEnded(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
