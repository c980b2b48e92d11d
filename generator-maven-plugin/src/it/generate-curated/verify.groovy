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
out.eachFileRecurse(groovy.io.FileType.FILES) { if (it.name != '.airflow-mcp-files') written++ }
assert generated.group(1) as int == written
// ... and records them, so that a later run deletes only its own files
assert new File(out, '.airflow-mcp-files').readLines().size() == written
assert written > 4
assert log.contains('airflow-mcp: inputs unchanged, generated sources are up to date')
// the operation coverage of both specs, and the tools/list size within the default budget
def coverage = new File(basedir, 'target/airflow-mcp-coverage.md').text
assert coverage.contains('## airflow-2.11.1-v1.yaml')
assert coverage.contains('| DAG | `get_dags` | GET | `/api/v2/dags` | exposed | list_dags |')
def size = (log =~ /airflow-mcp: tools\/list is about (\d+) tokens \(budget 10000\)/)
assert size.find()
// counted on the manifest's compact JSON (white space outside strings dropped), as clients get it
def text = new File(out, 'resources/META-INF/airflow-mcp/tools.json').text
def compact = new StringBuilder()
boolean inString = false
boolean escaped = false
for (char c : text.toCharArray()) {
    if (inString) {
        compact.append(c)
        if (escaped) { escaped = false } else if (c == '\\' as char) { escaped = true } else if (c == '"' as char) { inString = false }
    } else if (c == '"' as char) {
        inString = true
        compact.append(c)
    } else if (!Character.isWhitespace(c)) {
        compact.append(c)
    }
}
assert compact.length() < text.length()
assert size.group(1) as int == (compact.length() + 3).intdiv(4)
return true
