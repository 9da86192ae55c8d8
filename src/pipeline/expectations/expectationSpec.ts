export type Severity = 'warn' | 'error';

export const EXPECTATION_KINDS = ['not_null', 'unique', 'accepted_values', 'relationships', 'range', 'row_count_between', 'sql'] as const;
export type ExpectationKind = (typeof EXPECTATION_KINDS)[number];

/** One `-- expect: kind(args) [severity]` line of a model header. */
export interface ExpectationSpec {
  kind: ExpectationKind;
  /** Arguments split on `;`, each trimmed. Lists inside one argument stay comma-separated. */
  args: string[];
  severity: Severity;
  /** A readable name: `not_null(order_id, customer_id)`. */
  name: string;
}
