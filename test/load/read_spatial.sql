SELECT count(*) FROM housing_areas.nearest_facilities('school', 3, 2025);
SELECT count(*) FROM housing_areas.daycare_cap(2025) WHERE over_cap;
SELECT length(housing_areas.areas_mvt(8, 135, 79, 2025));
