def log = new File(basedir, 'build.log').text
def m = (log =~ /tools\/list is about (\d+) tokens \((\d+) characters \/ 4\), over the budget of 1000 \(maxToolsListTokens\)\. Largest tools: (\w+) \((\d+)\)/)
assert m.find()
assert m.group(1) as int > 1000
assert m.group(2) as int == new File(basedir, 'target/generated-sources/airflow-mcp/resources/META-INF/airflow-mcp/tools.json').text.length()
assert log.contains('Remove or shorten tools (an overlay can), or raise maxToolsListTokens.')
return true
