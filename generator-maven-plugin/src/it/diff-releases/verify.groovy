def target = new File(basedir, 'target')
def md = new File(target, 'airflow-mcp-diff.md').text
// three pairs: 2.10.5 -> 2.11.1, 3.0.2 -> 3.0.3rc6, 3.0.3rc6 -> 3.2.0
assert md.contains('## airflow-2.10.5-v1.yaml → airflow-2.11.1-v1.yaml')
assert md.contains('## airflow-3.0.2-v2.yaml → airflow-3.0.3rc6-v2.yaml')
assert md.contains('## airflow-3.0.3rc6-v2.yaml → airflow-3.2.0-v2.yaml')
assert md.contains('| list_dag_runs | get_dag_runs | order_by | TYPE_CHANGED | type of order_by changed from string to array of string')
assert md.contains('| get_task_logs | get_log | try_number | BOUNDS_CHANGED |')
assert md.contains('| list_jobs | get_jobs | order_by | TYPE_CHANGED |')
assert md.contains('`wait_dag_run_until_finished` (GET /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/wait) *new*')
def json = new groovy.json.JsonSlurper().parse(new File(target, 'airflow-mcp-diff.json'))
assert json.diffs.size() == 3
assert json.diffs[2].removedOperations == ['get_dag_reports']
def tools = new File(target, 'airflow-mcp-tools-diff.md').text
assert tools.contains('## Added tools\n\n`get_health`')
assert tools.contains('## Removed tools\n\n`get_pool`')
assert tools.contains('  - argument limit: default 100 → 50')
def log = new File(basedir, 'build.log').text
assert log.contains('airflow-mcp diff airflow-3.0.3rc6-v2.yaml -> airflow-3.2.0-v2.yaml: 0 breaking, 126 non-breaking')
return true
