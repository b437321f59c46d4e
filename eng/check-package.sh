#!/usr/bin/env bash
# Proves the NuGet package itself: packs XYield.ML with a unique pre-release version, restores it
# from a local folder feed into a throwaway console app (outside the repository, so none of its
# build files apply), builds and runs that app.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version="0.1.0-check.$(date +%Y%m%d%H%M%S)"
work=$(mktemp -d /tmp/xyield-package-check.XXXXXX)
trap 'rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/xyield.ml/$version"' EXIT

dotnet pack src/XYield.ML -c Release -o "$work/feed" -p:Version="$version" -nologo -v quiet -clp:ErrorsOnly
ls "$work/feed/XYield.ML.$version.nupkg" "$work/feed/XYield.ML.$version.snupkg" >/dev/null

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
    <PackageReference Include="TorchSharp-cpu" Version="0.107.0" />
  </ItemGroup>
</Project>
PROJECT
cp eng/package-consumer/Program.cs "$work/consumer/Program.cs"

XYIELD_DATA="${XYIELD_DATA:-$root/../shared/data}" dotnet run --project "$work/consumer" -c Release -nologo -v quiet
