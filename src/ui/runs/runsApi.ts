import type { RunsOperations } from '../../lakehouse/runs/runsOperations';
import type { Comlink, LakehouseClient } from '../client/lakehouseClient';

/**
 * The worker's run history operations (`LakehouseService.runs`). Comlink calls a method of
 * a property by its path (`runs.list`), but its types describe a property that is an
 * object as a promise of it: this gives it its callable type.
 */
export const runsApi = (client: LakehouseClient) => client.runs as unknown as Comlink.Remote<RunsOperations>;
