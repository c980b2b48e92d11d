// The build must fail with exactly this diagnostic, reported once as an error line.
def log = new File(basedir, 'build.log').text
def errorLines = log.readLines().findAll { it.startsWith('[ERROR] src/') }
assert errorLines == ['[ERROR] src/main/airflow-mcp/tools.yaml:5:5: error [WRITE_NOT_ENABLED]: tool \'pause_dag\' changes Airflow (write: true) but writes are not enabled']
assert log.contains('    hint: enable writes in the build (allowWrites) to generate it, or remove the tool')
assert !new File(basedir, 'target/generated-sources/airflow-mcp').exists()
return true
