import type { FeatureSql } from './featureSql';

const files = import.meta.glob('./features/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The feature queries shipped with the app, read at build time by Vite (and Vitest). */
export const bundledFeatureSql: FeatureSql = {
  eta: files['./features/eta_features.sql']!,
  churn: files['./features/churn_features.sql']!,
};
