import type { Plugin } from 'vite';
export function arrowWithoutEval(): Plugin;
