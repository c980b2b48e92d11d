def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 2, Failures: 0, Errors: 0, Skipped: 0')
def manifest = new File(basedir, 'target/generated-sources/airflow-mcp/resources/META-INF/airflow-mcp/tools.json').text
assert manifest.contains('"name": "acme_list_pipelines"')
assert !manifest.contains('"name": "list_dags"')
assert !manifest.contains('"name": "get_upstream_asset_events"')
// acme_dag_versions names no rate-limit class: it inherits the curated default, 'read'.
def versions = new File(basedir,
    'target/generated-sources/airflow-mcp/java/com/acme/airflow/generated/tools/AcmeDagVersionsTool.java').text
assert versions.contains('ToolPolicy.readOnly("read")')
// Acme's MigrationTableView.mustache replaced the shipped one; the tool reference is shipped.
def table = new File(basedir, 'target/docs/migration-table.md').text
assert table.startsWith('# Moving from astro-airflow-mcp 0.9.0 to Acme Airflow\n')
assert table.contains('- `list_dags`: use `acme_list_pipelines`\n')
assert table.contains('- `get_upstream_asset_events`: ask Acme support (not in the tool spec)\n')
assert table.contains('- `pause_dag`: ask Acme support (writes are not enabled)\n')
assert table.contains('- new: `acme_dag_versions`\n')
assert new File(basedir, 'target/docs/tool-reference.md').text.startsWith('# Tool reference: Acme Airflow\n')
assert new File(basedir, 'target/docs/client-configuration.md').isFile()
return true
