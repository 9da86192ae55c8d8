import type { FieldStat, TypeDecision } from '../loadedSource';
import { chooseColumn, duckdbType, planSignature, type ColumnPlan, type NestedChoice } from './columnPlan';
import { columnNames } from './columnNames';
import type { CollectionProfile, FieldProfile } from './fieldProfile';

/** One bronze column: the document field it comes from and how it is built. */
export interface PlannedColumn {
  field: string;
  column: string;
  plan: ColumnPlan;
}

export interface CollectionPlan {
  columns: PlannedColumn[];
  /** Equal signatures build the same Arrow schema with the same value encodings. */
  signature: string;
  typeDecisions: TypeDecision[];
  fieldStats: FieldStat[];
}

/** Columns for every top-level field seen in the collection, with the report of how. */
export function planCollection(profile: CollectionProfile): CollectionPlan {
  const fields = [...profile.fields.keys()];
  const names = columnNames(fields);
  const columns: PlannedColumn[] = [];
  const typeDecisions: TypeDecision[] = [];
  const fieldStats: FieldStat[] = [];
  fields.forEach((field, i) => {
    const p = profile.fields.get(field)!;
    const column = names[i];
    const nested: NestedChoice[] = [];
    const choice = chooseColumn(p, field, nested);
    columns.push({ field, column, plan: choice.plan });
    typeDecisions.push(decision(field, column, p, choice.plan, choice.reason));
    for (const n of nested) typeDecisions.push(decision(n.path, column, n.profile, n.plan, n.reason));
    fieldStats.push({ field, column, present: p.present, missing: profile.documents - p.present, nulls: p.nulls });
  });
  const signature = columns.map((c) => `${JSON.stringify(c.column)}=${planSignature(c.plan)}`).join(';');
  return { columns, signature, typeDecisions, fieldStats };
}

function decision(field: string, column: string, p: FieldProfile, plan: ColumnPlan, reason: string): TypeDecision {
  return {
    field,
    column,
    typesSeen: [...p.kinds].map(([type, count]) => ({ type, count })),
    columnType: duckdbType(plan),
    reason,
  };
}
