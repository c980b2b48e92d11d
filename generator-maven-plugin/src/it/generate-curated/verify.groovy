def out = new File(basedir, 'target/generated-sources/airflow-mcp')
assert new File(out, 'java/it/generated/tools/ListDagsTool.java').isFile()
assert new File(out, 'java/it/generated/tools/GetTaskLogsTool.java').isFile()
assert new File(out, 'java/it/generated/AirflowToolCatalog.java').isFile()
assert new File(out, 'resources/META-INF/airflow-mcp/tools.json').text.contains('"name": "get_task_logs"')
assert new File(out, 'resources/META-INF/services/dev.airflowmcp.runtime.tool.ToolCatalog').text.trim() == 'it.generated.AirflowToolCatalog'
def log = new File(basedir, 'build.log').text
// The first run reports every file it wrote: one class per curated tool, the catalog, the manifest
// and the service file.
def generated = (log =~ /airflow-mcp: (\d+) files generated/)
assert generated.find()
def written = 0
out.eachFileRecurse(groovy.io.FileType.FILES) { written++ }
assert generated.group(1) as int == written
assert written > 4
assert log.contains('airflow-mcp: inputs unchanged, generated sources are up to date')
return true
