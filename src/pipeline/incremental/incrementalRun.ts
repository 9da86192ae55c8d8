import type { Engine } from '../../engine/interface';
import type { Model } from '../model';
import type { ModelRun } from '../runner';
import { countBalance } from '../silverBalance';
import { forgetBuild, hasBuildRecords, readBuildRecords, recordBuild } from './buildRecords';
import type { ExpectationCheck, ExpectationResult } from '../expectations/runExpectation';
import { checkSignature, keepChecks, readChecks } from './checkRecords';
import { forgetMergedKeys, hasMergedKeys, recordMergedKeys } from './mergedKeys';
import { bronzeRecord, inputStates, planBuild, type BuildPlan, type RunState } from './planBuild';

/**
 * The runner's side of incremental runs (issue #15): before each model, what to do with
 * it (planBuild.ts); after it, what it was built from (buildRecords.ts). A run that is not
 * incremental (`enabled` false: a run outside a lakehouse, a re-run of chosen models)
 * builds every model whole, and forgets the records of what it rebuilt so that a later
 * incremental run does not trust them.
 */
export class IncrementalRun {
  /** The build each model had before this run built it again. */
  private readonly mergedFrom = new Map<string, string>();
  /** The models this run merged by key, each with the build it merged on top of. */
  private readonly merged = new Map<string, string>();
  /** Whether meta.merged_keys exists (read at the first build, true once a merge recorded keys). */
  private mergedKeysKept?: boolean;

  private constructor(
    private readonly engine: Engine,
    private readonly enabled: boolean,
    private keeping: boolean,
    private readonly state: RunState,
  ) {}

  static async start(engine: Engine, enabled: boolean): Promise<IncrementalRun> {
    const keeping = await hasBuildRecords(engine);
    const records = keeping ? await readBuildRecords(engine) : new Map();
    const builds = new Map([...records.values()].map((r) => [r.model, r.build] as const));
    return new IncrementalRun(engine, enabled, keeping, { records, builds });
  }

  /** What to do with `model`, and what its record will say it was built from. */
  async plan(model: Model): Promise<{ plan: BuildPlan; inputs?: Record<string, string> }> {
    if (!this.enabled) return { plan: { kind: 'full' } };
    const inputs = await inputStates(this.engine, model, this.state);
    return { plan: await planBuild(this.engine, model, this.state.records.get(model.id), inputs, this.merged), inputs };
  }

  /** A model left as it is: the run reports it built, with its rows (and for silver where its rows are). */
  async unchanged(model: Model, run: ModelRun, rows: number): Promise<void> {
    run.status = 'success';
    run.incremental = 'unchanged';
    if (model.layer === 'silver') {
      run.balance = await countBalance(this.engine, model.name);
      run.rows = run.balance.silver;
    } else run.rows = rows;
  }

  /** Before a model is built: its record goes, so a build that fails halfway is never trusted. */
  async building(model: Model): Promise<void> {
    const from = this.state.builds.get(model.id);
    if (from === undefined) this.mergedFrom.delete(model.id);
    else this.mergedFrom.set(model.id, from);
    this.state.builds.delete(model.id);
    this.state.records.delete(model.id);
    if (this.keeping) {
      await forgetBuild(this.engine, model.id);
      this.mergedKeysKept ??= await hasMergedKeys(this.engine);
      await forgetMergedKeys(this.engine, model.id, this.mergedKeysKept);
    }
  }

  /** After a model was built: what it was built from, when the run keeps records. */
  async built(model: Model, run: ModelRun, inputs: Record<string, string> | undefined, bronze: { bronzeRows?: number; batch?: number }): Promise<void> {
    if (!this.enabled || run.status !== 'success') return;
    const record = await recordBuild(this.engine, { model: model.id, sql: model.sql, inputs: inputs ?? null, rows: run.rows, ...bronze });
    this.keeping = true;
    // A merge says which keys it touched since the build it started from (mergedKeys.ts).
    const from = this.mergedFrom.get(model.id);
    if (run.incremental === 'merged' && from !== undefined) {
      await recordMergedKeys(this.engine, model.id, from);
      this.mergedKeysKept = true;
      this.merged.set(model.id, from);
    }
    this.state.records.set(model.id, record);
    this.state.builds.set(model.id, record.build);
  }

  /**
   * The checks' results of the models this run left unchanged whose checks read only tables
   * written by the builds they were counted on (checkRecords.ts): reported again, not counted.
   */
  async reusableChecks(checks: Array<{ model: Model; checks: ExpectationCheck[]; unchanged: boolean }>): Promise<Map<string, ExpectationResult[]>> {
    const reused = new Map<string, ExpectationResult[]>();
    if (!this.enabled || !this.keeping || !checks.some((c) => c.unchanged)) return reused;
    const stored = await readChecks(this.engine);
    for (const c of checks) {
      const kept = stored.get(c.model.id);
      if (c.unchanged && kept && kept.signature === checkSignature(c.model, c.checks, this.state.builds)) reused.set(c.model.id, kept.results);
    }
    return reused;
  }

  /** After the checks: the results counted this run, with what they were counted on. */
  async countedChecks(counted: Array<{ model: Model; checks: ExpectationCheck[]; results: ExpectationResult[] }>): Promise<void> {
    if (!this.enabled || !this.keeping) return;
    const kept = counted.flatMap((c) => {
      const signature = checkSignature(c.model, c.checks, this.state.builds);
      return signature ? [{ model: c.model.id, signature, results: c.results }] : [];
    });
    await keepChecks(this.engine, kept);
  }

  /** What a silver model's record keeps of its bronze, read before it is built. */
  bronzeBefore(model: Model): Promise<{ bronzeRows?: number; batch?: number }> {
    return this.enabled ? bronzeRecord(this.engine, model) : Promise.resolve({});
  }
}
