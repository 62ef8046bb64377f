"""QGIS against the GIS views (run by test/clients.sh with /usr/bin/python3
and QT_QPA_PLATFORM=offscreen): what the browser proposes as the key of each
view, the layers through the postgres provider with the documented URI, a
fetch by feature id, and a rendered PNG that must not be blank.  Prints one
TAP line per check (no plan: test/clients.sh holds the plan).

usage: qgis_check.py CONNINFO PNG [--title TEXT]
"""
import json
import os
import sys

from qgis.core import (
    Qgis, QgsApplication, QgsCategorizedSymbolRenderer, QgsDataSourceUri,
    QgsFeatureRequest, QgsFillSymbol, QgsMapRendererSequentialJob, QgsMapSettings,
    QgsMarkerSymbol, QgsProviderRegistry, QgsRendererCategory, QgsSettings,
    QgsVectorLayer, QgsWkbTypes,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

conninfo, png = sys.argv[1], sys.argv[2]
VIEWS = ('gis_area_status', 'gis_latest_list', 'gis_latest_list_points')
results = []


def check(name, ok, diag=''):
    results.append(ok)
    print(('ok' if ok else 'not ok') + ' - qgis: ' + name)
    if diag and not ok:
        for line in str(diag).splitlines():
            print('# ' + line)
    sys.stdout.flush()


QgsApplication.setPrefixPath('/usr', True)
QgsApplication.setOrganizationName('housing_areas_test')
QgsApplication.setApplicationName('clients')
app = QgsApplication([], False)
app.initQgis()
log = []
QgsApplication.messageLog().messageReceived.connect(lambda m, t, l: log.append('%s: %s' % (t, m)))
print('# QGIS %s' % Qgis.QGIS_VERSION)

md = QgsProviderRegistry.instance().providerMetadata('postgres')
conn = md.createConnection(conninfo, {})


def sql(query):
    return conn.executeSql(query)


# what PostGIS says, to compare with
counts = {v: int(sql('SELECT count(*) FROM housing_areas.%s' % v)[0][0]) for v in VIEWS}
colours = dict(sql("SELECT c, housing_areas.category_colour(c) FROM unnest(ARRAY['omdannelse', "
                   "'parallelsamfund', 'udsat', 'forebyggelse', 'none', 'unknown']) AS c"))
latest = int(sql('SELECT housing_areas.latest_list_year()')[0][0])

# 1. the browser: the key it proposes for each view (the first column)
settings = QgsSettings()
uri0 = QgsDataSourceUri(conninfo)
base = '/PostgreSQL/connections/housing_areas_test/'
for key, value in (('host', uri0.host()), ('port', uri0.port()), ('database', uri0.database()),
                   ('username', uri0.username()), ('saveUsername', 'true'), ('savePassword', 'false'),
                   ('estimatedMetadata', 'false')):
    settings.setValue(base + key, value)
proposed = {}
provider = [p for p in QgsApplication.dataItemProviderRegistry().providers() if p.name() == 'PostGIS'][0]
root = provider.createDataItem('', None)
for connection in root.createChildren():
    if connection.name() != 'housing_areas_test':
        continue
    for schema in connection.createChildren():
        if schema.name() != 'housing_areas':
            continue
        for item in schema.createChildren():
            if item.name() in VIEWS:
                proposed[item.name()] = QgsDataSourceUri(item.uri()).keyColumn().strip('"')
check('the browser proposes the key id for ' + ', '.join(VIEWS),
      all(proposed.get(v) == 'id' for v in VIEWS), proposed)

# 2. the layers through the postgres provider, with the documented URI
layers = {}
for view in VIEWS:
    uri = QgsDataSourceUri(conninfo)
    uri.setDataSource('housing_areas', view, 'geom', '', 'id')
    uri.setParam('checkPrimaryKeyUnicity', '0')
    layer = QgsVectorLayer(uri.uri(False), view, 'postgres')
    layers[view] = layer
    ok = (layer.isValid() and layer.featureCount() == counts[view]
          and layer.crs().authid() == 'EPSG:25832'
          and layer.dataProvider().pkAttributeIndexes() == [layer.fields().indexOf('id')])
    check('%s loads with key id: %s features, EPSG:25832' % (view, counts[view]), ok,
          'valid %s, %s features, %s, key %s\n%s' % (
              layer.isValid(), layer.featureCount(), layer.crs().authid(),
              layer.dataProvider().pkAttributeIndexes() if layer.isValid() else '-', '\n'.join(log[-5:])))
geometry_types = [QgsWkbTypes.displayString(layers[v].wkbType()) for v in VIEWS]
check('geometry types MultiPolygon, MultiPolygon, Point',
      geometry_types == ['MultiPolygon', 'MultiPolygon', 'Point'], geometry_types)

# 3. a fetch by feature id: the feature id is the key id
row = sql("SELECT id, area_id, list_year, category FROM housing_areas.gis_area_status "
          "WHERE list_year = %d ORDER BY area_id LIMIT 1" % latest)[0]
feature = next(layers['gis_area_status'].getFeatures(QgsFeatureRequest(int(row[0]))), None)
got = None if feature is None else [feature.id(), feature['area_id'], feature['list_year'], feature['category']]
check('a fetch by feature id %s returns that row' % row[0],
      got == [int(row[0]), int(row[1]), int(row[2]), row[3]], '%s against %s' % (got, row))

# 4. a rendering of the latest list: municipalities, areas, points by category
land = None
if int(sql('SELECT count(*) FROM housing_areas.municipality')[0][0]) > 0:
    uri = QgsDataSourceUri(conninfo)
    uri.setDataSource('housing_areas', 'municipality', 'geom', '', 'municipality_code')
    land = QgsVectorLayer(uri.uri(False), 'municipality', 'postgres')
    land.setRenderer(land.renderer().clone())
    land.renderer().setSymbol(QgsFillSymbol.createSimple(
        {'color': '#f2f2f2', 'outline_color': '#bbbbbb', 'outline_width': '0.2'}))
polygons, points = layers['gis_latest_list'], layers['gis_latest_list_points']
polygon_categories, point_categories = [], []
for category, colour in colours.items():
    polygon_categories.append(QgsRendererCategory(category, QgsFillSymbol.createSimple(
        {'color': colour, 'outline_color': '#333333', 'outline_width': '0.1'}), category))
    point_categories.append(QgsRendererCategory(category, QgsMarkerSymbol.createSimple(
        {'name': 'circle', 'color': colour, 'outline_color': '#333333', 'size': '2.4'}), category))
polygons.setRenderer(QgsCategorizedSymbolRenderer('category', polygon_categories))
points.setRenderer(QgsCategorizedSymbolRenderer('category', point_categories))
# listed areas on top of the others
points.setSubsetString("category <> 'none'")
none_points = QgsVectorLayer(points.source(), 'none', 'postgres')
none_points.setSubsetString("category = 'none'")
none_points.setRenderer(points.renderer().clone())

settings = QgsMapSettings()
settings.setLayers([points, none_points, polygons] + ([land] if land else []))
settings.setDestinationCrs(polygons.crs())
extent = (land or polygons).extent()
extent.grow(max(extent.width(), extent.height()) * 0.03)
settings.setExtent(extent)
settings.setOutputSize(QSize(760, int(760 * extent.height() / extent.width())))
settings.setBackgroundColor(QColor('#ffffff'))
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
image = job.renderedImage()
image.save(png, 'PNG')
width, height = image.width(), image.height()
seen, painted = {}, 0
for y in range(0, height, 2):
    for x in range(0, width, 2):
        rgb = image.pixel(x, y) & 0xffffff
        seen[rgb] = seen.get(rgb, 0) + 1
        if rgb != 0xffffff:
            painted += 1
share = painted / float(((width + 1) // 2) * ((height + 1) // 2))
category_pixels = {c: seen.get(int(colour[1:], 16), 0) for c, colour in colours.items()}
listed = sql("SELECT DISTINCT category FROM housing_areas.gis_latest_list WHERE category NOT IN ('none', 'unknown')")
drawn = [r[0] for r in listed if category_pixels.get(r[0], 0) > 0]
check('the rendered PNG (%dx%d) is not blank: %.0f %% painted, %d colours' % (width, height, 100 * share, len(seen)),
      os.path.getsize(png) > 5000 and share > 0.05 and len(seen) > 10, category_pixels)
check('every category of the latest list is drawn in its colour (%s)' % ', '.join(sorted(drawn)),
      len(drawn) == len(listed) and len(listed) > 0, category_pixels)

app.exitQgis()
sys.exit(0 if all(results) else 1)
