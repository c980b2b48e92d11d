// Every file our plugin wrote must exist, byte for byte, where openapi-generator-maven-plugin
// (generatorName airflow-mcp) wrote it, and the other way round.
def files(File root) {
  def found = [:] as TreeMap
  if (root.isDirectory()) {
    root.eachFileRecurse(groovy.io.FileType.FILES) { f ->
      found[root.toPath().relativize(f.toPath()).toString().replace('\\', '/')] = f.bytes
    }
  }
  return found
}

// One class per tool in the manifest, the catalog, the manifest and the services file.
def expectedCount(String run) {
  def manifest = new File(basedir, "target/plugin/${run}/resources/META-INF/airflow-mcp/tools.json")
  def tools = new groovy.json.JsonSlurper().parse(manifest).tools.size()
  return tools + 3
}

def compare(String run) {
  def plugin = new File(basedir, "target/plugin/${run}")
  def oag = new File(basedir, "target/openapi-generator/${run}/src/main")
  ['java', 'resources'].each { tree ->
    def ours = files(new File(plugin, tree))
    def theirs = files(new File(oag, tree))
    assert !ours.isEmpty() : "${run}: our plugin wrote no ${tree} files"
    assert ours.keySet() == theirs.keySet() : "${run}/${tree}: different file sets"
    ours.each { path, bytes ->
      assert Arrays.equals(bytes, theirs[path]) : "${run}/${tree}/${path} differs"
    }
  }
  // the ownership record (.airflow-mcp-files) of each output lists exactly what was generated
  def record = new File(plugin, '.airflow-mcp-files').readLines() as Set
  assert record == files(plugin).keySet().findAll { it != '.airflow-mcp-files' } as Set
  return record.size()
}

def curated = compare('curated')
def custom = compare('custom')
assert curated == expectedCount('curated')
assert custom == expectedCount('custom')
assert custom == 5
assert new File(basedir, 'target/openapi-generator/curated/src/main/java/it/generated/tools/ListDagsTool.java').isFile()
assert new File(basedir, 'target/openapi-generator/custom/src/main/java/it/custom/tools/PauseDagTool.java').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains("airflow-mcp: ${curated} files generated, ${curated} changed")
assert log.contains('airflow-mcp: 5 files generated, 5 changed')
return true
