import { useEffect, useState } from 'react';
import type { TableInfo } from '../../lakehouse/tableInfo';

export type GroupsState<G> = { status: 'loading' } | { status: 'ready'; groups: G[] } | { status: 'failed'; message: string };

/**
 * A quality browser's groups (quarantine or duplicates), asked again whenever the table list
 * changes, and the group the user chose: a new load or run may have changed the rows, so
 * the choice is cleared and made again from the new counts.
 */
export function useGroups<G>(tables: TableInfo[], fetchGroups: () => Promise<G[]>) {
  const [state, setState] = useState<GroupsState<G>>({ status: 'loading' });
  const [chosen, setChosen] = useState<G>();
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    setChosen(undefined);
    fetchGroups().then(
      (groups) => live && setState({ status: 'ready', groups }),
      (e: Error) => live && setState({ status: 'failed', message: e.message }),
    );
    return () => {
      live = false;
    };
    // fetchGroups is a new closure each render; the table list is what says the rows changed.
  }, [tables]);
  return { state, chosen, setChosen };
}
