/**
 * What a pipeline run's answer waits for. `bookkeeping first` (the CLI, a load that does
 * not land on the dashboard): the version commit and the run record are written before
 * the run is answered. `dashboard first` (the demo, a first load that lands on the
 * dashboard): the run is answered as soon as its models are built, the dashboard's tables
 * are built next, and the version commit and the run record follow once the dashboard
 * has answered (or after FIRST_ROWS_WAIT_MS) — still before any other write (a load, a
 * re-run, the save that marks the stored lakehouse whole), and before any read of the
 * versions or the run history, which wait for them (Lakehouse.bookkept()).
 *
 * On this machine the first version commit (it copies every table) and the run record
 * took as long as the models themselves: the first chart waited for bookkeeping that the
 * chart does not read.
 */
export type RunOrder = 'bookkeeping first' | 'dashboard first';

/** How long a run's bookkeeping waits for the dashboard's first rows before it goes ahead anyway. */
export const FIRST_ROWS_WAIT_MS = 5000;
