import { useCallback, useEffect, useMemo, useState } from 'react';
import { validateFilter, type DashboardFilter } from '../../lakehouse/dashboard/dashboardFilter';
import { EmbedBoard } from './EmbedBoard';
import { readEmbedRequest } from './embedParams';
import { createSessionMask, type Mask } from './maskPii';
import type { SetFilterMessage } from './messages';
import { useEmbedChannel } from './useEmbedChannel';
import { useEmbedLakehouse, type EmbedLakehouseState } from './useEmbedLakehouse';
import './embed.css';

/**
 * Embed mode (`?embed=dashboard&charts=…`, README "Embedding"): the chosen charts and
 * gold tables for a portal's iframe, without the app's header, load panel or tabs.
 * Read-only: nothing loads files or runs SQL text; personal-data columns are masked;
 * the portal talks to it through the postMessage protocol of messages.ts.
 */
export default function EmbedApp() {
  const request = useMemo(() => readEmbedRequest(location.search), []);
  const [filter, setFilter] = useState<DashboardFilter>(() => safeFilter(request.filter));
  const onSetFilter = useCallback((m: SetFilterMessage) => setFilter(m.filter), []);
  const { channel, ignored, configError } = useEmbedChannel(onSetFilter);
  const lake = useEmbedLakehouse(request.data, request.extractQuery);
  const [mask, setMask] = useState<Mask>();
  useEffect(() => {
    // A function in state is set through an updater; setMask(mask) would call it.
    void createSessionMask().then((m) => setMask(() => m));
  }, []);

  return (
    <main className="embed" data-testid="embed" data-ignored-messages={ignored} data-parent-origin={channel?.parentOrigin ?? ''} data-filter={JSON.stringify(filter)}>
      <h1 className="embed-sr-only">Pocket Lakehouse charts</h1>
      {(request.problems.length > 0 || configError) && (
        <ul className="problems embed-problems" role="alert">
          {request.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
          {configError && <li>The embed settings could not be read ({configError}); only pages of this app can talk to it.</li>}
        </ul>
      )}
      {lake.state.status === 'ready' && mask && channel ? (
        <EmbedBoard request={request} gold={lake.state.gold} lake={lake} channel={channel} mask={mask} filter={filter} onFilter={setFilter} />
      ) : (
        <Status state={lake.state} />
      )}
    </main>
  );
}

/** A filter from the URL that does not validate is dropped (the problem is the URL's, not the data's). */
function safeFilter(filter: DashboardFilter): DashboardFilter {
  try {
    return validateFilter(filter);
  } catch {
    return {};
  }
}

function Status({ state }: { state: EmbedLakehouseState }) {
  switch (state.status) {
    case 'none':
      return (
        <p className="embed-message" role="status" data-testid="embed-no-data">
          {state.message}
        </p>
      );
    case 'forbidden':
      return (
        <div className="error embed-message" role="alert" data-testid="embed-not-allowed">
          <h2>Not allowed</h2>
          <p>This link does not give access to these charts: it is not signed, it was changed, or it has expired ({state.reason}). Open it again from the portal to get a new link.</p>
        </div>
      );
    case 'failed':
      return (
        <p className="error embed-message" role="alert">
          The charts could not be shown: {state.message}
        </p>
      );
    case 'ready':
      return <p className="hint embed-message" role="status">Preparing the charts…</p>;
    default:
      return (
        <p className="hint embed-message" role="status" aria-busy="true">
          {state.status === 'starting' ? 'Starting DuckDB…' : `${state.status[0]!.toUpperCase()}${state.status.slice(1)}…`}
        </p>
      );
  }
}
