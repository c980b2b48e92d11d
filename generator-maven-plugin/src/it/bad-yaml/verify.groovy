// The build must fail with exactly this diagnostic, reported once as an error line.
def log = new File(basedir, 'build.log').text
def errorLines = log.readLines().findAll { it.startsWith('[ERROR] src/') }
assert errorLines == ['[ERROR] src/main/airflow-mcp/tools.yaml:9:1: error [YAML_SYNTAX]: found unexpected end of stream (while scanning a quoted scalar at 6:18)']
assert !new File(basedir, 'target/generated-sources/airflow-mcp').exists()
return true
