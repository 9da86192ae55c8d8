import { describe, expect, it, vi } from 'vitest';
import { EmbedChannel, type ChannelWindow } from './embedChannel';
import { parentOriginOf, parseIncoming, targetOrigins, type ReadyMessage } from './messages';

const APP = 'https://lakehouse.example';
const PORTAL = 'https://portal.example';
const EVIL = 'https://evil.example';

/** A window framed by a parent whose origin the browser reports as given. */
function framedWindow(opts: { ancestor?: string; referrer?: string; top?: boolean } = {}) {
  const parent = { postMessage: vi.fn() };
  const listeners: ((e: MessageEvent) => void)[] = [];
  const win = {
    location: { origin: APP, ancestorOrigins: opts.ancestor ? [opts.ancestor] : undefined },
    document: { referrer: opts.referrer ?? '' },
    addEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.push(l),
    removeEventListener: (_: string, l: (e: MessageEvent) => void) => listeners.splice(listeners.indexOf(l), 1),
  } as unknown as { parent: unknown };
  win.parent = opts.top ? win : parent;
  const send = (origin: string, data: unknown, source: unknown = parent) => listeners.forEach((l) => l({ origin, data, source } as MessageEvent));
  return { win: win as ChannelWindow, parent, send, listeners };
}

describe('parseIncoming', () => {
  it('accepts a set-filter message with a valid filter', () => {
    expect(parseIncoming({ type: 'pocket-lakehouse:set-filter', filter: { customerState: 'SP', month: '2017-03-01' } })).toEqual({
      message: { type: 'pocket-lakehouse:set-filter', filter: { customerState: 'SP', month: '2017-03-01' } },
    });
    expect(parseIncoming({ type: 'pocket-lakehouse:set-filter', filter: {} })).toEqual({ message: { type: 'pocket-lakehouse:set-filter', filter: {} } });
  });

  it.each([
    ['a string', 'pocket-lakehouse:set-filter', /not an object/],
    ['null', null, /not an object/],
    ['an unknown type', { type: 'pocket-lakehouse:run-sql', sql: 'DROP TABLE x' }, /unknown type/],
    ['extra keys', { type: 'pocket-lakehouse:set-filter', filter: {}, sql: 'x' }, /unknown keys: sql/],
    ['no filter', { type: 'pocket-lakehouse:set-filter' }, /filter is not an object/],
    ['an array filter', { type: 'pocket-lakehouse:set-filter', filter: ['SP'] }, /filter is not an object/],
    ['an unknown dimension', { type: 'pocket-lakehouse:set-filter', filter: { sql: "'; DROP" } }, /unknown filter keys: sql/],
    ['a number value', { type: 'pocket-lakehouse:set-filter', filter: { customerState: 5 } }, /must be text/],
    ['a bad month', { type: 'pocket-lakehouse:set-filter', filter: { month: '2017-03' } }, /first day of a month/],
    ['a novel', { type: 'pocket-lakehouse:set-filter', filter: { category: 'x'.repeat(500) } }, /longer than/],
  ])('rejects %s', (_name, data, error) => {
    const result = parseIncoming(data);
    expect('error' in result && result.error).toMatch(error);
  });
});

describe('where messages go', () => {
  it('finds the parent origin from ancestorOrigins, else the referrer', () => {
    expect(parentOriginOf(framedWindow({ ancestor: PORTAL, referrer: `${EVIL}/x` }).win)).toBe(PORTAL);
    expect(parentOriginOf(framedWindow({ referrer: `${PORTAL}/intranet/sales?x=1` }).win)).toBe(PORTAL);
    expect(parentOriginOf(framedWindow({}).win)).toBeUndefined();
    expect(parentOriginOf(framedWindow({ top: true, referrer: `${PORTAL}/` }).win)).toBeUndefined();
  });

  it('posts to the allowed parent only, to every allowed origin when the parent is unknown, never to *', () => {
    expect(targetOrigins(PORTAL, [PORTAL, APP])).toEqual([PORTAL]);
    expect(targetOrigins(EVIL, [PORTAL, APP])).toEqual([]);
    expect(targetOrigins(undefined, [PORTAL, APP])).toEqual([PORTAL, APP]);
  });
});

describe('EmbedChannel', () => {
  const ready: ReadyMessage = { type: 'pocket-lakehouse:ready', charts: ['revenueByState'] };

  it('posts to the parent with its origin as the target', () => {
    const { win, parent } = framedWindow({ ancestor: PORTAL });
    const channel = new EmbedChannel(win, [PORTAL]);
    expect(channel.connected).toBe(true);
    channel.post(ready);
    expect(parent.postMessage).toHaveBeenCalledExactlyOnceWith(ready, PORTAL);
  });

  it('does not post when framed by an origin that is not allowed', () => {
    const { win, parent } = framedWindow({ ancestor: EVIL });
    const channel = new EmbedChannel(win, [PORTAL]);
    expect(channel.connected).toBe(false);
    channel.post(ready);
    expect(parent.postMessage).not.toHaveBeenCalled();
  });

  it('allows its own origin without listing it', () => {
    const { win, parent } = framedWindow({ ancestor: APP });
    new EmbedChannel(win, []).post(ready);
    expect(parent.postMessage).toHaveBeenCalledExactlyOnceWith(ready, APP);
  });

  it('takes valid messages from the allowed parent and ignores and counts the rest', () => {
    const { win, send, listeners } = framedWindow({ ancestor: PORTAL });
    const channel = new EmbedChannel(win, [PORTAL]);
    const got = vi.fn();
    const ignored: string[] = [];
    const stop = channel.listen(got, (_n, why) => ignored.push(why));
    send(PORTAL, { type: 'pocket-lakehouse:set-filter', filter: { customerState: 'RJ' } });
    send(EVIL, { type: 'pocket-lakehouse:set-filter', filter: { customerState: 'SP' } });
    send(PORTAL, { type: 'pocket-lakehouse:set-filter', filter: { customerState: 'SP' } }, { other: 'window' });
    send(PORTAL, { type: 'pocket-lakehouse:set-filter', filter: { month: 'May' } });
    expect(got).toHaveBeenCalledExactlyOnceWith({ type: 'pocket-lakehouse:set-filter', filter: { customerState: 'RJ' } });
    expect(channel.ignored).toBe(3);
    expect(ignored).toEqual([`origin ${EVIL} is not allowed`, 'not from the parent window', expect.stringMatching(/month/)]);
    stop();
    expect(listeners).toHaveLength(0);
  });
});
