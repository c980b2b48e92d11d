def log = new File(basedir, 'build.log').text
assert log.contains('src/generated: error [COMMITTED_OUT_OF_DATE]: the committed generated sources in src/generated are out of date:')
assert log.contains('java/Stale.java (no longer generated)')
assert log.contains('java/dev/airflowmcp/server/tools/ListDagsTool.java (missing)')
assert log.contains('resources/META-INF/airflow-mcp/tools.json (missing)')
assert log.contains('hint: regenerate them (Maven: -Dairflow-mcp.overwrite=true) and commit the result')
// Check mode never writes.
assert !new File(basedir, 'src/generated/java/dev').exists()
assert new File(basedir, 'src/generated/java/Stale.java').isFile()
// ... its sources; the coverage report in target/ is written all the same
assert new File(basedir, 'target/airflow-mcp-coverage.md').text.contains('| exposed |')
return true
