SELECT area_id, housing_areas.to_indicators(
         housing_areas.tally_agg(age, nonwestern, outside_labour_fte, convicted, basic_education, gross_income, student),
         NULL, 0.57, 381000)
  FROM demo.person WHERE data_year = 2025 GROUP BY area_id;
