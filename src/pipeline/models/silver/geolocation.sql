-- Zip-prefix locations: one point, city and state per zip code prefix.
-- grain: one row per zip code prefix
-- key: geolocation_zip_code_prefix
-- reduces: points
-- expect: not_null(geolocation_zip_code_prefix, geolocation_lat, geolocation_lng, points)
-- expect: range(geolocation_lat; -34; 6)
-- expect: range(geolocation_lng; -74; -34)
-- expect: range(points; 1; )
-- expect: sql(zip prefix is five digits; SELECT * FROM silver.geolocation WHERE NOT regexp_full_match(geolocation_zip_code_prefix, '[0-9]{5}')) warn
-- The source has many points per zip prefix (about a quarter exact repeats) and some
-- points far outside Brazil. A point is good when its zip prefix is present and its
-- latitude and longitude are numbers inside Brazil's bounding box (lat -34..6,
-- lng -74..-34, inclusive); other points are quarantined.
-- The model reduces (models/README.md): it returns one row per zip prefix, summarising the
-- zip's good points (exact repeats included), one row per quarantined point, and one row per
-- other good point, absorbed into its zip's summary.
-- geolocation_lat and geolocation_lng are the medians (DOUBLE), geolocation_city the most
-- frequent city (trimmed, lower-case; ties go to the first name in alphabetical order),
-- geolocation_state the most frequent state (upper-case; same tie rule), points the number
-- of good points (INTEGER); _source, _source_kind, _row and _loaded_at are those of the
-- zip's first good point by _row (then _source). An absorbed point names that first point
-- (_kept_source, _kept_row) and says whether it repeats it exactly (_kind: exact when a
-- hash of its five columns as loaded is the first point's, conflicting otherwise); the
-- runner records it in duplicates.geolocation.
-- geolocation_zip_code_prefix is 5-character text left-padded with zeros.
-- Hard rules (quarantine): zip prefix missing; latitude or longitude missing or not a
-- number; point outside Brazil's bounding box.
-- There are about a million points per scale factor (10 M at sf 10): per point, only what
-- the rules and the medians need is computed; city and state are cleaned once per distinct
-- spelling in a zip, and the texts of a reason only for quarantined points. Memory stays
-- bounded (DuckDB-WASM cannot spill to disk): `points` is read twice from bronze rather
-- than held (NOT MATERIALIZED), and the summary keeps per zip only the medians' values and
-- the spellings; the absorbed points stream past a join with the zips' first points.
-- Batches: geolocation reduces, it is not merged by key: every batch's points count, and
-- each zip's summary is recomputed from the points of all batches (a point list has no
-- versions; change records for geolocation are read as points like any row).
WITH points AS NOT MATERIALIZED (
  SELECT
    -- Nearly every zip prefix is five digits already and needs no trimming or padding.
    CASE WHEN geolocation_zip_code_prefix::VARCHAR GLOB '[0-9][0-9][0-9][0-9][0-9]' THEN geolocation_zip_code_prefix::VARCHAR
         ELSE lpad(NULLIF(trim(geolocation_zip_code_prefix::VARCHAR), ''), 5, '0') END AS zip,
    -- The cast skips ASCII spaces itself; trim (which also strips other Unicode spaces)
    -- runs only for the rare text the plain cast rejects. Same result as casting the trim.
    coalesce(TRY_CAST(geolocation_lat::VARCHAR AS DOUBLE), TRY_CAST(trim(geolocation_lat::VARCHAR) AS DOUBLE)) AS lat,
    coalesce(TRY_CAST(geolocation_lng::VARCHAR AS DOUBLE), TRY_CAST(trim(geolocation_lng::VARCHAR) AS DOUBLE)) AS lng,
    coalesce(zip IS NOT NULL AND lat BETWEEN -34 AND 6 AND lng BETWEEN -74 AND -34, false) AS good,
    -- The raw coordinates are only needed for the reasons of quarantined points.
    CASE WHEN NOT good THEN geolocation_lat END AS lat_raw,
    CASE WHEN NOT good THEN geolocation_lng END AS lng_raw,
    geolocation_city, geolocation_state,
    -- The point as loaded, for telling exact duplicates from conflicting ones.
    hash(geolocation_zip_code_prefix, geolocation_lat, geolocation_lng, geolocation_city, geolocation_state) AS _values,
    _source, _source_kind, _row, _loaded_at
  FROM bronze.geolocation
),
-- Every zip's good points.
location AS (
  SELECT
    zip,
    median(lat) AS geolocation_lat,
    median(lng) AS geolocation_lng,
    count(*)::INTEGER AS points,
    -- (_row, _source) is unique per bronze row: the smallest is the zip's first good point.
    min({_row: _row, _source: _source, _source_kind: _source_kind, _loaded_at: _loaded_at, _values: _values}) AS first_point,
    -- How often each city and state is written so, among the zip's good points.
    histogram(geolocation_city::VARCHAR) AS city_spellings,
    histogram(geolocation_state::VARCHAR) AS state_spellings
  FROM points
  -- Grouped by good too, and the good groups kept with HAVING on an aggregate: a WHERE (or
  -- HAVING good) would be pushed down into `points` and evaluate every point's rules twice.
  GROUP BY zip, good
  HAVING bool_and(good)
),
city AS (
  SELECT zip, city AS geolocation_city
  FROM (
    SELECT zip, NULLIF(lower(trim(spelling.key)), '') AS city, spelling.value AS n
    FROM (SELECT zip, unnest(map_entries(city_spellings)) AS spelling FROM location)
  )
  WHERE city IS NOT NULL
  GROUP BY zip, city
  QUALIFY row_number() OVER (PARTITION BY zip ORDER BY sum(n) DESC, city) = 1
),
state AS (
  SELECT zip, state AS geolocation_state
  FROM (
    SELECT zip, NULLIF(upper(trim(spelling.key)), '') AS state, spelling.value AS n
    FROM (SELECT zip, unnest(map_entries(state_spellings)) AS spelling FROM location)
  )
  WHERE state IS NOT NULL
  GROUP BY zip, state
  QUALIFY row_number() OVER (PARTITION BY zip ORDER BY sum(n) DESC, state) = 1
),
-- Every point but its zip's first good one: quarantined, or absorbed into the zip's summary.
others AS (
  SELECT
    p.*,
    l.first_point AS kept,
    NULLIF(trim(p.lat_raw::VARCHAR), '') AS lat_text,
    NULLIF(trim(p.lng_raw::VARCHAR), '') AS lng_text
  FROM points AS p
  LEFT JOIN location AS l USING (zip)
  WHERE NOT p.good OR p._row <> l.first_point._row OR p._source <> l.first_point._source
)
SELECT
  l.zip AS geolocation_zip_code_prefix,
  l.geolocation_lat,
  l.geolocation_lng,
  c.geolocation_city,
  s.geolocation_state,
  l.points,
  l.first_point._source, l.first_point._source_kind, l.first_point._row, l.first_point._loaded_at,
  NULL::VARCHAR AS _reason,
  -- Last, after _reason: the runner keeps these columns of the absorbed points as duplicates.geolocation.
  NULL::VARCHAR AS _kept_source,
  NULL::BIGINT AS _kept_row,
  NULL::VARCHAR AS _kind
FROM location AS l
LEFT JOIN city AS c USING (zip)
LEFT JOIN state AS s USING (zip)
UNION ALL
SELECT
  zip, NULL, NULL, NULL, NULL, NULL,
  _source, _source_kind, _row, _loaded_at,
  CASE WHEN NOT good THEN concat_ws('; ',
    CASE WHEN zip IS NULL THEN 'geolocation_zip_code_prefix missing' END,
    CASE WHEN lat_text IS NULL THEN 'geolocation_lat missing'
         WHEN lat IS NULL THEN 'geolocation_lat is not a number: ' || lat_text END,
    CASE WHEN lng_text IS NULL THEN 'geolocation_lng missing'
         WHEN lng IS NULL THEN 'geolocation_lng is not a number: ' || lng_text END,
    CASE WHEN lat IS NOT NULL AND lng IS NOT NULL
          AND NOT (lat BETWEEN -34 AND 6 AND lng BETWEEN -74 AND -34)
         THEN 'point outside Brazil: ' || lat_text || ', ' || lng_text END
  ) END,
  CASE WHEN good THEN kept._source END,
  CASE WHEN good THEN kept._row END,
  CASE WHEN NOT good THEN NULL WHEN _values = kept._values THEN 'exact' ELSE 'conflicting' END
FROM others
