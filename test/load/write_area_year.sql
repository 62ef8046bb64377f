\set x random(0, 9000)
\set r random(0, 1000)
BEGIN;
INSERT INTO housing_areas.area (area_id, name, municipality_code, geom)
  VALUES (nextval('load.ids'), 'Load area', '0751',
          ST_Multi(ST_Buffer(ST_SetSRID(ST_MakePoint(575000 + :x, 6221000 + :r), 25832), 100)));
INSERT INTO housing_areas.area_year (area_id, list_year, ind)
  VALUES (currval('load.ids'), 2025,
          housing_areas.make_indicators(residents => 900 + :r * 3, outside_labour => 30 + :r / 50.0,
                                        basic_education => 50 + :r / 60.0, nonwestern => :r / 12.0));
INSERT INTO load.log VALUES ('area_year', currval('load.ids'));
END;
