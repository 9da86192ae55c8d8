import type { InputFile } from '../../ingest/inputFile';

// ---------------------------------------------------------------------------------------
// Hand-made bronze: a few rows per source, each there for a reason (see handMadeExamples.test.ts).
// Customers u1..u8 are people; o7's customer is missing; o3 is canceled and has the last
// purchase of all (so the RFM reference date is 2018-04-11); o5 and o6 have no items.

const csv = (name: string, lines: string[], prefix = '', eol = '\n'): InputFile => ({
  path: name,
  bytes: new TextEncoder().encode(prefix + lines.join(eol) + eol),
});

export const HAND_MADE: InputFile[] = [
  csv('olist_customers_dataset.csv', [
    '"customer_id","customer_unique_id","customer_zip_code_prefix","customer_city","customer_state"',
    'c1,u1,1037, Sao Paulo ,sp',
    'c2,u1,"01037",sao paulo,SP',
    'c3,u2,"20000",rio de janeiro,RJ',
    'c3,u2,"20000",rio de janeiro,RJ',
    'c4,u3,"30000",belo horizonte,MG',
    'c5,u4,"30100",belo horizonte,MG',
    'c6,u5,"30200",contagem,MG',
    'c10,u6,"20010",rio de janeiro,RJ',
    'c11,u6,"20010",rio de janeiro,RJ',
    'c12,u6,"20010",rio de janeiro,RJ',
    'c15,u6,"20010",rio de janeiro,RJ',
    'c13,u7,"01310",sao paulo,sp',
    'c14,u8,"30300",belo horizonte,MG',
    ',u9,"40000",salvador,BA',
  ]),
  csv('olist_orders_dataset.csv', [
    '"order_id","customer_id","order_status","order_purchase_timestamp","order_approved_at","order_delivered_carrier_date","order_delivered_customer_date","order_estimated_delivery_date"',
    'o1,c1,delivered,2018-01-10 10:00:00,2018-01-10 10:30:00,2018-01-12 08:00:00,2018-01-20 10:00:00,2018-01-25 00:00:00',
    'o2,c2,delivered,2018-03-05 12:00:00,2018-03-05 12:10:00,2018-03-07 09:00:00,2018-03-20 18:00:00,2018-03-15 00:00:00',
    'o3,c3,canceled,2018-04-10 09:00:00,,,,2018-04-30 00:00:00',
    'o4,c4,Shipped ,2018-04-01 08:00:00,2018-04-01 09:00:00,2018-04-03 10:00:00,,2018-04-20 00:00:00',
    'o5,c5,unavailable,2018-02-20 10:00:00,2018-02-20 11:00:00,,,2018-03-10 00:00:00',
    'o6,c6,invoiced,2018-02-25 10:00:00,2018-02-25 11:00:00,,,2018-03-15 00:00:00',
    'o7,c_missing,delivered,2018-02-15 10:00:00,2018-02-15 10:05:00,2018-02-16 10:00:00,2018-02-25 10:00:00,2018-03-01 00:00:00',
    'o8,c1,delivered,not a date,,,,',
    'o10,c10,approved,2017-12-01 10:00:00,2017-12-01 10:10:00,,,2017-12-20 00:00:00',
    'o11,c11,approved,2018-02-01 10:00:00,2018-02-01 10:10:00,,,2018-02-20 00:00:00',
    'o12,c12,approved,2018-04-09 10:00:00,2018-04-09 10:10:00,,,2018-04-28 00:00:00',
    'o15,c15,approved,2018-01-15 10:00:00,2018-01-15 10:10:00,,,2018-02-05 00:00:00',
    'o13,c13,delivered,2017-01-10 10:00:00,2017-01-10 09:00:00,2017-01-11 10:00:00,2017-01-20 10:00:00,2017-02-01 00:00:00',
    'o14,c14,processing,2018-03-20 15:00:00,2018-03-20 15:30:00,,,2018-04-10 00:00:00',
    'o9,c1,delivered,2018-01-05 10:00:00,bad,,,',
  ]),
  csv('olist_order_items_dataset.csv', [
    '"order_id","order_item_id","product_id","seller_id","shipping_limit_date","price","freight_value"',
    'o1,1,p1,s1,2018-01-15 10:00:00,100.00,10.50',
    'o1,2,p2,s2,2018-01-15 10:00:00,50.00,5.25',
    'o2,1,p1,s1,2018-03-10 12:00:00,20.00,4.00',
    'o3,1,p1,s1,2018-04-15 09:00:00,200.00,20.00',
    'o4,1,p3,s1,2018-04-06 08:00:00,30.00,3.00',
    'o4,2,p3,s1,2018-04-06 08:00:00,abc,3.00',
    'o4,3,p3,s1,2018-04-06 08:00:00,30.00,-1.00',
    'o7,1,p1,s3,2018-02-20 10:00:00,40.00,6.00',
    'o10,1,p4,s2,2017-12-06 10:00:00,12.00,1.00',
    'o11,1,p4,s2,2018-02-06 10:00:00,12.00,1.00',
    'o12,1,p4,s2,2018-04-14 10:00:00,12.00,1.00',
    'o15,1,p4,s2,2018-01-20 10:00:00,12.00,1.00',
    'o13,1,p2,s1,2017-01-15 10:00:00,500.00,25.00',
    'o14,1,p1,s2,2018-03-25 15:00:00,60.00,0.00',
    'o1,1,p1,s1,2018-01-15 10:00:00,999.00,10.50',
  ]),
  csv('olist_order_payments_dataset.csv', [
    '"order_id","payment_sequential","payment_type","payment_installments","payment_value"',
    'o1,1,credit_card,2,165.75',
    'o2,1,not_defined,0,0.00',
    'o2,2,Voucher ,1,24.00',
    'o3,1,boleto,1,x',
  ]),
  csv('olist_order_reviews_dataset.csv', [
    '"review_id","order_id","review_score","review_comment_title","review_comment_message","review_creation_date","review_answer_timestamp"',
    'r1,o1,5,,"  Muito bom,\nchegou antes\n",2018-01-21 00:00:00,2018-01-22 10:00:00',
    'r1,o2,4,"",ok,2018-03-21 00:00:00,2018-03-22 00:00:00',
    'r2,o3,6,,,2018-04-11 00:00:00,2018-04-12 00:00:00',
    'r3,o4,,,,2018-04-21 00:00:00,',
  ]),
  csv('olist_products_dataset.csv', [
    '"product_id","product_category_name","product_name_lenght","product_description_lenght","product_photos_qty","product_weight_g","product_length_cm","product_height_cm","product_width_cm"',
    'p1,cama_mesa_banho,40,300,2,500,20,10,15',
    'p2,pc_gamer,50,800,3,8000,50,40,30',
    'p3,,,,,300,16,5,11',
    'p4, perfumaria ,45,200,1,100,16,10,11',
    'p6,perfumaria,45,200,1,heavy,16,10,11',
    'p5,"",45,200,1,100,16,10,11',
  ]),
  csv('olist_sellers_dataset.csv', [
    '"seller_id","seller_zip_code_prefix","seller_city","seller_state"',
    's1,1001,Sao Paulo / SP,sp',
    's2,"20020",rio de janeiro,RJ',
  ]),
  // 01037 written two ways, a point of it outside Brazil and (last) an exact repeat of its
  // first point; 20000's two cities tie; 30000's only point has no number.
  csv('olist_geolocation_dataset.csv', [
    '"geolocation_zip_code_prefix","geolocation_lat","geolocation_lng","geolocation_city","geolocation_state"',
    '"01037",-23.5,-46.6,sao paulo,SP',
    '"01037",-23.7,-46.8,São Paulo,SP',
    '1037,-23.6,-46.7,sao paulo,SP',
    '"01037",41.15,-8.61,porto,SP',
    '"20000",-22.9,-43.2,rio,RJ',
    '"20000",-22.8,-43.1,niteroi,rj',
    '"30000",abc,-43.9,belo horizonte,MG',
    '"01037",-23.5,-46.6,sao paulo,SP',
  ]),
  // Like the real file: a byte-order mark, CRLF line ends.
  csv('product_category_name_translation.csv', [
    'product_category_name,product_category_name_english',
    'cama_mesa_banho,bed_bath_table',
    'perfumaria,perfumery',
  ], '\uFEFF', '\r\n'),
];
