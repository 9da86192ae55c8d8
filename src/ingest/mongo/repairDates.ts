import { isDocument, type Document } from './document';
import type { ExactDates } from './outOfRangeDate';

/**
 * Replaces every Invalid Date in a document (bson's result for a date beyond what a JS
 * Date holds) by its exact value from the source, found by its path (field names and
 * array indexes). Only called for the rare document the profile flagged.
 */
export function repairDates(doc: Document, exactDates: ExactDates): void {
  const path: string[] = [];
  const visit = (container: Record<string, unknown> | unknown[], key: string | number): void => {
    const value = (container as Record<string, unknown>)[key as string];
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) (container as Record<string, unknown>)[key as string] = exactDates(path);
    } else if (Array.isArray(value)) {
      value.forEach((_, i) => {
        path.push(String(i));
        visit(value, i);
        path.pop();
      });
    } else if (isDocument(value)) {
      for (const k of Object.keys(value)) {
        path.push(k);
        visit(value, k);
        path.pop();
      }
    }
  };
  for (const k of Object.keys(doc)) {
    path.push(k);
    visit(doc, k);
    path.pop();
  }
}
