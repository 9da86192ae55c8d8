-- Zip-prefix locations: one point, city and state per zip code prefix.
-- grain: one row per zip code prefix
-- key: geolocation_zip_code_prefix
-- expect: not_null(geolocation_zip_code_prefix, geolocation_lat, geolocation_lng, points)
-- expect: range(geolocation_lat; -34; 6)
-- expect: range(geolocation_lng; -74; -34)
-- expect: range(points; 1; )
-- expect: sql(zip prefix is five digits; SELECT * FROM silver.geolocation WHERE NOT regexp_full_match(geolocation_zip_code_prefix, '[0-9]{5}')) warn
-- The source has many points per zip prefix (about a quarter exact repeats) and some
-- points far outside Brazil. A point is good when its zip prefix is present and its
-- latitude and longitude are numbers inside Brazil's bounding box (lat -34..6,
-- lng -74..-34, inclusive); other points are quarantined.
-- Every bronze row comes out once; each good row carries the summary of its zip, computed
-- over the zip's good points (exact repeats included), so whichever row the runner keeps
-- per key holds the same values: geolocation_lat and geolocation_lng are the medians
-- (DOUBLE), geolocation_city the most frequent city (trimmed, lower-case; ties go to the
-- first name in alphabetical order), geolocation_state the most frequent state (upper-case;
-- same tie rule), points the number of good points (INTEGER).
-- geolocation_zip_code_prefix is 5-character text left-padded with zeros.
-- Hard rules (quarantine): zip prefix missing; latitude or longitude missing or not a
-- number; point outside Brazil's bounding box.
WITH raw AS (
  SELECT
    lpad(NULLIF(trim(geolocation_zip_code_prefix::VARCHAR), ''), 5, '0') AS zip,
    NULLIF(trim(geolocation_lat::VARCHAR), '') AS lat_text,
    NULLIF(trim(geolocation_lng::VARCHAR), '') AS lng_text,
    NULLIF(lower(trim(geolocation_city::VARCHAR)), '') AS city,
    NULLIF(upper(trim(geolocation_state::VARCHAR)), '') AS state,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.geolocation
),
typed AS (
  SELECT *, TRY_CAST(lat_text AS DOUBLE) AS lat, TRY_CAST(lng_text AS DOUBLE) AS lng
  FROM raw
),
checked AS (
  SELECT
    *,
    NULLIF(concat_ws('; ',
      CASE WHEN zip IS NULL THEN 'geolocation_zip_code_prefix missing' END,
      CASE WHEN lat_text IS NULL THEN 'geolocation_lat missing'
           WHEN lat IS NULL THEN 'geolocation_lat is not a number: ' || lat_text END,
      CASE WHEN lng_text IS NULL THEN 'geolocation_lng missing'
           WHEN lng IS NULL THEN 'geolocation_lng is not a number: ' || lng_text END,
      CASE WHEN lat IS NOT NULL AND lng IS NOT NULL
            AND NOT (lat BETWEEN -34 AND 6 AND lng BETWEEN -74 AND -34)
           THEN 'point outside Brazil: ' || lat_text || ', ' || lng_text END
    ), '') AS _reason
  FROM typed
),
good AS (
  SELECT * FROM checked WHERE _reason IS NULL
),
-- The zip to look the summary up by: none for a quarantined point.
keyed AS (
  SELECT *, CASE WHEN _reason IS NULL THEN zip END AS good_zip FROM checked
),
location AS (
  SELECT zip, median(lat) AS geolocation_lat, median(lng) AS geolocation_lng, count(*)::INTEGER AS points
  FROM good
  GROUP BY zip
),
city AS (
  SELECT zip, city AS geolocation_city
  FROM good
  WHERE city IS NOT NULL
  GROUP BY zip, city
  QUALIFY row_number() OVER (PARTITION BY zip ORDER BY count(*) DESC, city) = 1
),
state AS (
  SELECT zip, state AS geolocation_state
  FROM good
  WHERE state IS NOT NULL
  GROUP BY zip, state
  QUALIFY row_number() OVER (PARTITION BY zip ORDER BY count(*) DESC, state) = 1
)
SELECT
  c.zip AS geolocation_zip_code_prefix,
  l.geolocation_lat,
  l.geolocation_lng,
  ci.geolocation_city,
  st.geolocation_state,
  l.points,
  c._source, c._source_kind, c._row, c._loaded_at,
  c._reason
FROM keyed AS c
LEFT JOIN location AS l ON l.zip = c.good_zip
LEFT JOIN city AS ci ON ci.zip = c.good_zip
LEFT JOIN state AS st ON st.zip = c.good_zip
