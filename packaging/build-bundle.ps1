# Windows x64 twin of packaging/build-bundle (UNTESTED: no Windows machine where it was written; README 「离线安装」).
# Builds dist\sanban\sanban.exe and dist\sanban-VERSION-windows-x64.zip with PyInstaller and packaging\sanban.spec,
# in a virtual environment of the build's own. Needs Python 3.11+ x64 from python.org and a package index reachable.
#   powershell -ExecutionPolicy Bypass -File packaging\build-bundle.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$start = Get-Date
$venv = if ($env:SANBAN_BUNDLE_VENV) { $env:SANBAN_BUNDLE_VENV } else { "build\bundle-venv" }
if (-not (Test-Path "$venv\Scripts\python.exe")) { py -3 -m venv $venv; if ($LASTEXITCODE) { exit 1 } }
& "$venv\Scripts\python.exe" -m pip install -q --upgrade pip
& "$venv\Scripts\python.exe" -m pip install -q ".[bundle]"
if ($LASTEXITCODE) { exit 1 }
if (Test-Path dist\sanban) { Remove-Item -Recurse -Force dist\sanban }
& "$venv\Scripts\python.exe" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\pyinstaller `
  packaging\sanban.spec
if ($LASTEXITCODE) { exit 1 }
$version = & "$venv\Scripts\python.exe" -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
$archive = "dist\sanban-$version-windows-x64.zip"
Compress-Archive -Path dist\sanban -DestinationPath $archive -Force
$seconds = [int]((Get-Date) - $start).TotalSeconds
Write-Output "built dist\sanban and $archive in $seconds s"
