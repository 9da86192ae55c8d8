/**
 * An item's category as gold.revenue_by_category names it (the English name; the
 * Portuguese one without a translation; 'unknown' without a product or a category), over
 * silver.order_items `i` LEFT JOIN silver.products `p`. If that model's rule changes, this
 * must follow (the tests compare the two); a gold item-level table with the category
 * would remove the copy.
 */
export const ITEM_CATEGORY = "coalesce(p.product_category_name_english, 'unknown')";

/** The items with their category: `i` items, `p` products. */
export const ITEMS_WITH_PRODUCTS = 'silver.order_items AS i LEFT JOIN silver.products AS p USING (product_id)';
