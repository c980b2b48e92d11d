def log = new File(basedir, 'build.log').text
// before-edit and after-edit both generate; only the third run, with nothing changed, is skipped
assert (log =~ /airflow-mcp: \d+ files generated/).size() == 2
assert (log =~ /airflow-mcp: inputs unchanged, generated sources are up to date/).size() == 1
assert log.indexOf('inputs unchanged') > log.lastIndexOf('files generated')
// the output follows the edited base: list_jobs is gone, and its class with it
def out = new File(basedir, 'target/generated-sources/airflow-mcp')
def manifest = new File(out, 'resources/META-INF/airflow-mcp/tools.json').text
assert !manifest.contains('"name": "list_jobs"')
assert !manifest.contains('"name": "get_upstream_asset_events"')
assert manifest.contains('"name": "list_dags"')
assert !new File(out, 'java/it/generated/tools/ListJobsTool.java').exists()
assert new File(out, 'java/it/generated/tools/ListDagsTool.java').isFile()
return true
