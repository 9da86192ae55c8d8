/** The demo dataset's scale in the browser: ~10k orders, ~100k geolocation rows. Used by "Try the demo" and by embed mode's `data=demo`. */
export const DEMO_SCALE = 0.1;
