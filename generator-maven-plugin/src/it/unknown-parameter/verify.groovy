// The build must fail with exactly this diagnostic, reported once as an error line.
def log = new File(basedir, 'build.log').text
def errorLines = log.readLines().findAll { it.startsWith('[ERROR] src/') }
assert errorLines == ['[ERROR] src/main/airflow-mcp/tools.yaml:12:13: error [UNKNOWN_PARAMETER]: airflow3 operation \'get_dags\' has no parameter \'limt\'']
assert log.contains('    hint: did you mean \'limit\'?')
assert !new File(basedir, 'target/generated-sources/airflow-mcp').exists()
return true
