# Builds Blockscope's Windows installer with jpackage (JDK 17):
#   target\installer\image\Blockscope\          self-contained app image
#   target\installer\Blockscope-<ver>.msi
#
# Prerequisites (on Windows 10/11 x64): JDK 17+ (with jpackage, e.g. Temurin or Microsoft Build of
# OpenJDK), Maven 3.8+, and WiX Toolset 3.x (candle.exe and light.exe on PATH; jpackage 17 does not
# support WiX 4+).
#
# Usage (PowerShell, in the repository root or anywhere):
#   powershell -ExecutionPolicy Bypass -File installer\build-windows.ps1 [-SkipMaven] [-ImageOnly] [-PerUser] [-MvnArgs "-o"]
# Maven picks, through the pom's OS profile "windows-x86_64", ND4J's windows-x86_64-onednn native jar
# and the JavaFX "-win" jars, so this script must run on Windows (jpackage cannot cross-build).
# Not tested by the author (no Windows machine); options mirror installer/build-linux.sh, which is.
param(
    [switch]$SkipMaven,
    [switch]$ImageOnly,
    [switch]$PerUser,        # install into the user's AppData without admin rights
    [string]$MvnArgs = "",
    [string]$Out = ""
)
$ErrorActionPreference = "Stop"

$Root = (Resolve-Path (Join-Path $PSScriptRoot "..")).Path
Set-Location $Root
if (-not $Out) { $Out = Join-Path $Root "target\installer" }

if ($env:JAVA_HOME -and (Test-Path (Join-Path $env:JAVA_HOME "bin\jpackage.exe"))) {
    $JPackage = Join-Path $env:JAVA_HOME "bin\jpackage.exe"
} else {
    $JPackage = (Get-Command jpackage -ErrorAction SilentlyContinue).Source
}
if (-not $JPackage) { throw "jpackage not found: install a JDK 17+ and set JAVA_HOME" }

function Step($msg) { Write-Host "`n==> $msg" }
function Run($exe, [string[]]$argv) {
    & $exe @argv
    if ($LASTEXITCODE -ne 0) { throw "$exe failed with exit code $LASTEXITCODE" }
}

# ---- version from pom.xml (the project's own <version>, two-space indentation) ----
$Version = (Select-String -Path pom.xml -Pattern '^  <version>([^<]+)</version>' | Select-Object -First 1).Matches[0].Groups[1].Value
$AppVersion = ($Version -split '-')[0]   # 0.1.0-SNAPSHOT -> 0.1.0 (MSI needs numbers)
Write-Host "Blockscope $Version (package version $AppVersion), jpackage: $JPackage"

# ---- 1. Maven ----
if (-not $SkipMaven) {
    Step "mvn -q -DskipTests package $MvnArgs"
    $mvnArgv = @("-q", "-DskipTests") + ($MvnArgs -split ' ' | Where-Object { $_ }) + @("package")
    Run "mvn" $mvnArgv
}
if (-not (Test-Path target\blockscope.jar) -or -not (Test-Path target\lib)) { throw "target\blockscope.jar or target\lib missing" }

# ---- 2. input directory: blockscope.jar, lib\*.jar, sample-images\ (all land in <install dir>\app) ----
Step "staging $Out\input"
if (Test-Path $Out) { Remove-Item -Recurse -Force $Out }
New-Item -ItemType Directory -Force (Join-Path $Out "input\lib") | Out-Null
Copy-Item target\blockscope.jar (Join-Path $Out "input")
Copy-Item target\lib\*.jar (Join-Path $Out "input\lib")
# The plain windows-x86_64 ND4J native jar is never loaded when the -onednn one is there (see build-linux.sh).
if ($env:KEEP_PLAIN_ND4J -ne "1") {
    Get-ChildItem (Join-Path $Out "input\lib") -Filter "nd4j-native-*-windows-x86_64.jar" |
        Where-Object { $_.Name -match '^nd4j-native-[0-9]' -and (Test-Path ($_.FullName -replace '\.jar$', '-onednn.jar')) } |
        ForEach-Object { Write-Host "leaving out $($_.Name)"; Remove-Item $_.FullName }
}
Copy-Item -Recurse sample-images (Join-Path $Out "input\sample-images")

# Same runtime modules and JVM options as build-linux.sh (see the comments there).
$Modules = "java.base,java.desktop,java.datatransfer,java.logging,java.management,jdk.management,java.naming,java.prefs,java.sql,java.xml,java.scripting,java.net.http,java.compiler,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.jfr"
$Common = @(
    "--name", "Blockscope",
    "--app-version", $AppVersion,
    "--vendor", "Blockscope",
    "--description", "Design, train and look inside convolutional networks.",
    "--copyright", "Blockscope contributors"
)

# A second launcher, blockscope-cli.exe, with a console: the main Blockscope.exe is a GUI program
# whose output Windows does not show in cmd/PowerShell. "blockscope-cli summary --template resnet50".
$CliProps = Join-Path $Out "blockscope-cli.properties"
Set-Content -Path $CliProps -Value "win-console=true" -Encoding ASCII

# ---- 3. app image ----
Step "jpackage --type app-image"
Run $JPackage ($Common + @(
    "--type", "app-image",
    "--input", (Join-Path $Out "input"),
    "--main-jar", "blockscope.jar",
    "--main-class", "org.blockscope.Launcher",
    "--icon", "installer\icons\blockscope.ico",
    "--add-modules", $Modules,
    "--jlink-options", "--strip-debug --no-man-pages --no-header-files",
    "--java-options", "-XX:MaxRAMPercentage=40",
    "--java-options", "-XX:MaxNewSize=64m",
    "--java-options", "-Dfile.encoding=UTF-8",
    "--add-launcher", "blockscope-cli=$CliProps",
    "--dest", (Join-Path $Out "image")))
$Image = Join-Path $Out "image\Blockscope"
if (-not (Test-Path (Join-Path $Image "app\sample-images"))) { throw "app image incomplete: $Image" }
if ($ImageOnly) { Write-Host "app image only: $Image"; exit 0 }

# ---- 4. .msi (WiX 3) ----
if (-not (Get-Command candle.exe -ErrorAction SilentlyContinue)) { throw "WiX 3 (candle.exe, light.exe) not on PATH" }
Step "jpackage --type msi"
# The upgrade UUID must stay the same for every version so that a new .msi replaces the old one.
$MsiArgs = $Common + @(
    "--type", "msi",
    "--app-image", $Image,
    "--win-menu", "--win-menu-group", "Blockscope",
    "--win-shortcut",
    "--win-dir-chooser",
    "--win-upgrade-uuid", "ce36046c-de07-4545-8c1f-2b1da725a2dc",
    "--icon", "installer\icons\blockscope.ico",
    "--file-associations", "installer\bsg-file-association.properties",
    "--dest", $Out)
if ($PerUser) { $MsiArgs += "--win-per-user-install" }
Run $JPackage $MsiArgs
Get-ChildItem $Out -Filter *.msi | ForEach-Object { Write-Host ("built: {0} ({1:N0} MB)" -f $_.FullName, ($_.Length / 1MB)) }
