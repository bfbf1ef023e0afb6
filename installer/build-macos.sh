#!/usr/bin/env bash
# Builds Blockscope's macOS disk image with jpackage (JDK 17):
#   target/installer/image/Blockscope.app
#   target/installer/Blockscope-<ver>.dmg
#
# Prerequisites (macOS 11+, Intel or Apple silicon): JDK 17+ for the *same* architecture as the
# package you want (an arm64 JDK builds an arm64 app), Maven 3.8+, Xcode command line tools
# (xcode-select --install; jpackage uses hdiutil, codesign, SetFile).
#
# Usage: installer/build-macos.sh [--skip-maven] [--image-only]
# Environment: JAVA_HOME, MVN_ARGS (e.g. -o), OUT, MAC_SIGN_IDENTITY (a "Developer ID Application:
# ..." identity in the keychain; without it the app is unsigned and Gatekeeper asks the user to
# confirm with right-click > Open the first time).
# Maven's OS profiles pick ND4J's macosx-x86_64 or macosx-arm64 native jar and the JavaFX "-mac" or
# "-mac-aarch64" jars, so this script must run on a Mac (jpackage cannot cross-build).
# Not tested by the author (no Mac); options mirror installer/build-linux.sh, which is.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${OUT:-$ROOT/target/installer}"
SKIP_MAVEN=0
IMAGE_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --skip-maven) SKIP_MAVEN=1 ;;
    --image-only) IMAGE_ONLY=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[[ "$(uname -s)" == Darwin ]] || { echo "build-macos.sh must run on macOS" >&2; exit 1; }

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jpackage" ]]; then
  JPACKAGE="$JAVA_HOME/bin/jpackage"
else
  JPACKAGE="$(command -v jpackage || true)"
fi
[[ -n "$JPACKAGE" ]] || { echo "jpackage not found: install a JDK 17+ or set JAVA_HOME" >&2; exit 1; }
step() { printf '\n==> %s\n' "$*"; }

VERSION="$(sed -n 's|^  <version>\([^<]*\)</version>.*|\1|p' pom.xml | head -1)"
APP_VERSION="${VERSION%%-*}"
# macOS bundle versions must not start with 0 ("0.1.0" is refused by jpackage): use 1.x for 0.x
if [[ "$APP_VERSION" == 0.* ]]; then MAC_VERSION="1.${APP_VERSION#0.}"; else MAC_VERSION="$APP_VERSION"; fi
echo "Blockscope $VERSION (bundle version $MAC_VERSION, $(uname -m)), jpackage: $JPACKAGE"

if [[ "$SKIP_MAVEN" == 0 ]]; then
  step "mvn -q -DskipTests package ${MVN_ARGS:-}"
  # shellcheck disable=SC2086
  mvn -q -DskipTests ${MVN_ARGS:-} package
fi
[[ -f target/blockscope.jar && -d target/lib ]] || { echo "target/blockscope.jar or target/lib missing" >&2; exit 1; }

# input: everything lands in Blockscope.app/Contents/app/ (AppPaths finds sample-images there)
step "staging $OUT/input"
rm -rf "$OUT"
mkdir -p "$OUT/input/lib"
cp target/blockscope.jar "$OUT/input/"
cp target/lib/*.jar "$OUT/input/lib/"
# on macOS the pom selects the plain macosx-* ND4J build (there is no -onednn one), so nothing is left out
cp -R sample-images "$OUT/input/sample-images"

# Same runtime modules and JVM options as build-linux.sh (see the comments there).
MODULES="java.base,java.desktop,java.datatransfer,java.logging,java.management,jdk.management,java.naming,java.prefs,java.sql,java.xml,java.scripting,java.net.http,java.compiler,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.jfr"
COMMON=(
  --name Blockscope
  --app-version "$MAC_VERSION"
  --vendor "Blockscope"
  --description "Design, train and look inside convolutional networks."
  --copyright "Blockscope contributors"
)
SIGN=()
[[ -n "${MAC_SIGN_IDENTITY:-}" ]] && SIGN=(--mac-sign --mac-signing-key-user-name "$MAC_SIGN_IDENTITY")

# file associations live in the bundle's Info.plist, so they are given here, not to the dmg step
step "jpackage --type app-image"
"$JPACKAGE" --type app-image "${COMMON[@]}" \
  --input "$OUT/input" \
  --main-jar blockscope.jar \
  --main-class org.blockscope.Launcher \
  --icon installer/icons/blockscope.icns \
  --mac-package-identifier org.blockscope.Blockscope \
  --mac-package-name Blockscope \
  --add-modules "$MODULES" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  --java-options "-XX:MaxRAMPercentage=40" \
  --java-options "-XX:MaxNewSize=64m" \
  --java-options "-Dfile.encoding=UTF-8" \
  --java-options "-Xdock:name=Blockscope" \
  --file-associations installer/bsg-file-association.properties \
  "${SIGN[@]}" \
  --dest "$OUT/image"
IMAGE="$OUT/image/Blockscope.app"
[[ -d "$IMAGE/Contents/app/sample-images" ]] || { echo "app image incomplete: $IMAGE" >&2; exit 1; }
du -sh "$IMAGE" | sed 's/^/app image: /'
[[ "$IMAGE_ONLY" == 1 ]] && { echo "app image only: $IMAGE"; exit 0; }

step "jpackage --type dmg"
"$JPACKAGE" --type dmg "${COMMON[@]}" \
  --app-image "$IMAGE" \
  --icon installer/icons/blockscope.icns \
  --mac-package-identifier org.blockscope.Blockscope \
  "${SIGN[@]}" \
  --dest "$OUT"
ls -lh "$OUT"/*.dmg
