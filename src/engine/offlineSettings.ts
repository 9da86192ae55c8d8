import { quoteLiteral } from './sql';

/**
 * Statements every connection runs first. DuckDB-WASM only links core_functions and
 * would otherwise try to download json/parquet/icu at run time (a request that leaves
 * the app's origin, or a hang on DNS in Node). See DESIGN.md §3.
 */
export function offlineSettings(extensionRepository?: string): string {
  const statements = [
    'SET autoload_known_extensions = false',
    'SET autoinstall_known_extensions = false',
  ];
  if (extensionRepository) {
    statements.push(`SET custom_extension_repository = ${quoteLiteral(extensionRepository)}`);
  }
  return statements.join(';\n') + ';';
}
