/**
 * How the exported dbt project names our tables. dbt model names are unique across the
 * project, so silver.orders is the model silver_orders (alias orders, schema silver) and
 * quarantine.orders is quarantine_orders; a silver model's own SQL becomes
 * silver_staging.<name> (every bronze row typed, with _reason), from which silver keeps the
 * first good row per key and quarantine takes the rows with a reason.
 * spark/translate/translate.py writes ref() with the same names.
 */
export const dbtModelName = (layer: 'silver' | 'gold' | 'quarantine' | 'silver_staging', name: string) => `${layer}_${name}`;
