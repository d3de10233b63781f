#!/bin/sh
# Export studies as .qdpx and import each with QualCoder's own REFI-QDA importer, then compare what
# QualCoder's database holds with what the .qdpx holds (scripts/qualcoder-import.py does the work).
# Then the way back: QualCoder's own exporter writes that project as a .qdpx
# (scripts/qualcoder-export.py), and our import reads it; its summary and warnings are printed.
#
#   scripts/check-qualcoder.sh QUALCODER_CHECKOUT [STUDY_DIR ...]
#
# QUALCODER_CHECKOUT: a checkout of https://github.com/ccbogel/QualCoder (this script downloads
# nothing). STUDY_DIRs default to the bundled example study and test/fixtures/qualcoder-check-study
# (repeated code names, "/" in paths, emoji, memos, a real duplicate code, two coders, two agencies).
# Needs the CLI built (npm run build) and a Python 3 with PyQt6, Pillow and PyMuPDF; on Debian 12:
#   apt-get install python3-pyqt6 python3-pyqt6.qtmultimedia python3-pil python3-fitz
# PYTHON overrides the interpreter (default /usr/bin/python3, where Debian's packages are).
# Exit 0 when every study arrives whole, 1 otherwise. Not part of CI: it needs QualCoder and Qt.
set -eu
if [ $# -lt 1 ]; then
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
here=$(cd "$(dirname "$0")/.." && pwd)
checkout=$(cd "$1" && pwd)
shift
[ $# -gt 0 ] || set -- "$here/examples" "$here/test/fixtures/qualcoder-check-study"
python=${PYTHON:-/usr/bin/python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
n=0
for study in "$@"; do
  n=$((n + 1))
  qdpx="$work/study$n.qdpx"
  node "$here/dist/cli.js" export "$study" --format qdpx -o "$qdpx" >"$work/export$n.log" 2>&1 || {
    echo "export of $study failed:"; cat "$work/export$n.log"; status=1; continue; }
  if QT_QPA_PLATFORM=offscreen "$python" "$here/scripts/qualcoder-import.py" "$checkout" "$qdpx" "$work/qc$n" \
      >"$work/result$n.json" 2>"$work/stderr$n.log"; then verdict=whole; else verdict=DIFFERS; status=1; fi
  "$python" - "$study" "$verdict" "$work/result$n.json" <<'EOF'
import json, sys
study, verdict, path = sys.argv[1:4]
try:
    result = json.load(open(path, encoding="utf-8"))
except ValueError:
    print(f"{study}: QualCoder import produced no result"); sys.exit(0)
qc = result["qualcoder"]
print(f"{study} → {qc['app']} ({qc['commit']}): {verdict}")
print("  " + ", ".join(f"{key} {value}" for key, value in result["counts"].items()))
for key, pair in result["mismatches"].items():
    print(f"  {key}: the .qdpx holds {pair['expected']}, QualCoder has {pair['qualcoder']}")
if result["error"]:
    print("  importer raised:\n" + result["error"])
for line in result["log"]:
    if "Duplicated" in line or "Cannot" in line or "Error" in line:
        print("  QualCoder said: " + line)
EOF
  [ -d "$work/qc$n/project.qda" ] || continue
  if QT_QPA_PLATFORM=offscreen "$python" "$here/scripts/qualcoder-export.py" "$checkout" "$work/qc$n/project.qda" \
      "$work/back$n.qdpx" >"$work/qcexport$n.json" 2>"$work/qcexport-stderr$n.log"; then
    echo "  exported again by QualCoder; imported here:"
    if node "$here/dist/cli.js" import "$work/back$n.qdpx" -o "$work/back$n" >"$work/back$n.log" 2>&1; then :; else status=1; fi
    sed 's/^/    /' "$work/back$n.log"
  else
    echo "  QualCoder's export failed:"; sed 's/^/    /' "$work/qcexport$n.json"; status=1
  fi
done
exit $status
