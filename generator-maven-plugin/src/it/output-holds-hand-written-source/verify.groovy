// One error, with the directory as location, its stable code and a hint; nothing was written.
def log = new File(basedir, 'build.log').text
def errorLines = log.readLines().findAll { it.startsWith('[ERROR] src/main') }
assert errorLines == ['[ERROR] src/main: error [OUTPUT_NOT_GENERATED]: outputDirectory src/main holds files this generator did not write (java/com/acme/Handwritten.java); generating would overwrite or delete them, so nothing was written']
assert log.contains('hint: choose an empty or new directory, or move those files; the generator lists its own files in .airflow-mcp-files')
def source = new File(basedir, 'src/main/java/com/acme/Handwritten.java')
assert source.isFile()
assert source.text.contains('A source the user wrote')
assert !new File(basedir, 'src/main/java/dev').exists()
assert !new File(basedir, 'src/main/resources').exists()
assert !new File(basedir, 'src/main/.airflow-mcp-files').exists()
return true
