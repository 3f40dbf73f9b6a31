// Tokens of the signed-in user. The refresh token lives in sessionStorage: it survives a reload of the
// tab but not the closing of the browser, and never reaches another tab (a shared computer in an office
// is the common case). The access token is short-lived (15 minutes by default) and renewed on demand.
const ACCESS = 'cpt.access';
const REFRESH = 'cpt.refresh';

type Listener = () => void;
const listeners = new Set<Listener>();
// Whether this page holds a session it has not ended on purpose. Kept apart from the storage: when the
// tokens vanish underneath the page (storage cleared by hand or by a tool), the page still knows it was
// signed in and tells the user, instead of firing requests the service can only refuse.
let active = sessionStorage.getItem(REFRESH) !== null;

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
    active = true;
  },
  /** Ends the session without the user asking (refresh refused, tokens gone): listeners are told. */
  clear() {
    const had = active || sessionStorage.getItem(REFRESH) !== null;
    active = false;
    sessionStorage.removeItem(ACCESS);
    sessionStorage.removeItem(REFRESH);
    if (had) for (const l of listeners) l();
  },
  /** Ends the session the user asked to end: everything this tab stored goes, nobody is told. */
  end() {
    active = false;
    sessionStorage.clear();
  },
  /** Called when the session ends without the user asking (refresh refused, password changed elsewhere). */
  onEnded(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
