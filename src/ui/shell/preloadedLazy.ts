import { lazy, type ComponentType } from 'react';

/**
 * React.lazy for a chunk the page fetches ahead of need (`preload`, which gives the whole
 * module). React 19 suspends on a lazy component's first render even when its chunk has
 * arrived (import() answers in a later microtask), and once a fallback is shown it holds
 * it for 300 ms: the dashboard appeared 300 ms after the first charts were ready. Here,
 * once the chunk is in, the first render gets it synchronously (a thenable that resolves
 * at once) and nothing suspends.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function preloadedLazy<M extends { default: ComponentType<any> }>(load: () => Promise<M>) {
  let loaded: M | undefined;
  const preload = (): Promise<M> => load().then((m) => (loaded = m));
  const Component = lazy<M['default']>(() => (loaded ? ({ then: (resolve: (m: M) => void) => resolve(loaded!) } as unknown as Promise<M>) : preload()));
  return { Component, preload };
}
