import { useEffect, useState } from 'react';
import { EmbedChannel } from './embedChannel';
import { loadAllowedOrigins } from './embedConfig';
import type { SetFilterMessage } from './messages';

export interface ChannelState {
  channel?: EmbedChannel;
  /** Messages ignored so far (wrong origin, not from the parent, bad shape). */
  ignored: number;
  /** Set when /embed-config.json could not be read: only the app's own origin is allowed then. */
  configError?: string;
}

/** The embed's postMessage channel, once the allow-list is loaded; `onSetFilter` gets the parent's valid messages. */
export function useEmbedChannel(onSetFilter: (message: SetFilterMessage) => void): ChannelState {
  const [state, setState] = useState<ChannelState>({ ignored: 0 });
  useEffect(() => {
    let stop: (() => void) | undefined;
    let current = true;
    const open = (allowed: string[], configError?: string) => {
      if (!current) return;
      const channel = new EmbedChannel(window, allowed);
      stop = channel.listen(onSetFilter, (ignored) => setState((s) => ({ ...s, ignored })));
      setState({ channel, ignored: 0, configError });
    };
    loadAllowedOrigins().then(open, (e: Error) => open([], e.message));
    return () => {
      current = false;
      stop?.();
    };
  }, [onSetFilter]);
  return state;
}
