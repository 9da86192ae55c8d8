/** The feature queries (features/*.sql): the browser bundles them, the CLI reads them from disk. */
export interface FeatureSql {
  eta: string;
  churn: string;
}
