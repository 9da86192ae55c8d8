import type { Server } from 'node:http';
export interface ExtractOptions {
  published?: string;
  keys: string[];
  auditLog?: string;
}
export interface AppServerOptions {
  root: string;
  embedConfig?: { allowedOrigins: string[] };
  extracts?: ExtractOptions;
}
export declare function createAppHandler(options: AppServerOptions): (req: unknown, res: unknown) => void;
export declare function createAppServer(options: AppServerOptions): Server;
