export interface ExtractRequest {
  audience: string;
  parameters?: Record<string, string>;
  expires: number;
}
export declare function signedMessage(request: ExtractRequest): string;
export declare function signExtract(request: ExtractRequest, key: string): string;
export declare function signedQuery(request: ExtractRequest, key: string): string;
export declare function verifyExtractQuery(
  query: URLSearchParams,
  keys: string[],
  nowSeconds?: number,
): { ok: true; request: Required<ExtractRequest> } | { ok: false; outcome: string; request?: unknown };
export declare function readSigningKeys(env?: Record<string, string | undefined>): string[];
