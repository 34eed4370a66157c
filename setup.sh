#!/usr/bin/env bash
# Set up everything the kiosk needs on a Debian machine, then run one thing:
#   ./setup.sh demo    start the kiosk demo (sample forms, demo data directory)
#   ./setup.sh test    run the whole test suite, lint and type checks
#   ./setup.sh         only set up
# Safe to run again: each step checks what is already there.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
venv="$here/.venv"
python=${PYTHON:-python3}

# Qt's runtime libraries (offscreen and on a real screen), QR decoding, fonts
# for Chinese and Arabic-script text, a virtual screen (and xdotool to tap on it),
# Chinese handwriting recognition (Zinnia and its model), PDF tools, and speech
# (speech-dispatcher with espeak-ng: Mandarin, Uyghur and English voices), and
# Chromium with its driver for the web console's browser tests; systemd and
# shellcheck check the Debian packages' units and scripts (docs/deploying.md).
apt_packages=(
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libpulse0
  libxrandr2 libcups2 libzbar0
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-sync1
  libxcb-xfixes0 libxcb-shm0
  fonts-wqy-microhei fonts-noto-core fonts-dejavu-core
  xvfb xauth xdotool poppler-utils
  libzinnia0 tegaki-zinnia-simplified-chinese
  chromium chromium-driver
  cups cups-client cups-bsd printer-driver-cups-pdf libusb-1.0-0
  postgresql
  speech-dispatcher speech-dispatcher-espeak-ng espeak-ng libspeechd2
  systemd shellcheck
  python3-venv python3-dev
)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

install_system_packages() {
  local missing=()
  for pkg in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "Missing system packages (run as root, or install them yourself): ${missing[*]}"
    return 0
  fi
  say "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

open_root_directory() {
  # Services that drop root (postgres for the central platform's tests, the
  # CUPS filters) must be able to enter "/". It always can on an installed
  # system; a root directory made by mktemp for a chroot or container is
  # private (0700), which makes `su postgres` fail with "Permission denied".
  [ "$(id -u)" -eq 0 ] || return 0
  [ "$(stat -c %a /)" = 700 ] && chmod 755 /
  return 0
}

start_print_service() {
  # A local CUPS with a PDF printer: the demo prints receipts to it and the
  # tests check the kiosk's CUPS path end to end. Root only; skipped otherwise.
  [ "$(id -u)" -eq 0 ] || return 0
  command -v cupsd >/dev/null || return 0
  if ! lpstat -r 2>/dev/null | grep -q "is running"; then
    say "Starting CUPS"
    /usr/sbin/cupsd
    for _ in $(seq 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.2; done
  fi
  lpstat -p PDF >/dev/null 2>&1 ||
    lpadmin -p PDF -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
  lpstat -d 2>/dev/null | grep -q PDF || lpadmin -d PDF
}

configure_speech() {
  # Root only: the system's speech-dispatcher configuration. Speech goes
  # straight to ALSA (a kiosk session runs no PulseAudio server), and a
  # machine without a sound card (CI, a virtual machine) gets a null ALSA
  # sink, so that speaking completes instead of failing.
  [ "$(id -u)" -eq 0 ] || return 0
  local conf=/etc/speech-dispatcher/speechd.conf
  [ -f "$conf" ] || return 0
  grep -q '^AudioOutputMethod' "$conf" || echo 'AudioOutputMethod "alsa"' >>"$conf"
  if [ ! -e /etc/asound.conf ] && ! grep -qs '^ *[0-9]' /proc/asound/cards; then
    say "No sound card: speech goes to a null ALSA sink"
    printf 'pcm.!default {\n  type null\n}\n' >/etc/asound.conf
  fi
}

start_speech_service() {
  # The kiosk reads aloud through the speech-dispatcher of the user it runs
  # as; ui/speech_daemon.py starts it once (a daemon that answers is left
  # alone, so running the set-up twice starts one), with a real locale, in a
  # session of its own (so that stopping this set-up does not kill its speech
  # module), and records it as the kiosk's, which the kiosk may restart.
  command -v speech-dispatcher >/dev/null || return 0
  "$venv/bin/python" -m ui.speech_daemon ||
    say "speech-dispatcher did not start: the kiosk will not offer to read aloud"
}

install_python_environment() {
  if [ ! -x "$venv/bin/python" ]; then
    say "Creating the virtual environment in .venv"
    "$python" -m venv "$venv"
  fi
  local stamp="$venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "Installing the kiosk and its dependencies"
    "$venv/bin/pip" install -q --upgrade pip
    "$venv/bin/pip" install -q -e ".[dev]"
    rm -f "$venv"/.installed-*
    touch "$stamp"
  fi
}

compile_bytecode() {
  # As an installed package would be: a kiosk should not recompile its own
  # source on every start (and PYTHONDONTWRITEBYTECODE may forbid caching it).
  "$venv/bin/python" -m compileall -q kiosk ui sync printing central cli demo resources bench >/dev/null
}

build_translations() {
  say "Building translations"
  "$venv/bin/python" -m ui.translations build
}

install_system_packages
open_root_directory
start_print_service
configure_speech
install_python_environment
compile_bytecode
build_translations
start_speech_service

case "${1:-}" in
  demo)
    shift
    exec "$venv/bin/kiosk" demo "$@"
    ;;
  test)
    shift
    say "Lint and type checks"
    "$venv/bin/ruff" check .
    "$venv/bin/ruff" format --check .
    "$venv/bin/mypy"
    say "Tests"
    exec "$venv/bin/pytest" -q "$@"
    ;;
  "")
    say "Set up. Start the demo with ./setup.sh demo, run the tests with ./setup.sh test"
    ;;
  *)
    echo "usage: ./setup.sh [demo|test]" >&2
    exit 2
    ;;
esac
