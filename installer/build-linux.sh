#!/usr/bin/env bash
# Builds Blockscope's Linux packages with jpackage (JDK 17):
#   target/installer/image/Blockscope/        self-contained app image (runtime + jars + sample-images)
#   target/installer/blockscope_<ver>_amd64.deb
#
# Usage: installer/build-linux.sh [--skip-maven] [--image-only]
# Environment:
#   JAVA_HOME        JDK 17+ with jpackage and jmods (default: the jpackage on PATH)
#   MVN_ARGS         extra Maven arguments, e.g. "-o" to build offline
#   OUT              output directory (default: target/installer)
#   KEEP_PLAIN_ND4J  1 = also ship nd4j-native-<ver>-linux-x86_64.jar (see below)
#   DEB_MAINTAINER   e-mail address for the Maintainer field of the .deb
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
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/jpackage" ]]; then
  JPACKAGE="$JAVA_HOME/bin/jpackage"
else
  JPACKAGE="$(command -v jpackage || true)"
fi
[[ -n "$JPACKAGE" ]] || { echo "jpackage not found: install a JDK 17+ (Debian: openjdk-17-jdk) or set JAVA_HOME" >&2; exit 1; }

step() { printf '\n==> %s\n' "$*"; }

# ---- version: the project's own <version> (first one at two-space indentation in pom.xml) ----
VERSION="$(sed -n 's|^  <version>\([^<]*\)</version>.*|\1|p' pom.xml | head -1)"
if [[ -z "$VERSION" ]]; then
  VERSION="$(mvn -q help:evaluate -Dexpression=project.version -DforceStdout ${MVN_ARGS:-})"
fi
# jpackage wants a purely numeric version for packages: 0.1.0-SNAPSHOT -> 0.1.0
APP_VERSION="${VERSION%%-*}"
echo "Blockscope $VERSION (package version $APP_VERSION), jpackage: $JPACKAGE"

# ---- 1. Maven: target/blockscope.jar + target/lib/ ----
if [[ "$SKIP_MAVEN" == 0 ]]; then
  step "mvn -q -DskipTests package ${MVN_ARGS:-}"
  # shellcheck disable=SC2086
  mvn -q -DskipTests ${MVN_ARGS:-} package
fi
[[ -f target/blockscope.jar && -d target/lib ]] || { echo "target/blockscope.jar or target/lib missing: run without --skip-maven" >&2; exit 1; }

# ---- 2. jpackage input directory: everything in it lands next to blockscope.jar ----
# <app dir>/blockscope.jar, <app dir>/lib/*.jar (the jar's manifest Class-Path), <app dir>/sample-images/
# (<app dir> = /opt/blockscope/lib/app on Linux; org.blockscope.io.AppPaths finds sample-images there.)
step "staging $OUT/input"
rm -rf "$OUT"
mkdir -p "$OUT/input/lib"
cp target/blockscope.jar "$OUT/input/"
# hard links where possible: target/lib is ~245 MB
cp -l target/lib/*.jar "$OUT/input/lib/" 2>/dev/null || cp target/lib/*.jar "$OUT/input/lib/"
# nd4j-native declares a dependency on its plain "<os>-x86_64" native jar, but the pom selects the
# "-onednn" build and JavaCPP only ever extracts and loads that one (checked: with the plain jar
# removed, ND4J loads and computes; ~/.javacpp/cache never contains the plain jar). Leaving it out
# saves ~91 MB. Only done when the -onednn jar is there; KEEP_PLAIN_ND4J=1 keeps it.
if [[ "${KEEP_PLAIN_ND4J:-0}" != 1 ]]; then
  for j in "$OUT"/input/lib/nd4j-native-[0-9]*-linux-x86_64.jar; do
    if [[ -e "$j" && -e "${j%.jar}-onednn.jar" ]]; then
      echo "leaving out $(basename "$j") (the -onednn build is the one loaded)"
      rm -f "$j"
    fi
  done
fi
cp -r sample-images "$OUT/input/sample-images"
du -sh "$OUT/input" | sed 's/^/input: /'

# ---- 3. app image ----
# Runtime modules: JavaFX 21 (on the class path) needs java.desktop, java.xml, java.scripting (fxml),
# jdk.unsupported, jdk.unsupported.desktop and java.datatransfer (javafx-swing), jdk.jfr is optional;
# controlsfx: java.logging, java.net.http; Guava/JavaCPP/protobuf: jdk.unsupported; Jackson/threeten:
# java.sql; OSHI (ND4J): jdk.management; plus java.management, java.naming, java.prefs,
# java.compiler (Guava annotations), jdk.crypto.ec (TLS), jdk.zipfs, jdk.charsets.
# (jdeps --print-module-deps per jar, and a run of ND4J + the GUI on this runtime.)
MODULES="java.base,java.desktop,java.datatransfer,java.logging,java.management,jdk.management,java.naming,java.prefs,java.sql,java.xml,java.scripting,java.net.http,java.compiler,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,jdk.zipfs,jdk.charsets,jdk.jfr"

# JVM options:
#  -XX:MaxRAMPercentage=40  heap scales with the machine (a fixed -Xmx4g is too much on a 4 GB
#                           classroom laptop and too little on a workstation); ND4J's off-heap
#                           buffers are capped by JavaCPP at the same size by default, so heap +
#                           native stay under ~80% of RAM.
#  -XX:MaxNewSize=64m       young GCs every few dozen iterations: ND4J frees the native memory of the
#                           small arrays each op makes only when the GC finds them dead; with G1's
#                           default young size of hundreds of MB, ResNet-50 training grew ~12 MB an
#                           iteration until a GC (3.3 GB peak in one epoch, 2.8 GB with this).
#  -Dfile.encoding=UTF-8    as JDK 18+ does: file names and CLI output (e.g. "·") independent of locale.
#  No -Dprism.order=sw: JavaFX already falls back from OpenGL (es2) to software rendering by itself;
#  forcing sw would slow down machines with a working GPU. See installer/README.md, troubleshooting.
JAVA_OPTIONS=(--java-options "-XX:MaxRAMPercentage=40" --java-options "-XX:MaxNewSize=64m"
  --java-options "-Dfile.encoding=UTF-8")

COMMON=(
  --name Blockscope
  --app-version "$APP_VERSION"
  --vendor "Blockscope"
  --description "Design, train and look inside convolutional networks."
  --copyright "Blockscope contributors"
)

step "jpackage --type app-image"
# jlink options: jpackage's defaults minus --strip-native-commands, so that the runtime keeps
# bin/java (~+0.1 MB): test-deb.sh uses it to check ND4J's native backend in the installed package.
"$JPACKAGE" --type app-image "${COMMON[@]}" \
  --input "$OUT/input" \
  --main-jar blockscope.jar \
  --main-class org.blockscope.Launcher \
  --icon installer/icons/blockscope.png \
  --add-modules "$MODULES" \
  --jlink-options "--strip-debug --no-man-pages --no-header-files" \
  "${JAVA_OPTIONS[@]}" \
  --dest "$OUT/image"
IMAGE="$OUT/image/Blockscope"
[[ -x "$IMAGE/bin/Blockscope" && -d "$IMAGE/lib/app/sample-images" ]] || { echo "app image incomplete: $IMAGE" >&2; exit 1; }
du -sh "$IMAGE" | sed 's/^/app image: /'

if [[ "$IMAGE_ONLY" == 1 ]]; then
  echo "app image only: $IMAGE (run $IMAGE/bin/Blockscope)"
  exit 0
fi

# ---- 4. .deb from the app image ----
command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null \
  || { echo "building a .deb needs dpkg-deb and fakeroot (apt-get install fakeroot)" >&2; exit 1; }
# Depends: jpackage itself lists what the runtime's native libraries link to (libc6, libasound2,
# libx11-6, libxtst6, libfreetype6 ...) and xdg-utils (for the menu entry and the MIME type). JavaFX's
# glass/prism libraries are unpacked from its jars at run time, so jpackage cannot see them: they need
# GTK 3 (and libXtst); fonts-dejavu-core gives JavaFX a font on a minimal system. libxtst6 is listed
# again on purpose, in case jpackage's detection (dpkg -S on the build host) finds nothing.
DEPS="libgtk-3-0, libxtst6, fonts-dejavu-core"
MAINT=()
[[ -n "${DEB_MAINTAINER:-}" ]] && MAINT=(--linux-deb-maintainer "$DEB_MAINTAINER")

# installer/linux/{postinst,prerm}: jpackage's maintainer scripts, made robust on systems without
# /usr/share/desktop-directories (see the comment in installer/linux/postinst)
step "jpackage --type deb"
"$JPACKAGE" --type deb "${COMMON[@]}" \
  --app-image "$IMAGE" \
  --linux-package-name blockscope \
  --linux-app-category science \
  --linux-menu-group Education \
  --linux-shortcut \
  --linux-package-deps "$DEPS" \
  "${MAINT[@]}" \
  --icon installer/icons/blockscope.png \
  --file-associations installer/bsg-file-association.properties \
  --resource-dir installer/linux \
  --dest "$OUT"

DEB="$(ls "$OUT"/blockscope_*.deb)"
echo
echo "built: $DEB ($(du -h "$DEB" | cut -f1))"
dpkg-deb -f "$DEB" Package Version Architecture Depends Installed-Size
