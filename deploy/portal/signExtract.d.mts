export declare function signedEmbedUrl(base: string, key: string, audience: string, parameters?: Record<string, string>, ttlSeconds?: number): string;
