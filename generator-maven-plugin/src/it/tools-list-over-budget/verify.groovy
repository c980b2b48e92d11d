def log = new File(basedir, 'build.log').text
def m = (log =~ /tools\/list is about (\d+) tokens \((\d+) characters \/ 4\), over the budget of 1000 \(maxToolsListTokens\)\. Largest tools: (\w+) \((\d+)\)/)
assert m.find()
assert m.group(1) as int > 1000
// the characters are those of the manifest's compact JSON: fewer than the indented file's
def manifest = new File(basedir, 'target/generated-sources/airflow-mcp/resources/META-INF/airflow-mcp/tools.json').text
assert m.group(2) as int < manifest.length()
assert m.group(2) as int == manifest.length() - (manifest =~ /\n\s*/).findAll().sum { it.length() } - (manifest =~ /": /).findAll().size()
assert m.group(1) as int == ((m.group(2) as int) + 3).intdiv(4)
assert log.contains('Remove or shorten tools (an overlay can), or raise maxToolsListTokens.')
return true
