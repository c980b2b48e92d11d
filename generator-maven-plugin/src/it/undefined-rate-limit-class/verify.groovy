// The build must fail with exactly this diagnostic, reported once as an error line.
def log = new File(basedir, 'build.log').text
def errorLines = log.readLines().findAll { it.startsWith('[ERROR] src/') }
assert errorLines == ['[ERROR] src/main/airflow-mcp/tools.yaml:7:5: error [UNDEFINED_RATE_LIMIT_CLASS]: tool \'list_dags\' uses rate-limit class \'lists\', which rateLimits does not define (defined: list)']
assert log.contains('    hint: did you mean \'list\'?')
assert !new File(basedir, 'target/generated-sources/airflow-mcp').exists()
return true
