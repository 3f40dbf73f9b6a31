// The header's unread badge and the inbox share one signal: marking a message read on the inbox
// refreshes the badge at once instead of waiting for the next poll.
const EVENT = 'cpt:unread-changed';

export function notifyUnreadChanged(): void {
  window.dispatchEvent(new Event(EVENT));
}

export function onUnreadChanged(fn: () => void): () => void {
  window.addEventListener(EVENT, fn);
  return () => window.removeEventListener(EVENT, fn);
}
