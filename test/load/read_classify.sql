\set a random(1, 20)
SELECT housing_areas.category(ind, list_year), (housing_areas.classify(ind, list_year)).criteria_met FROM housing_areas.area_year WHERE area_id = :a;
SELECT count(*) FROM housing_areas.area_status WHERE list_year = 2025 AND on_udsat_list;
