#!/usr/bin/env bash
# Fails when a module that has test sources executed no test, and prints one closing line with the totals.
# SUREFIRE_REPORTS names the report folder under target/ (default surefire-reports; the heavy profile
# writes surefire-reports-heavy). With NO_SKIPS=1 a skipped test fails too: a phase that started a
# Docker engine and installed chromium must not pass on tests that skipped for want of them.
set -euo pipefail
cd "$(dirname "$0")/.."
reports_dir="${SUREFIRE_REPORTS:-surefire-reports}"
no_skips="${NO_SKIPS:-0}"
modules=("$@")
if [ ${#modules[@]} -eq 0 ]; then
  mapfile -t modules < <(find . -path '*/src/test/java' -type d -not -path '*/target/*' | sed 's#^\./##; s#/src/test/java$##' | sort)
fi
total=0; failed=0; skipped=0; bad=0
for module in "${modules[@]}"; do
  if [ -z "$(find "$module/src/test/java" -name '*.java' -print -quit)" ]; then continue; fi
  reports=("$module"/target/"$reports_dir"/TEST-*.xml)
  if [ ! -e "${reports[0]}" ]; then
    echo "FAILED: $module has tests but no Surefire report: no test ran" >&2; bad=1; continue
  fi
  read -r t f e s < <(python3 - "${reports[@]}" <<'PY'
import sys, xml.etree.ElementTree as ET
t=f=e=s=0
for p in sys.argv[1:]:
    r=ET.parse(p).getroot()
    t+=int(r.get('tests',0)); f+=int(r.get('failures',0)); e+=int(r.get('errors',0)); s+=int(r.get('skipped',0))
print(t,f,e,s)
PY
)
  ran=$((t - s))
  printf '%-45s %5d run, %3d failed, %3d skipped\n' "$module" "$ran" "$((f + e))" "$s"
  if [ "$ran" -le 0 ]; then echo "FAILED: $module executed no test" >&2; bad=1; fi
  if [ "$no_skips" = 1 ] && [ "$s" -gt 0 ]; then echo "FAILED: $module skipped $s test(s) that had to run" >&2; bad=1; fi
  total=$((total + ran)); failed=$((failed + f + e)); skipped=$((skipped + s))
done
echo "tests: $((total - failed)) passed, $failed failed, $skipped skipped"
[ "$bad" -eq 0 ] && [ "$failed" -eq 0 ]
