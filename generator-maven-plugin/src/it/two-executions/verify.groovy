def log = new File(basedir, 'build.log').text
// server-a and server-b generate; the repeat of server-a finds its own stamp and is skipped
assert (log =~ /airflow-mcp: \d+ files generated/).size() == 2
assert (log =~ /airflow-mcp: inputs unchanged, generated sources are up to date/).size() == 1
assert log.indexOf('inputs unchanged') > log.lastIndexOf('files generated')
assert new File(basedir, 'target/generated-a/java/it/generated/a/AirflowToolCatalog.java').isFile()
assert new File(basedir, 'target/generated-b/java/it/generated/b/AirflowToolCatalog.java').isFile()
def stamps = new File(basedir, 'target/airflow-mcp').listFiles().findAll { it.name.endsWith('.sha256') }
assert stamps.size() == 2
return true
