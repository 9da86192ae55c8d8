import type { Plugin } from 'vite';
export declare function precompressFolder(dir: string): Promise<number>;
export declare function precompressAssets(): Plugin;
