import { useRegisterSW } from 'virtual:pwa-register/react';

/**
 * Registers the service worker (scripts/pwaOptions.mjs) and, when a new build has been
 * downloaded, says so: the new version takes over only when the user reloads, so an open
 * tab never runs half of one build and half of the next.
 */
export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh],
    updateServiceWorker,
  } = useRegisterSW();
  if (!needRefresh) return null;
  return (
    <div className="update-prompt" role="status" data-testid="update-prompt">
      <span>A new version is ready.</span>
      <button type="button" className="primary" onClick={() => void updateServiceWorker(true)}>
        Reload
      </button>
    </div>
  );
}
