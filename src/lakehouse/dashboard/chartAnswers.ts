import { tableToIPC, type Table } from 'apache-arrow';
import type { Engine } from '../../engine/interface';
import { CHART_IDS, type ChartId } from './chartId';
import { FILTER_BITS, indexTable, KEY_COLUMNS, type ChartIndex } from './chartIndex';
import type { IndexBuild } from './chartIndexes';
import { ANSWER_KEY, KEYED } from './dashboardChart';
import { DASHBOARD_CHARTS } from './dashboardCharts';
import { FILTER_DIMENSIONS, type DashboardFilter } from './dashboardFilter';

/**
 * Every chart's rows for every filter combination its index holds, computed once per
 * pipeline run by the chart's own SQL (its `rows`, keyed: windows partitioned by the
 * combination) and kept in the worker's memory as Arrow, sorted by combination. A click
 * then looks its rows up (a slice of a table, encoded as Arrow IPC: well under a
 * millisecond) instead of running nine small queries in DuckDB, which cost ~50 ms at sf=1
 * on a busy machine (planning, windows and three message hops each, on a core shared with
 * the page). The rows are the ones the chart's SQL gives under that filter, by
 * construction and by test (chartAnswers.test.ts).
 */

/** Between the parts of an answer key: a control character no state, category or month has. */
const SEPARATOR = '\u001f';

/**
 * The index's cells for every combination at once, each with its ANSWER_KEY: its
 * filter_set and the values of the three dimensions ('' where not fixed), as text.
 */
export function keyedCells(index: ChartIndex): string {
  const values = FILTER_DIMENSIONS.map((d) => (index.dimensions.includes(d) ? `coalesce(i.${KEY_COLUMNS[d]}::VARCHAR, '')` : "''"));
  const columns = [...index.groups, ...Object.keys(index.measures)].map((c) => `i.${c}`);
  return `SELECT concat_ws(chr(${SEPARATOR.charCodeAt(0)}), i.filter_set::VARCHAR, ${values.join(', ')}) AS ${ANSWER_KEY}, ${columns.join(', ')}
  FROM ${indexTable(index)} AS i`;
}

/** The ANSWER_KEY of the (validated) filter's combination in the index; undefined if a value holds the separator. */
export function answerKey(index: ChartIndex, filter: DashboardFilter): string | undefined {
  const fixed = index.dimensions.filter((d) => filter[d] !== undefined);
  const values = FILTER_DIMENSIONS.map((d) => (fixed.includes(d) ? filter[d]! : ''));
  if (values.some((v) => v.includes(SEPARATOR))) return undefined;
  return [String(fixed.reduce((bits, d) => bits + FILTER_BITS[d], 0)), ...values].join(SEPARATOR);
}

/** One chart's rows for every combination: the table (without the key) and each key's rows. */
interface Answers {
  rows: Table;
  ranges: Map<string, [number, number]>;
}

export class ChartAnswers {
  private constructor(private readonly answers: ReadonlyMap<ChartId, Answers>) {}

  /** Computes every chart's rows for every combination from the indexes, timing each chart. */
  static async load(engine: Engine, charts: readonly ChartId[] = CHART_IDS): Promise<{ answers: ChartAnswers; builds: IndexBuild[] }> {
    const answers = new Map<ChartId, Answers>();
    const builds: IndexBuild[] = [];
    for (const chart of charts) {
      const started = performance.now();
      const definition = DASHBOARD_CHARTS[chart];
      const table = await engine.query(definition.rows(keyedCells(definition.index), {}, KEYED));
      const ranges = new Map<string, [number, number]>();
      let start = 0;
      let previous: string | undefined;
      let i = 0;
      for (const key of table.getChild(ANSWER_KEY)!) {
        if (key !== previous) {
          if (previous !== undefined) ranges.set(previous, [start, i]);
          previous = key as string;
          start = i;
        }
        i++;
      }
      if (previous !== undefined) ranges.set(previous, [start, i]);
      const columns = table.schema.fields.map((f) => f.name).filter((n) => n !== ANSWER_KEY);
      answers.set(chart, { rows: table.select(columns), ranges });
      builds.push({ table: `rows of ${chart} per filter`, milliseconds: performance.now() - started, rows: table.numRows });
    }
    return { answers: new ChartAnswers(answers), builds };
  }

  /** These charts' rows and `other`'s (a staged build adds charts as they are built). */
  with(other: ChartAnswers): ChartAnswers {
    return new ChartAnswers(new Map([...this.answers, ...other.answers]));
  }

  /**
   * The chart's rows under the (validated) filter as Arrow IPC, or undefined when they are
   * not kept here (a chart not loaded, or the category chart with a selected category
   * outside its top bars: its rows then differ from the ones kept) and must be queried.
   */
  answer(chart: ChartId, filter: DashboardFilter): Uint8Array | undefined {
    const answers = this.answers.get(chart);
    const definition = DASHBOARD_CHARTS[chart];
    const key = answers && answerKey(definition.index, filter);
    if (!answers || key === undefined) return undefined;
    const [start, end] = answers.ranges.get(key) ?? [0, 0];
    const rows = answers.rows.slice(start, end);
    const selected = definition.showsSelected && filter[definition.showsSelected.dimension];
    if (selected !== undefined && end > start && !Array.from(rows.getChild(definition.showsSelected!.column)!).includes(selected)) return undefined;
    return tableToIPC(rows, 'stream');
  }
}
