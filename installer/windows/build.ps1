# Builds Tezgah's Windows bundle with PyInstaller (onedir) and its Inno Setup installer:
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#   pwsh installer/windows/build.ps1 [-SkipInstaller] [-InstallerOnly]
#
# The Windows counterpart of installer/build.sh (read that first). Steps:
#   1. GIB's rule packages: TEZGAH_GIB_PACKAGES=DIR, else ..\shared\gib beside the checkout,
#      else GIB's download addresses (never committed to the repository);
#   2. a clean build environment (build\bundle-venv) from Python 3.11 x64, the wheel built with
#      TEZGAH_BUNDLE_GIB_DIR so it carries GIB's packages, PyInstaller (pinned) and Pillow;
#   3. the icon (installer\icon.py, SVG -> PNG -> ICO);
#   4. installer\tezgah.spec frozen from inside build\ -> dist\tezgah\ (tezgah.exe + tezgah-gui.exe);
#   5. checks of the frozen bundle: 'rules install --from' with GIB's packages and 'demo', both
#      with throw-away data folders, run from outside the checkout;
#   6. signing of the two executables when TEZGAH_SIGN_CERT_SHA1 is set (signtool, certificate
#      from the Windows certificate store; CI signs through SignPath instead, see README);
#   7. the installer: iscc installer\windows\tezgah.iss -> dist\Tezgah-Setup-VERSION.exe
#      (with TEZGAH_SIGN_CERT_SHA1, Inno Setup signs Setup and the uninstaller too).
#
# -SkipInstaller: steps 1-6 only (CI: the bundle goes to SignPath before it is packaged).
# -InstallerOnly: step 7 only, from an existing dist\tezgah (CI: after SignPath signed it).
#
# Environment: PYTHON (a python.exe to use instead of looking for one), TEZGAH_GIB_PACKAGES,
# TEZGAH_PYINSTALLER (default 6.22.3, the same pin as build.sh), TEZGAH_SIGN_CERT_SHA1,
# TEZGAH_SIGN_TIMESTAMP_URL (RFC 3161; default http://timestamp.digicert.com), ISCC (path of
# ISCC.exe).
#
# Kept ASCII-only on purpose: Windows PowerShell 5.1 reads a script without a byte order mark
# in the ANSI code page, so a Turkish letter here would arrive garbled.

[CmdletBinding()]
param(
    [switch]$SkipInstaller,
    [switch]$InstallerOnly
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'  # Invoke-WebRequest is very slow with the progress bar on PS 5

if ($SkipInstaller -and $InstallerOnly) {
    throw '-SkipInstaller and -InstallerOnly exclude each other.'
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
$Build = Join-Path $Root 'build'
$Dist = Join-Path $Root 'dist'
$Venv = Join-Path $Build 'bundle-venv'
$VenvPy = Join-Path $Venv 'Scripts\python.exe'
$Bundle = Join-Path $Dist 'tezgah'
$IconPng = Join-Path $Build 'icon\tezgah.png'
$IconIco = Join-Path $Build 'icon\tezgah.ico'
$GibNames = @('UBL-TR1.2.1_Paketi.zip', 'e-FaturaPaketi.zip')
$GibBaseUrl = 'https://ebelge.gib.gov.tr/dosyalar/kilavuzlar/'
$PyInstallerVersion = if ($env:TEZGAH_PYINSTALLER) { $env:TEZGAH_PYINSTALLER } else { '6.22.3' }
$TimestampUrl = if ($env:TEZGAH_SIGN_TIMESTAMP_URL) { $env:TEZGAH_SIGN_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }
$Started = Get-Date

function Say([string]$Message) { Write-Host "== $Message" }

function Fail([string]$Message) {
    Write-Host "build.ps1: $Message" -ForegroundColor Red
    exit 1
}

# Runs a program and stops the build when it exits non-zero. Native programs' stderr (pip's
# notices) must not turn into terminating errors on Windows PowerShell 5.1, hence 'Continue'
# around the call; the exit code decides.
function Invoke-Native {
    param(
        [Parameter(Mandatory)][string]$Exe,
        [string[]]$Arguments = @(),
        [Parameter(Mandatory)][string]$What
    )
    $saved = $ErrorActionPreference
    $ErrorActionPreference = 'Continue'
    try {
        & $Exe @Arguments
        $code = $LASTEXITCODE
    } finally {
        $ErrorActionPreference = $saved
    }
    if ($code -ne 0) { Fail "$What failed (exit code $code): $Exe $($Arguments -join ' ')" }
}

function New-TempDir([string]$Prefix) {
    $path = Join-Path ([IO.Path]::GetTempPath()) ("$Prefix-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
    New-Item -ItemType Directory -Path $path | Out-Null
    return $path
}

# Python 3.11, 64-bit: $env:PYTHON, else the py launcher's 3.11-64, else python.exe on PATH.
function Find-Python {
    # No double quotes in arguments of native programs: Windows PowerShell 5.1 drops them.
    $check = 'import struct, sys; print(sys.executable if sys.version_info[:2] == (3, 11) and struct.calcsize(''P'') == 8 else '''')'
    $candidates = @()
    if ($env:PYTHON) { $candidates += , @($env:PYTHON) }
    if (Get-Command py -ErrorAction SilentlyContinue) { $candidates += , @('py', '-3.11-64') }
    if (Get-Command python -ErrorAction SilentlyContinue) { $candidates += , @('python') }
    foreach ($c in $candidates) {
        $exe = $c[0]
        $pre = @($c | Select-Object -Skip 1)
        $saved = $ErrorActionPreference
        $ErrorActionPreference = 'Continue'
        $out = $null
        $code = -1
        try {
            $out = & $exe @pre -c $check 2>$null
            $code = $LASTEXITCODE
        } catch {
            $out = $null
        } finally {
            $ErrorActionPreference = $saved
        }
        if ($code -eq 0 -and $out -and "$out".Trim()) { return "$out".Trim() }
    }
    Fail ('Python 3.11 (64-bit) not found. Install it from python.org (with the py launcher), ' +
          'or set PYTHON to its python.exe.')
}

function Get-Version([string]$Py) {
    Push-Location $Root
    try {
        $v = & $Py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
    } finally { Pop-Location }
    if ($LASTEXITCODE -ne 0 -or -not $v) { Fail 'could not read the version from pyproject.toml' }
    return "$v".Trim()
}

function Find-SignTool {
    $cmd = Get-Command signtool.exe -ErrorAction SilentlyContinue
    if ($cmd) { return $cmd.Source }
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
    if (Test-Path $kits) {
        $found = Get-ChildItem -Path $kits -Recurse -Filter signtool.exe -ErrorAction SilentlyContinue |
            Where-Object { $_.FullName -match '\\x64\\' } | Sort-Object FullName -Descending | Select-Object -First 1
        if ($found) { return $found.FullName }
    }
    Fail 'TEZGAH_SIGN_CERT_SHA1 is set but signtool.exe was not found (install the Windows SDK signing tools).'
}

function Find-Iscc {
    if ($env:ISCC) {
        if (Test-Path $env:ISCC) { return $env:ISCC }
        Fail "ISCC=$env:ISCC does not exist"
    }
    $cmd = Get-Command iscc.exe -ErrorAction SilentlyContinue
    if ($cmd) { return $cmd.Source }
    foreach ($base in @(${env:ProgramFiles(x86)}, $env:ProgramFiles, (Join-Path $env:LOCALAPPDATA 'Programs'))) {
        if (-not $base) { continue }
        $p = Join-Path $base 'Inno Setup 6\ISCC.exe'
        if (Test-Path $p) { return $p }
    }
    Fail ('Inno Setup 6 (ISCC.exe) not found: install it (https://jrsoftware.org/isinfo.php or ' +
          "'choco install innosetup'), or set ISCC to ISCC.exe's path.")
}

# Signs files with a certificate from the Windows certificate store (current user or machine),
# chosen by its SHA-1 thumbprint; SHA-256 file digest, RFC 3161 timestamp with SHA-256.
function Invoke-Sign([string[]]$Files) {
    $signtool = Find-SignTool
    foreach ($f in $Files) {
        Invoke-Native -Exe $signtool -What "signing $f" -Arguments @(
            'sign', '/sha1', $env:TEZGAH_SIGN_CERT_SHA1, '/fd', 'SHA256',
            '/tr', $TimestampUrl, '/td', 'SHA256', '/d', 'Tezgah', $f)
        Invoke-Native -Exe $signtool -What "verifying the signature of $f" -Arguments @('verify', '/pa', '/q', $f)
    }
}

$Python = Find-Python
Say "Python: $Python"
$Version = Get-Version $Python
# Windows file versions are four numbers; '0.1.0rc1' -> '0.1.0'.
$NumericVersion = if ($Version -match '^\d+(\.\d+){0,3}') { $Matches[0] } else { '0.0.0' }

if (-not $InstallerOnly) {
    # 1. GIB's rule packages the bundle carries.
    $Gib = Join-Path $Build 'gib-packages'
    if (Test-Path $Gib) { Remove-Item -Recurse -Force $Gib }
    New-Item -ItemType Directory -Path $Gib | Out-Null
    $shared = Join-Path (Split-Path $Root -Parent) 'shared\gib'
    $src = $null
    if ($env:TEZGAH_GIB_PACKAGES) { $src = $env:TEZGAH_GIB_PACKAGES }
    elseif (Test-Path (Join-Path $shared 'e-FaturaPaketi.zip')) { $src = $shared }
    if ($src) {
        Say "GIB rule packages: $src"
        foreach ($n in $GibNames) {
            $p = Join-Path $src $n
            if (-not (Test-Path $p)) { Fail "$p is missing (TEZGAH_GIB_PACKAGES must hold $($GibNames -join ' and '))" }
            Copy-Item $p (Join-Path $Gib $n)
        }
    } else {
        Say "GIB rule packages: downloading from $GibBaseUrl"
        # Windows PowerShell 5.1 may still default to TLS 1.0/1.1.
        [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
        foreach ($n in $GibNames) {
            try {
                Invoke-WebRequest -Uri ($GibBaseUrl + $n) -OutFile (Join-Path $Gib $n) -UseBasicParsing -TimeoutSec 300
            } catch {
                Fail "download of $GibBaseUrl$n failed: $($_.Exception.Message). Put both zips in a folder and set TEZGAH_GIB_PACKAGES."
            }
        }
    }

    # 2. A clean build environment with the wheel (carrying resources and GIB's packages).
    if (-not (Test-Path $VenvPy)) {
        Say "build environment: $Venv"
        Invoke-Native -Exe $Python -Arguments @('-m', 'venv', $Venv) -What 'creating the build environment'
        Invoke-Native -Exe $VenvPy -Arguments @('-m', 'pip', 'install', '-q', '--upgrade', 'pip') -What 'upgrading pip'
    }
    foreach ($d in @('wheel', 'lib')) {
        $p = Join-Path $Build $d
        if (Test-Path $p) { Remove-Item -Recurse -Force $p }
    }
    Get-ChildItem -Path $Build -Directory -Filter 'bdist.*' -ErrorAction SilentlyContinue | Remove-Item -Recurse -Force
    Say 'wheel'
    $env:TEZGAH_BUNDLE_GIB_DIR = $Gib
    Push-Location $Root
    try {
        Invoke-Native -Exe $VenvPy -What 'building the wheel' -Arguments @(
            '-m', 'pip', 'wheel', '-q', '--no-deps', '-w', (Join-Path $Build 'wheel'), '.')
    } finally {
        Pop-Location
        Remove-Item Env:TEZGAH_BUNDLE_GIB_DIR -ErrorAction SilentlyContinue
    }
    $wheel = @(Get-ChildItem -Path (Join-Path $Build 'wheel') -Filter 'tezgah-*.whl')
    if ($wheel.Count -ne 1) { Fail "expected one tezgah-*.whl in build\wheel, found $($wheel.Count)" }
    $wheel = $wheel[0].FullName
    Invoke-Native -Exe $VenvPy -What 'installing the wheel' -Arguments @(
        '-m', 'pip', 'install', '-q', '--force-reinstall', '--no-deps', $wheel)
    Invoke-Native -Exe $VenvPy -What 'installing dependencies, PyInstaller and Pillow' -Arguments @(
        '-m', 'pip', 'install', '-q', $wheel, "pyinstaller==$PyInstallerVersion", 'pillow')

    # 3. The icon: SVG -> 1024 px PNG (Qt, offscreen) -> multi-size ICO (Pillow), used by the
    #    executables and by Setup.
    Say 'icon'
    $env:QT_QPA_PLATFORM = 'offscreen'
    try {
        Invoke-Native -Exe $VenvPy -What 'rendering the icon' -Arguments @(
            (Join-Path $Root 'installer\icon.py'), (Join-Path $Root 'resources\icons\app.svg'), $IconPng)
    } finally { Remove-Item Env:QT_QPA_PLATFORM -ErrorAction SilentlyContinue }
    Invoke-Native -Exe $VenvPy -What 'writing the .ico' -Arguments @('-c',
        'import sys; from PIL import Image; Image.open(sys.argv[1]).save(sys.argv[2], sizes=[(s, s) for s in (16, 20, 24, 32, 40, 48, 64, 128, 256)])',
        $IconPng, $IconIco)

    # 4. Freeze, from build\ so nothing of the checkout can be picked up by accident.
    Say "PyInstaller $PyInstallerVersion"
    if (Test-Path $Bundle) { Remove-Item -Recurse -Force $Bundle }
    $env:TEZGAH_ICON = $IconIco
    $env:TEZGAH_VERSION = $Version
    Push-Location $Build
    try {
        Invoke-Native -Exe (Join-Path $Venv 'Scripts\pyinstaller.exe') -What 'PyInstaller' -Arguments @(
            '--noconfirm', '--log-level', 'WARN', '--distpath', $Dist,
            '--workpath', (Join-Path $Build 'pyinstaller'), (Join-Path $Root 'installer\tezgah.spec'))
    } finally {
        Pop-Location
        Remove-Item Env:TEZGAH_ICON, Env:TEZGAH_VERSION -ErrorAction SilentlyContinue
    }
    foreach ($exe in @('tezgah.exe', 'tezgah-gui.exe')) {
        if (-not (Test-Path (Join-Path $Bundle $exe))) { Fail "PyInstaller made no dist\tezgah\$exe" }
    }

    # 6 (before 5, so the checks run what will ship). Local signing of Tezgah's own executables.
    if ($env:TEZGAH_SIGN_CERT_SHA1) {
        Say 'signing tezgah.exe and tezgah-gui.exe'
        Invoke-Sign @((Join-Path $Bundle 'tezgah.exe'), (Join-Path $Bundle 'tezgah-gui.exe'))
    } else {
        Say 'TEZGAH_SIGN_CERT_SHA1 not set: executables left unsigned (CI signs them through SignPath)'
    }

    # 5. The frozen bundle, run from a temporary folder with throw-away data folders and no
    #    Python variables: GIB's packages pass Tezgah's own installer, and the demo runs.
    $exe = Join-Path $Bundle 'tezgah.exe'
    $check = New-TempDir 'tezgah-check'
    $savedPath = @{ PYTHONPATH = $env:PYTHONPATH; PYTHONHOME = $env:PYTHONHOME }
    Remove-Item Env:PYTHONPATH, Env:PYTHONHOME -ErrorAction SilentlyContinue
    Push-Location $check
    try {
        Say 'check: rules install --from (frozen)'
        Invoke-Native -Exe $exe -What 'rules install with the frozen bundle' -Arguments @(
            '--data-dir', (Join-Path $check 'data'), 'rules', 'install', '--from', $Gib)
        Say 'check: demo (frozen)'
        $env:TEZGAH_DEMO_DIR = Join-Path $check 'demo'
        Invoke-Native -Exe $exe -Arguments @('demo') -What 'the frozen demo'
    } finally {
        Remove-Item Env:TEZGAH_DEMO_DIR -ErrorAction SilentlyContinue
        Pop-Location
        foreach ($k in $savedPath.Keys) { if ($savedPath[$k]) { Set-Item "Env:$k" $savedPath[$k] } }
        Remove-Item -Recurse -Force $check -ErrorAction SilentlyContinue
    }
}

# 7. The installer.
if (-not $SkipInstaller) {
    foreach ($exe in @('tezgah.exe', 'tezgah-gui.exe')) {
        if (-not (Test-Path (Join-Path $Bundle $exe))) { Fail "dist\tezgah\$exe is missing: build the bundle first" }
    }
    $iscc = Find-Iscc
    Say "Inno Setup: $iscc"
    $isccArgs = @(
        "/DAppVersion=$Version",
        "/DAppNumericVersion=$NumericVersion",
        "/DSourceDir=$Bundle",
        "/DOutputDir=$Dist",
        '/Q'
    )
    if (Test-Path $IconIco) { $isccArgs += "/DAppIcon=$IconIco" }
    if ($env:TEZGAH_SIGN_CERT_SHA1) {
        # Inno Setup's SignTool hook: it signs Setup itself and the uninstaller it embeds.
        # $q is Inno's quote, $f the file to sign (single quotes: no PowerShell expansion).
        $signtool = Find-SignTool
        $cmd = '$q' + $signtool + '$q sign /sha1 ' + $env:TEZGAH_SIGN_CERT_SHA1 +
               ' /fd SHA256 /tr ' + $TimestampUrl + ' /td SHA256 /d Tezgah $f'
        $isccArgs += "/STezgahSign=$cmd"
        $isccArgs += '/DSignTool=TezgahSign'
    }
    $isccArgs += (Join-Path $Root 'installer\windows\tezgah.iss')
    Invoke-Native -Exe $iscc -Arguments $isccArgs -What 'Inno Setup'
    $setup = Join-Path $Dist "Tezgah-Setup-$Version.exe"
    if (-not (Test-Path $setup)) { Fail "Inno Setup made no $setup" }
    if ($env:TEZGAH_SIGN_CERT_SHA1) { Invoke-Native -Exe (Find-SignTool) -Arguments @('verify', '/pa', '/q', $setup) -What 'verifying Setup' }
    Say "installer: $setup"
}

if (Test-Path $Bundle) {
    $mb = [math]::Round(((Get-ChildItem -Recurse -File $Bundle | Measure-Object Length -Sum).Sum / 1MB), 1)
    Say "done: dist\tezgah $mb MB, $([int]((Get-Date) - $Started).TotalSeconds) s"
}
