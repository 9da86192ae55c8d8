export declare const isolationHeaders: Record<string, string>;
export declare const contentSecurityPolicy: string;
