#!/usr/bin/env bash
# Proves the NuGet packages themselves: packs XYield.ML and XYield.ML.Benchmark with a unique pre-release version, restores them
# from a local folder feed into a throwaway console app (outside the repository, so none of its
# build files apply), builds and runs that app.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version="0.1.0-check.$(date +%Y%m%d%H%M%S)"
work=$(mktemp -d /tmp/xyield-package-check.XXXXXX)
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
trap 'rm -rf "$work" "$packages/xyield.ml/$version" "$packages/xyield.ml.benchmark/$version"' EXIT
# The consumer and the samples build outside the repository: the environment gives them the repository's hard links to the
# NuGet cache (MSBuild reads environment variables as properties), so their copies of libtorch cost no disk.
export CreateHardLinksForCopyLocalIfPossible=true

for project in XYield.ML XYield.ML.Benchmark; do
  dotnet pack "src/$project" -c Release -o "$work/feed" -p:Version="$version" -nologo -v quiet -clp:ErrorsOnly
  ls "$work/feed/$project.$version.nupkg" "$work/feed/$project.$version.snupkg" >/dev/null
done

mkdir -p "$work/consumer"
cat > "$work/consumer/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="local" value="$work/feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
</configuration>
CONFIG
cat > "$work/consumer/Consumer.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <NoWarn>NU1603</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="XYield.ML" Version="$version" />
    <PackageReference Include="XYield.ML.Benchmark" Version="$version" />
    <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
  </ItemGroup>
</Project>
PROJECT
cp eng/package-consumer/Program.cs "$work/consumer/Program.cs"

dotnet run --project "$work/consumer" -c Release -nologo -v quiet

# The .NET 10 file-based samples (samples/FileBasedApps/*.cs), run against the same packages: their #:package lines name
# the released version, replaced here by the one just packed. Their Directory.Build.props and the repository's
# .editorconfig come along, so they build with the repository's warning rules here too.
mkdir -p "$work/apps"
cp samples/FileBasedApps/Directory.Build.props .editorconfig "$work/apps/"
for app in samples/FileBasedApps/*.cs; do
  sed "s/^#:package \(XYield\.ML[A-Za-z.]*\)@[^ ]*/#:package \1@$version/" "$app" > "$work/apps/$(basename "$app")"
  cp "$work/consumer/nuget.config" "$work/apps/nuget.config"
  echo "== sample $(basename "$app") =="
  (cd "$work/apps" && time dotnet run "$(basename "$app")")
done

