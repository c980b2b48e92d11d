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

def compare(String run, int expectedCount) {
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
  if (expectedCount >= 0) {
    assert files(plugin).size() == expectedCount
  }
}

// the curated set grows with the curated spec: the file sets are compared above, not counted
compare('curated', -1)
compare('custom', 5)
assert new File(basedir, 'target/openapi-generator/curated/src/main/java/it/generated/tools/ListDagsTool.java').isFile()
assert new File(basedir, 'target/openapi-generator/custom/src/main/java/it/custom/tools/PauseDagTool.java').isFile()

def log = new File(basedir, 'build.log').text
assert log.contains('airflow-mcp: 14 files generated, 14 changed')
assert log.contains('airflow-mcp: 5 files generated, 5 changed')
return true
