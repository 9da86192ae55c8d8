import { describe, expect, it } from 'vitest';
import { piiKind } from './pii';

describe('piiKind', () => {
  it('tags the Olist columns that single out or locate a person', () => {
    expect(piiKind('customer_unique_id')).toBe('customer id');
    expect(piiKind('customer_id')).toBe('customer id');
    expect(piiKind('order_id')).toBe('order id');
    expect(piiKind('customer_zip_code_prefix')).toBe('zip prefix');
    expect(piiKind('geolocation_zip_code_prefix')).toBe('zip prefix');
    expect(piiKind('seller_city')).toBe('city');
    expect(piiKind('geolocation_lat')).toBe('location');
    expect(piiKind('review_comment_message')).toBe('free text');
    expect(piiKind('Customer_Unique_ID')).toBe('customer id');
  });

  it('leaves business columns untagged', () => {
    for (const column of ['customer_state', 'price', 'product_id', 'seller_id', 'order_status', 'category', 'revenue', 'velocity', 'latency_ms', 'customer_ids_count'])
      expect(piiKind(column), column).toBeUndefined();
  });
});
