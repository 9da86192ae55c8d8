import type { Engine } from '../engine/interface';
import { NativeEngine } from '../engine/native/nativeEngine';
import { createNodeWasmEngine } from '../engine/wasm/nodeWasmEngine';

export const ENGINE_NAMES = ['native', 'wasm'] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

export function openEngine(name: EngineName): Promise<Engine> {
  return name === 'native' ? NativeEngine.open() : createNodeWasmEngine();
}
