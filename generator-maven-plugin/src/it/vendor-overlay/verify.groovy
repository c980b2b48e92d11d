def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
def manifest = new File(basedir, 'target/generated-sources/airflow-mcp/resources/META-INF/airflow-mcp/tools.json').text
assert manifest.contains('"name": "acme_list_pipelines"')
assert !manifest.contains('"name": "list_dags"')
assert !manifest.contains('"name": "get_upstream_asset_events"')
return true
