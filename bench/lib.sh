# Sourced by bench/run-*.sh: packages, a Release build, the `shipwise` command and a synthetic
# catalog of $tools tools (generated once, kept in artifacts/bench/).
source scripts/lib/postgres.sh
ensure_apt_packages time
tools=${1:-100000}
out=artifacts/bench && mkdir -p "$out"
dotnet build Shipwise.slnx -c Release -nologo -v quiet >/dev/null
shipwise=(dotnet "$PWD/src/Shipwise/bin/Release/net10.0/shipwise.dll")
catalog="$PWD/$out/catalog-$tools.json"
[ -f "$catalog" ] || dotnet bench/Shipwise.Bench/bin/Release/net10.0/Shipwise.Bench.dll generate "$tools" "$catalog" >&2
