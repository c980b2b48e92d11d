def log = new File(basedir, 'build.log').text
// before-edit and after-edit both generate; only the third run, with nothing changed, is skipped
assert (log =~ /airflow-mcp: \d+ files generated/).size() == 2
assert (log =~ /airflow-mcp: inputs unchanged, generated sources are up to date/).size() == 1
assert log.indexOf('inputs unchanged') > log.lastIndexOf('files generated')
// the docs come from the edited template
assert new File(basedir, 'target/docs/migration-table.md').text == 'After the edit: 27 of 34\n'
return true
