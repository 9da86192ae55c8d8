import type { Server } from 'node:http';
export declare function createAppHandler(options: { root: string; embedConfig?: { allowedOrigins: string[] } }): (req: unknown, res: unknown) => void;
export declare function createAppServer(options: { root: string; embedConfig?: { allowedOrigins: string[] } }): Server;
