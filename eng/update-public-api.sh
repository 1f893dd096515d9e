#!/usr/bin/env bash
# Records every public symbol the PublicApiAnalyzers report as undeclared (RS0016) in the project's
# PublicAPI.Unshipped.txt, and drops declared symbols that no longer exist (RS0017).
# Run after an intended API change; review the diff of PublicAPI.*.txt like any other change.
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for project in src/*/; do
  [ -f "$project/PublicAPI.Unshipped.txt" ] || continue
  dotnet build "$project" -c Release --no-incremental -p:TreatWarningsAsErrors=false -p:WarningsAsErrors=RS0000 >"$log" 2>&1 || true
  python3 - "$project" "$log" <<'PY'
import re, sys, pathlib
project, log = pathlib.Path(sys.argv[1]), open(sys.argv[2], encoding="utf-8").read()
name = project.name
add = set(re.findall(r"/%s/[^(]*\(\d+,\d+\): (?:error|warning) RS0016: Symbol '(.+?)' is not part of the declared public API" % re.escape(name), log))
remove = set(re.findall(r"(?:error|warning) RS0017: Symbol '(.+?)' is part of the declared API, but is either not public or could not be found", log))
for fname in ("PublicAPI.Shipped.txt", "PublicAPI.Unshipped.txt"):
    path = project / fname
    lines = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    header = [l for l in lines if l.startswith("#")]
    body = {l for l in lines if not l.startswith("#") and l not in remove}
    if fname == "PublicAPI.Unshipped.txt":
        body |= add
    path.write_text("\n".join(header + sorted(body, key=lambda s: s.lstrip("~").lower())) + "\n", encoding="utf-8")
print(f"{name}: +{len(add)} -{len(remove)}")
PY
done
