// The build must fail with exactly the diagnostic our own plugin prints for the same input.
def log = new File(basedir, 'build.log').text
def errorLines = log.readLines().findAll { it.startsWith('[ERROR] src/') }
assert errorLines == ['[ERROR] src/main/airflow-mcp/tools.yaml:11:9: error [UNKNOWN_OPERATION]: tool \'list_dags\' uses airflow3 operation \'get_dagz\', which no configured Airflow 3 spec has']
assert log.contains('    hint: did you mean \'get_dag\'?')
assert !new File(basedir, 'target/generated-sources/openapi/src/main/java').exists()
return true
