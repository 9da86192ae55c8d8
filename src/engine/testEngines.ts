import type { Engine } from './interface';
import { createNodeWasmEngine } from './wasm/nodeWasmEngine';
import { NativeEngine } from './native/nativeEngine';

/** The two engines Node can host, for tests that must hold on both. */
export const testEngines: Array<[name: string, open: () => Promise<Engine>]> = [
  ['wasm', createNodeWasmEngine],
  ['native', () => NativeEngine.open()],
];
