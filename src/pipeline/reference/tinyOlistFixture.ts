/**
 * A hand-made Olist dataset of a dozen rows per file, for the reference gold tests. Every
 * number expected from it is worked out by hand in goldReference.test.ts. What it holds:
 * - o1: two items in two categories (one item key duplicated: the later row is dropped);
 * - o2: delivered two days late; o3: canceled with an item; o4: shipped, no items;
 * - c1 and c5 are one person (u1); c5's state is written ` sp ` (trimmed, upper-cased);
 * - o5: delivered the day it was due (12:00 after 00:00 estimated: not late);
 * - o6: delivered before purchase (outlier); o7: customer c_missing (unknown customer);
 * - o8 and o6 are bought on the same day (recency tie) and worth the same (monetary tie);
 * - o9: delivered without a delivered date; o10: an uncastable price (row quarantined);
 * - o11: approved before purchase (outlier); o12: unavailable with an item, latest purchase;
 * - o13: uncastable purchase timestamp (quarantined); o14: carrier before purchase; o15:
 *   delivered after 370 days (both without items); a duplicate o1 row and customer c2 row;
 * - p2 has no category, p3's category (pc_gamer) is missing from the translation file, which
 *   has a BOM, CRLF and no final newline; a review comment spans two lines.
 */
import type { CsvFile } from './silverReference';

const CUSTOMERS = `"customer_id","customer_unique_id","customer_zip_code_prefix","customer_city","customer_state"
c1,u1,"01037",sao paulo,SP
c2,u2,"20000",rio de janeiro,RJ
c3,u3,"30000",belo horizonte,MG
c4,u4,"40000",salvador,BA
c5,u1,1037,sao paulo, sp 
c6,u5,"08000",sao paulo,SP
c7,u6,"20000",rio de janeiro,RJ
c8,u7,"30000",belo horizonte,MG
c9,u8,"01037",sao paulo,SP
c10,u9,"90000",porto alegre,RS
c2,u_dup,"69900",rio branco,AC
,u_nokey,"11111",x,SP
`;

const ORDERS = `"order_id","customer_id","order_status","order_purchase_timestamp","order_approved_at","order_delivered_carrier_date","order_delivered_customer_date","order_estimated_delivery_date"
o1,c1,delivered,2018-01-10 10:00:00,2018-01-10 10:30:00,2018-01-11 08:00:00,2018-01-15 22:00:00,2018-01-20 00:00:00
o2,c2,delivered,2018-02-01 12:00:00,2018-02-01 12:10:00,2018-02-02 09:00:00,2018-02-12 18:00:00,2018-02-10 00:00:00
o3,c3,canceled,2018-02-05 09:00:00,2018-02-05 09:30:00,,,2018-02-25 00:00:00
o4,c4,shipped,2018-02-06 09:00:00,2018-02-06 09:20:00,2018-02-07 10:00:00,,2018-03-01 00:00:00
o5,c5,DELIVERED,2018-03-20 08:00:00,2018-03-20 08:20:00,2018-03-21 10:00:00,2018-03-25 12:00:00,2018-03-25 00:00:00
o6,c6,delivered,2018-03-01 10:00:00,2018-03-01 10:05:00,2018-03-02 10:00:00,2018-02-27 10:00:00,2018-03-15 00:00:00
o7,c_missing,delivered,2018-03-10 15:00:00,2018-03-10 15:10:00,2018-03-11 09:00:00,2018-03-16 15:00:00,2018-03-30 00:00:00
o8,c7,processing,2018-03-01 23:30:00,2018-03-02 00:10:00,,,2018-03-25 00:00:00
o9,c8,delivered,2018-04-10 09:00:00,2018-04-10 09:15:00,2018-04-11 12:00:00,,2018-04-30 00:00:00
o10,c9,shipped,2018-04-20 20:00:00,2018-04-20 20:30:00,2018-04-21 08:00:00,,2018-05-10 00:00:00
o11,c10,delivered,2018-04-28 14:00:00,2018-04-28 13:00:00,2018-04-29 10:00:00,2018-05-03 14:00:00,2018-05-15 00:00:00
o12,c10,unavailable,2018-05-02 10:00:00,,,,2018-05-20 00:00:00
o1,c1,canceled,2018-01-10 10:00:00,,,,2018-01-20 00:00:00
o13,c1,delivered,not a date,,,,
o14,c3,delivered,2018-02-10 10:00:00,2018-02-10 10:10:00,2018-02-09 10:00:00,2018-02-15 10:00:00,2018-02-28 00:00:00
o15,c4,delivered,2017-01-01 00:00:00,2017-01-01 01:00:00,2017-01-02 00:00:00,2018-01-06 12:00:00,2017-01-20 00:00:00
`;

const ITEMS = `"order_id","order_item_id","product_id","seller_id","shipping_limit_date","price","freight_value"
o1,1,p1,s1,2018-01-12 10:00:00,10.00,2.50
o1,2,p3,s1,2018-01-12 10:00:00,20.00,2.50
o1,1,p1,s1,2018-01-12 10:00:00,999.00,0.00
"o2",1,p1,s1,2018-02-03 12:00:00,50.00,5.00
o3,1,p1,s1,2018-02-07 09:00:00,100.00,10.00
o5,1,p2,s2,2018-03-22 08:00:00,15.00,3.00
o6,1,p2,s2,2018-03-03 10:00:00,30.00,3.00
o7,1,p3,s2,2018-03-12 15:00:00,40.00,4.00
o8,1,p1,s1,2018-03-03 23:30:00,30.00,3.00
o9,1,p1,s1,2018-04-12 09:00:00,30.00,3.00
o9,2,p1,s1,2018-04-12 09:00:00,30.00,3.00
o10,1,p3,s2,2018-04-22 20:00:00,80.00,8.00
o10,2,p3,s2,2018-04-22 20:00:00,abc,8.00
o11,1,p1,s1,2018-04-30 14:00:00,12,3.0
o12,1,p1,s1,2018-05-04 10:00:00,99.00,1.00
o13,1,p1,s1,,77.00,7.00
`;

const PRODUCTS = `"product_id","product_category_name","product_name_lenght","product_description_lenght","product_photos_qty","product_weight_g","product_length_cm","product_height_cm","product_width_cm"
p1,beleza_saude,40,300,1,500,20,10,15
p2,,,,,,,,
p3,pc_gamer,50,800,2,2000,40,20,30
`;

const TRANSLATION =
  '\uFEFFproduct_category_name,product_category_name_english\r\n' +
  'beleza_saude,health_beauty\r\ninformatica_acessorios,computers_accessories';

const SELLERS = `"seller_id","seller_zip_code_prefix","seller_city","seller_state"
s1,"01037",sao paulo,SP
s2,"13000","campinas, sao paulo, brasil",sp
`;

const PAYMENTS = `"order_id","payment_sequential","payment_type","payment_installments","payment_value"
o1,1,credit_card,2,35.00
"o2",1,boleto,1,55.00
o2,1,voucher,1,1.00
`;

const REVIEWS = `"review_id","order_id","review_score","review_comment_title","review_comment_message","review_creation_date","review_answer_timestamp"
r1,o1,5,,"Muito bom,
chegou rapido",2018-01-16 00:00:00,2018-01-17 10:00:00
r2,o2,1,Atraso,"Ele disse ""amanha"", nunca",2018-02-13 00:00:00,2018-02-14 10:00:00
r1,o1,4,,,2018-01-16 00:00:00,2018-01-17 10:00:00
`;

export function tinyOlist(): CsvFile[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  return [
    { name: 'olist_customers_dataset.csv', bytes: encode(CUSTOMERS) },
    { name: 'olist_orders_dataset.csv', bytes: encode(ORDERS) },
    { name: 'olist_order_items_dataset.csv', bytes: encode(ITEMS) },
    { name: 'olist_products_dataset.csv', bytes: encode(PRODUCTS) },
    { name: 'product_category_name_translation.csv', bytes: encode(TRANSLATION) },
    { name: 'olist_sellers_dataset.csv', bytes: encode(SELLERS) },
    { name: 'olist_order_payments_dataset.csv', bytes: encode(PAYMENTS) },
    { name: 'olist_order_reviews_dataset.csv', bytes: encode(REVIEWS) },
  ];
}
