// Both problems are reported, each once with its location, before anything is written.
def log = new File(basedir, 'build.log').text
def errorLines = log.readLines().findAll { it.startsWith('[ERROR] docs') }
assert errorLines == [
    '[ERROR] docs: error [DOCS_OVERLAP_OUTPUT]: docsDirectory docs and outputDirectory docs/generated-sources overlap; the generator deletes the files it did not write in each',
    '[ERROR] docs/templates: error [TEMPLATES_INSIDE_OUTPUT]: templateDirectory docs/templates and docsDirectory docs overlap; the generator deletes the files it did not write there, the templates included'
]
assert new File(basedir, 'docs/templates/ToolReferenceView.mustache').isFile()
assert !new File(basedir, 'docs/generated-sources').exists()
assert !new File(basedir, 'docs/tool-reference.md').exists()
return true
