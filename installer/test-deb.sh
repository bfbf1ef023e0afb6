#!/usr/bin/env bash
# End-to-end test of the Debian package: install, run the CLI and the GUI from the installed
# launcher, take a screenshot, report.
#
# Usage: installer/test-deb.sh [--remove] [path/to/blockscope_<ver>_amd64.deb]
#   without a .deb it runs installer/build-linux.sh first (MVN_ARGS=-o for an offline build).
#   --remove   uninstall the package at the end and check /opt/blockscope is gone
# Environment:
#   SHOT=path       where to write the screenshot (default: docs/installer-screenshot.png)
#   USE_XVFB=1      always use a private Xvfb, even if $DISPLAY is set (default: use $DISPLAY
#                   when set, else start Xvfb)
#   GUI_TIMEOUT=s   seconds to wait for the window (default 90)
# Needs: Debian 12 (or Ubuntu 22.04+), apt, and root or sudo (only for apt-get). Test tools
# (xdotool, x11-utils, imagemagick, and xvfb when no display) are apt-get installed if missing.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHOT="${SHOT:-$ROOT/docs/installer-screenshot.png}"
GUI_TIMEOUT="${GUI_TIMEOUT:-90}"
INSTALL_DIR=/opt/blockscope
LAUNCHER="$INSTALL_DIR/bin/Blockscope"
EXPECTED_PARAMS="25,557,032"   # ResNet-50, as torchvision counts
REMOVE=0
DEB=""
for arg in "$@"; do
  case "$arg" in
    --remove) REMOVE=1 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) DEB="$arg" ;;
  esac
done

SUDO=""
if [[ $EUID -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "run as root or install sudo" >&2; exit 1; }
  SUDO="sudo"
fi

WORK="$(mktemp -d /tmp/blockscope-test.XXXXXX)"
APP_PID=""
XVFB_PID=""
cleanup() {
  [[ -n "$APP_PID" ]] && kill "$APP_PID" 2>/dev/null
  [[ -n "$XVFB_PID" ]] && kill "$XVFB_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

RESULTS=()
FAILED=0
pass() { RESULTS+=("PASS  $1"); echo "  PASS: $1"; }
fail() { RESULTS+=("FAIL  $1"); echo "  FAIL: $1" >&2; FAILED=1; }
skip() { RESULTS+=("SKIP  $1"); echo "  SKIP: $1"; }
step() { printf '\n==> %s\n' "$*"; }
summary() {
  printf '\n==================== test-deb summary ====================\n'
  printf '%s\n' "${RESULTS[@]}"
  if [[ $FAILED == 0 ]]; then echo "RESULT: all checks passed"; else echo "RESULT: FAILED"; fi
  exit $FAILED
}

# ---- 0. the package ----
if [[ -z "$DEB" ]]; then
  step "building the .deb (installer/build-linux.sh)"
  "$ROOT/installer/build-linux.sh" || { fail "build-linux.sh"; summary; }
  DEB="$(ls -t "$ROOT"/target/installer/blockscope_*.deb 2>/dev/null | head -1)"
fi
[[ -f "$DEB" ]] || { fail "no .deb found (${DEB:-none})"; summary; }
DEB="$(cd "$(dirname "$DEB")" && pwd)/$(basename "$DEB")"
echo "package: $DEB ($(du -h "$DEB" | cut -f1))"
dpkg-deb -f "$DEB" Package Version Architecture Depends Installed-Size

# ---- 1. install with apt, so that Depends come from the Debian archive ----
step "apt-get install $DEB"
export DEBIAN_FRONTEND=noninteractive
# a .deb outside / is read by apt as user _apt; copy it somewhere world-readable
cp "$DEB" "$WORK/" && chmod 644 "$WORK/$(basename "$DEB")" && chmod 755 "$WORK"
if $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --reinstall "$WORK/$(basename "$DEB")" >"$WORK/apt.log" 2>&1; then
  if dpkg-query -W -f='${Status}' blockscope 2>/dev/null | grep -q "install ok installed"; then
    pass "apt-get install (Depends resolved from the archive; status: install ok installed)"
  else
    fail "apt-get install: package not fully configured ($(dpkg-query -W -f='${Status}' blockscope))"
  fi
else
  tail -20 "$WORK/apt.log" >&2
  fail "apt-get install"; summary
fi
grep -E "^(Setting up|Unpacking) " "$WORK/apt.log" | sed 's/^/    /' | tail -40

step "installed files"
[[ -x "$LAUNCHER" ]] && pass "launcher $LAUNCHER" || fail "launcher $LAUNCHER missing or not executable"
echo "    installed size: $(du -sh "$INSTALL_DIR" | cut -f1)"
n_png="$(dpkg -L blockscope | grep -c '/lib/app/sample-images/.*\.png$')"
if [[ "$n_png" -gt 0 && -d "$INSTALL_DIR/lib/app/sample-images/digits/train" ]]; then
  pass "sample-images in the package ($n_png PNG files under $INSTALL_DIR/lib/app/sample-images)"
else
  fail "sample-images not in the package (found $n_png PNG files)"
fi
desktop="$(dpkg -L blockscope | grep '\.desktop$' | head -1)"
if [[ -n "$desktop" && -f "$desktop" ]]; then
  pass "desktop entry $desktop"
  sed 's/^/    /' "$desktop"
  if grep -q 'application/x-blockscope-graph' "$desktop" "$(dpkg -L blockscope | grep -E 'MimeInfo\.xml$|mime.*\.xml$' | head -1)" 2>/dev/null; then
    pass "file association application/x-blockscope-graph (*.bsg.json)"
  else
    fail "file association for application/x-blockscope-graph not found"
  fi
  mime_xml="$(dpkg -L blockscope | grep -E '\.xml$' | grep -i mime | head -1)"
  [[ -n "$mime_xml" && -f "$mime_xml" ]] && sed 's/^/    /' "$mime_xml" && echo
  if grep -qs 'application/x-blockscope-graph:\*\.bsg\.json' /usr/share/mime/globs2; then
    pass "MIME database: *.bsg.json -> application/x-blockscope-graph (/usr/share/mime/globs2)"
  else
    fail "*.bsg.json not in /usr/share/mime/globs2 (xdg-mime install / update-mime-database)"
  fi
else
  fail "no .desktop file in the package"
fi

# ---- 2. CLI through the installed launcher, and the command on the PATH ----
if [[ "$(readlink -f /usr/bin/blockscope 2>/dev/null)" == "$(readlink -f "$LAUNCHER")" ]]; then
  pass "command on the PATH: /usr/bin/blockscope -> $LAUNCHER"
else
  fail "no /usr/bin/blockscope pointing at $LAUNCHER"
fi
# (the launcher itself)
step "$LAUNCHER summary --template resnet50"
if out="$(cd "$WORK" && timeout 120 "$LAUNCHER" summary --template resnet50 2>&1)"; then
  echo "$out" | tail -6 | sed 's/^/    /'
  if grep -q "Total params: *$EXPECTED_PARAMS" <<<"$out"; then
    pass "CLI: ResNet-50 total params $EXPECTED_PARAMS"
  else
    fail "CLI: total params $EXPECTED_PARAMS not printed"
  fi
else
  echo "$out" | tail -20 >&2
  fail "CLI exited with an error"
fi

# ---- 3. ND4J's native backend with the bundled runtime (needs a javac to compile the probe) ----
step "ND4J native backend in the installed package"
JAVAC="$(command -v javac || true)"
RUNTIME_JAVA="$INSTALL_DIR/lib/runtime/bin/java"
if [[ -n "$JAVAC" && -x "$RUNTIME_JAVA" ]]; then
  if "$JAVAC" -nowarn --release 17 -cp "$INSTALL_DIR/lib/app/lib/*" -d "$WORK/smoke" "$ROOT/installer/smoke/Nd4jSmoke.java" 2>"$WORK/javac.log" \
      && out="$(cd "$WORK" && timeout 180 "$RUNTIME_JAVA" -cp "$WORK/smoke:$INSTALL_DIR/lib/app/lib/*" Nd4jSmoke 2>&1)"; then
    echo "    $(tail -1 <<<"$out")"
    pass "ND4J loads its native library and computes on the bundled runtime (native jar: $(ls "$INSTALL_DIR/lib/app/lib" | grep -E '^nd4j-native-[0-9].*-linux' | tr '\n' ' ' | sed 's/ $//'))"
  else
    cat "$WORK/javac.log" >&2; echo "${out:-}" | tail -20 >&2
    fail "ND4J smoke test"
  fi
else
  skip "ND4J smoke test (no javac on this machine, or runtime without bin/java)"
fi

# ---- 3b. the engine through the installed launcher: OpenMP threads set to sleep, one short benchmark ----
step "$LAUNCHER bench --engine --batch 8 --warmup 1 --iterations 2 lenet5"
if out="$(cd "$WORK" && timeout 300 "$LAUNCHER" bench --engine --batch 8 --warmup 1 --iterations 2 lenet5 2>&1)"; then
  echo "$out" | grep -E '^(threads|lenet5)' | sed 's/^/    /'
  if grep -q "OMP_WAIT_POLICY=PASSIVE" <<<"$out" && grep -q "convolutions on oneDNN" <<<"$out" \
      && grep -qE '^lenet5 .*train .*img/s' <<<"$out"; then
    pass "engine from the launcher: OpenMP idle threads sleep, convolutions on oneDNN, LeNet-5 trains and infers"
  else
    fail "engine benchmark: no PASSIVE OpenMP line, convolutions not on oneDNN, or no LeNet-5 figures"
  fi
else
  echo "$out" | tail -20 >&2
  fail "engine benchmark exited with an error"
fi

# ---- 4. GUI ----
step "GUI"
need=()
command -v xdotool >/dev/null || need+=(xdotool)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v import >/dev/null || need+=(imagemagick)
if [[ -z "${DISPLAY:-}" || "${USE_XVFB:-0}" == 1 ]]; then
  command -v Xvfb >/dev/null || need+=(xvfb)
  USE_XVFB=1
fi
if [[ ${#need[@]} -gt 0 ]]; then
  echo "    installing test tools: ${need[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need[@]}" >"$WORK/apt-tools.log" 2>&1 \
    || { tail -5 "$WORK/apt-tools.log" >&2; fail "apt-get install ${need[*]}"; summary; }
fi

if [[ "${USE_XVFB:-0}" == 1 ]]; then
  for n in $(seq 99 120); do [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || break; done
  export DISPLAY=":$n"
  Xvfb "$DISPLAY" -screen 0 1400x900x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
  XVFB_PID=$!
  for _ in $(seq 1 50); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.2; done
  xwininfo -root >/dev/null 2>&1 || { cat "$WORK/xvfb.log" >&2; fail "Xvfb did not start on $DISPLAY"; summary; }
  echo "    Xvfb on $DISPLAY (1400x900x24)"
else
  echo "    using the display $DISPLAY"
fi

(cd "$WORK" && exec "$LAUNCHER") >"$WORK/app.log" 2>&1 &
APP_PID=$!
WID=""
start=$SECONDS
while (( SECONDS - start < GUI_TIMEOUT )); do
  # the editor's title ends in "— Blockscope"; GTK also maps a tiny (10x10) leader window: take the largest
  WID=""; best=0
  for w in $(xdotool search --onlyvisible --name 'Blockscope$' 2>/dev/null); do
    width="$(xwininfo -id "$w" 2>/dev/null | awk '/Width:/{print $2}')"
    if (( ${width:-0} > best )); then best=$width; WID=$w; fi
  done
  (( best >= 200 )) && break
  WID=""
  kill -0 "$APP_PID" 2>/dev/null || break
  sleep 1
done
if [[ -n "$WID" ]]; then
  geom="$(xwininfo -id "$WID" | awk '/Width:/{w=$2} /Height:/{h=$2} END{print w "x" h}')"
  pass "window 'Blockscope' ($geom) up after $((SECONDS - start)) s"
  sleep 4   # let the first frames render
  mkdir -p "$(dirname "$SHOT")"
  import -window "$WID" "$SHOT"
  if [[ -f "$SHOT" ]]; then
    # a real frame has many colours; a black or blank one has one or two
    colours="$(identify -format '%k' "$SHOT" 2>/dev/null || echo 0)"
    if (( $(stat -c %s "$SHOT") > 300000 )); then convert "$SHOT" -colors 256 "PNG8:$SHOT"; fi
    if (( colours > 16 )); then
      pass "screenshot $SHOT ($colours colours, $(du -h "$SHOT" | cut -f1))"
    else
      fail "screenshot $SHOT looks empty ($colours colours)"
    fi
  else
    fail "screenshot not written"
  fi
else
  if kill -0 "$APP_PID" 2>/dev/null; then
    fail "no window named Blockscope within ${GUI_TIMEOUT}s"
  else
    fail "the app exited before showing a window"
  fi
fi
grep -iE "exception|error|warn" "$WORK/app.log" | head -10 | sed 's/^/    app log: /'

if kill -0 "$APP_PID" 2>/dev/null; then
  kill -TERM "$APP_PID"
  for _ in $(seq 1 20); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$APP_PID" 2>/dev/null; then
    kill -KILL "$APP_PID"; fail "app did not stop on SIGTERM within 10 s"
  else
    pass "app closed (SIGTERM)"
  fi
  APP_PID=""
fi

# ---- 5. uninstall ----
if [[ $REMOVE == 1 ]]; then
  step "apt-get remove blockscope"
  if $SUDO apt-get -o DPkg::Lock::Timeout=600 remove -y blockscope >"$WORK/remove.log" 2>&1 && [[ ! -e "$INSTALL_DIR" && ! -L /usr/bin/blockscope ]]; then
    pass "uninstalled, $INSTALL_DIR and /usr/bin/blockscope gone"
  else
    tail -5 "$WORK/remove.log" >&2; fail "uninstall"
  fi
fi

summary
