import type { VacuumResult } from './vacuumVersions';
import type { VersionEntry } from './versionLog';

/** What the history view shows: the versions, and why the last commit failed if it did. */
export interface TableHistory {
  versions: VersionEntry[];
  error?: string;
}

/** A vacuum in the browser: its result and the stored file's size after the save that follows (undefined when nothing is stored). */
export interface VersionsVacuumed extends VacuumResult {
  storedBytes?: number;
}
