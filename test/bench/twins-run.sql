-- One data set of test/bench/twins.sql, named by :data, as loaded: its
-- sizes, then each of its pairs checked for the same rows and timed.
INSERT INTO bench.twins_sizes SELECT ord, (SELECT count(*) FROM housing_areas.area_year),
       (SELECT count(*) FROM housing_areas.area_year WHERE list_year = 2024) FROM bench.twins_pairs WHERE data = :'data';
SELECT format('SELECT bench.check_same(%L, %L, %L, %L, %L)', 'twins', ord::text, ext_label || ' vs ' || base_label, ext, base)
  FROM bench.twins_pairs WHERE data = :'data' ORDER BY ord
\o /dev/null
\gexec
\o
SELECT format('SELECT bench.record(%L, %L, %L, %L, %L, %s)', 'twins', ord::text,
			  ARRAY['ext', 'base'], ARRAY[ext_label, base_label], ARRAY[ext, base], :runs)
  FROM bench.twins_pairs WHERE data = :'data' ORDER BY ord
\o /dev/null
\gexec
\o
