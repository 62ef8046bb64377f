-- real boundaries: DAGI municipalities and regions (Polygon pieces, 3D with
-- dummy Z, CRS84) to one MultiPolygon per code in EPSG:25832, and areas
-- placed in real towns fall in the right municipality
SET search_path = housing_areas, public;

\set kommuner `cat test/data/dagi/kommuner.geojson`
\set regioner `cat test/data/dagi/regioner.geojson`
SELECT (:'kommuner'::jsonb -> 'crs' -> 'properties' ->> 'name') AS declared_crs,
       jsonb_array_length(:'kommuner'::jsonb -> 'features') AS pieces,
       (SELECT count(*) FROM jsonb_array_elements(:'kommuner'::jsonb -> 'features') AS f
         WHERE f -> 'geometry' ->> 'type' <> 'Polygon') AS not_polygons,
       (:'kommuner'::jsonb -> 'features' -> 0 -> 'geometry' -> 'coordinates' -> 0 -> 0 ->> 2) AS dummy_z;

INSERT INTO municipality (municipality_code, name, geom)
SELECT code, name, geom FROM dagi_from_geojson(:'kommuner'::jsonb, 'KOMKODE', 'KOMNAVN');
CREATE TEMP TABLE region AS SELECT * FROM dagi_from_geojson(:'regioner'::jsonb, 'REGIONKODE', 'REGIONNAVN');
UPDATE municipality AS m SET region_code = r.code
  FROM region AS r WHERE ST_Covers(r.geom, ST_PointOnSurface(m.geom));

SELECT count(*) AS municipalities, count(DISTINCT name) AS names,
       count(*) FILTER (WHERE ST_GeometryType(geom) = 'ST_MultiPolygon') AS multipolygons,
       count(*) FILTER (WHERE ST_SRID(geom) = 25832) AS srid_25832,
       count(*) FILTER (WHERE ST_NDims(geom) = 2) AS two_d,
       count(*) FILTER (WHERE ST_IsValid(geom)) AS valid,
       count(*) FILTER (WHERE region_code IS NOT NULL) AS with_region
  FROM municipality;
SELECT code, name, round((ST_Area(geom) / 1e6)::numeric) AS km2 FROM region ORDER BY code;
SELECT municipality_code, name, region_code, ST_NumGeometries(geom) AS parts,
       round((ST_Area(geom) / 1e6)::numeric) AS km2
  FROM municipality WHERE municipality_code IN ('0101', '0461', '0607', '0751', '0825', '0400') ORDER BY 1;
-- Denmark in ETRS89 / UTM 32N
SELECT round(ST_XMin(e)) > 400000 AND round(ST_XMax(e)) < 900000
       AND round(ST_YMin(e)) > 6000000 AND round(ST_YMax(e)) < 6450000 AS plausible_extent
  FROM (SELECT ST_Extent(geom)::geometry AS e FROM municipality) AS x;

-- areas around real places (300 m squares around lon/lat points)
INSERT INTO area (area_id, name, municipality_code, geom)
SELECT id, name, code, ST_Multi(ST_Expand(ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 25832), 150))
  FROM (VALUES (1, 'Gellerupparken', '0751', 10.1446, 56.1536),
               (2, 'Vollsmose', '0461', 10.4336, 55.4087),
               (3, 'Mjølnerparken', '0101', 12.5466, 55.6993),
               (4, 'Korskærparken', '0607', 9.7347, 55.5753),
               (5, 'Tingbjerg', '0101', 12.4803, 55.7147),
               (6, 'Skovparken', '0621', 9.4702, 55.4902)) AS t(id, name, code, lon, lat);
SELECT a.area_id, a.name, a.municipality_code AS given, m.municipality_code AS found, m.name AS municipality,
       m.region_code, a.municipality_code = m.municipality_code AS ok
  FROM area AS a
  LEFT JOIN municipality AS m ON ST_Covers(m.geom, a.geom)
 ORDER BY a.area_id;

DELETE FROM area;
DELETE FROM municipality;

-- a Feature with "geometry": null (valid RFC 7946), without geometry, or
-- without the code: an error naming the feature, never an internal error
SELECT * FROM dagi_from_geojson('{"type": "FeatureCollection", "features": [
  {"type": "Feature", "properties": {"KOMKODE": "0101", "KOMNAVN": "København"},
   "geometry": {"type": "Polygon", "coordinates": [[[12.5, 55.6], [12.6, 55.6], [12.6, 55.7], [12.5, 55.6]]]}},
  {"type": "Feature", "properties": {"KOMKODE": "0147", "KOMNAVN": "Frederiksberg"}, "geometry": null}]}', 'KOMKODE', 'KOMNAVN');
SELECT * FROM dagi_from_geojson('{"features": [{"type": "Feature", "properties": {"KOMKODE": "0147"}}]}', 'KOMKODE', 'KOMNAVN');
SELECT * FROM dagi_from_geojson('{"features": [{"type": "Feature", "properties": {"kode": "0147"},
  "geometry": {"type": "Polygon", "coordinates": [[[12.5, 55.6], [12.6, 55.6], [12.6, 55.7], [12.5, 55.6]]]}}]}', 'KOMKODE', 'KOMNAVN');
-- a ring that is not closed, and coordinates no projection takes
SELECT * FROM dagi_from_geojson('{"features": [{"type": "Feature", "properties": {"KOMKODE": "0751"},
  "geometry": {"type": "Polygon", "coordinates": [[[10, 56], [10.1, 56], [10.1, 56.1]]]}}]}', 'KOMKODE', 'KOMNAVN');
SELECT * FROM dagi_from_geojson('{"features": [{"type": "Feature", "properties": {"KOMKODE": "0751"},
  "geometry": {"type": "Polygon", "coordinates": [[[1e308, 1e308], [-1e308, 1e308], [0, 0], [1e308, 1e308]]]}}]}', 'KOMKODE', 'KOMNAVN');
-- a geometry that is no boundary
SELECT * FROM dagi_from_geojson('{"features": [{"type": "Feature", "properties": {"KOMKODE": "0751"},
  "geometry": {"type": "Point", "coordinates": [10, 56]}}]}', 'KOMKODE', 'KOMNAVN');
