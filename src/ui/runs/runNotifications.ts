/**
 * Browser notifications of failed runs: off until the user turns them on (the permission
 * is asked for then, never before); the choice is kept in this browser.
 */
const KEY = 'pocket-lakehouse.run-notifications';

export const notificationsSupported = () => typeof Notification !== 'undefined';

export function notificationsWanted(): boolean {
  try {
    return localStorage.getItem(KEY) === 'on' && notificationsSupported() && Notification.permission === 'granted';
  } catch {
    return false;
  }
}

/** Turns them on (asking for permission) or off; resolves to whether they are on, with why not. */
export async function setNotifications(on: boolean): Promise<{ on: boolean; why?: string }> {
  if (!on) {
    localStorage.removeItem(KEY);
    return { on: false };
  }
  if (!notificationsSupported()) return { on: false, why: 'This browser cannot show notifications.' };
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') return { on: false, why: 'The browser did not allow notifications for this site; change it in the site settings to turn them on.' };
  localStorage.setItem(KEY, 'on');
  return { on: true };
}

export function notify(text: string): void {
  if (notificationsWanted()) new Notification('Pocket Lakehouse', { body: text, tag: 'pocket-lakehouse-run' });
}
