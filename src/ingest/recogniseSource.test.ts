import { describe, expect, it } from 'vitest';
import { recogniseSource, tableNameFromPath } from './recogniseSource';

describe('recogniseSource', () => {
  it.each([
    [['customer_id', 'customer_unique_id', 'customer_zip_code_prefix', 'customer_city', 'customer_state'], 'customers'],
    [['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp', 'order_approved_at'], 'orders'],
    [['order_id', 'order_item_id', 'product_id', 'seller_id', 'shipping_limit_date', 'price', 'freight_value'], 'order_items'],
    [['order_id', 'payment_sequential', 'payment_type', 'payment_installments', 'payment_value'], 'order_payments'],
    [['review_id', 'order_id', 'review_score', 'review_comment_message'], 'order_reviews'],
    [['product_id', 'product_category_name', 'product_name_lenght', 'product_description_lenght'], 'products'],
    [['seller_id', 'seller_zip_code_prefix', 'seller_city', 'seller_state'], 'sellers'],
    [['product_category_name', 'product_category_name_english'], 'category_translation'],
    [['geolocation_zip_code_prefix', 'geolocation_lat', 'geolocation_lng', 'geolocation_city'], 'geolocation'],
  ])('recognises %j as %s', (columns, expected) => {
    expect(recogniseSource(columns)).toBe(expected);
  });

  it('matches columns regardless of case and surrounding spaces (a hand-edited export)', () => {
    expect(recogniseSource([' Seller_ID', 'SELLER_ZIP_CODE_PREFIX '])).toBe('sellers');
  });

  it('prefers the most specific source when several match', () => {
    // An orders export that was joined with customer_unique_id also contains the
    // customer_id key of customers (3 keys) but lacks its zip prefix: it stays orders.
    expect(recogniseSource(['order_id', 'customer_id', 'order_status', 'order_purchase_timestamp', 'customer_unique_id'])).toBe('orders');
  });

  it('leaves tables without a full key unrecognised', () => {
    expect(recogniseSource(['order_id', 'price'])).toBeUndefined();
    expect(recogniseSource([])).toBeUndefined();
  });
});

describe('tableNameFromPath', () => {
  it('makes a safe lower-case name from the file name', () => {
    expect(tableNameFromPath('exports/My Export (2).csv')).toBe('my_export_2');
    expect(tableNameFromPath('x.zip/2024-sales.csv')).toBe('t_2024_sales');
    expect(tableNameFromPath('???.csv')).toBe('unnamed');
  });
});
