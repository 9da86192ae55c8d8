import { parentOriginOf, parseIncoming, targetOrigins, type OutgoingMessage, type SetFilterMessage } from './messages';

/** What the channel needs of `window`; tests pass a fake. */
export type ChannelWindow = Pick<Window, 'parent' | 'location' | 'document' | 'addEventListener' | 'removeEventListener'>;

/**
 * The embed's end of the postMessage protocol. The allow-list is the deployment's
 * (/embed-config.json) plus the app's own origin. Outgoing messages go to the allowed
 * parent origin only (targetOrigins); incoming ones count only when they come from the
 * parent window and an allowed origin and have a valid shape; the others are ignored
 * and counted (`ignored`, shown on the page for support and tests).
 */
export class EmbedChannel {
  readonly allowed: readonly string[];
  readonly parentOrigin: string | undefined;
  ignored = 0;
  private readonly targets: string[];

  constructor(
    private readonly win: ChannelWindow,
    allowedOrigins: readonly string[],
  ) {
    this.allowed = [...new Set([win.location.origin, ...allowedOrigins])];
    this.parentOrigin = parentOriginOf(win);
    this.targets = win.parent === (win as unknown) ? [] : targetOrigins(this.parentOrigin, this.allowed);
  }

  /** Whether messages can reach the parent: framed by an allowed origin (or one not told). */
  get connected(): boolean {
    return this.targets.length > 0;
  }

  post(message: OutgoingMessage): void {
    for (const origin of this.targets) this.win.parent.postMessage(message, origin);
  }

  /** Calls `onMessage` for each valid message from the allowed parent; returns the unsubscribe. */
  listen(onMessage: (message: SetFilterMessage) => void, onIgnored?: (count: number, why: string) => void): () => void {
    const listener = (event: MessageEvent) => {
      const why =
        event.source !== this.win.parent || this.win.parent === (this.win as unknown)
          ? 'not from the parent window'
          : !this.allowed.includes(event.origin)
            ? `origin ${event.origin} is not allowed`
            : undefined;
      const parsed = why ? undefined : parseIncoming(event.data);
      if (parsed && 'message' in parsed) return onMessage(parsed.message);
      this.ignored += 1;
      onIgnored?.(this.ignored, why ?? (parsed as { error: string }).error);
    };
    this.win.addEventListener('message', listener);
    return () => this.win.removeEventListener('message', listener);
  }
}
