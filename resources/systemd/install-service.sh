#!/usr/bin/env bash
# Install the kiosk as a service that starts at boot on the kiosk's screen.
# Run as root on the kiosk, from a checkout at /opt/township-kiosk on which
# ./setup.sh has already run:
#   sudo /opt/township-kiosk/resources/systemd/install-service.sh
# Safe to run again.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
unit=township-kiosk.service

[ "$(id -u)" -eq 0 ] || { echo "run as root" >&2; exit 1; }
[ -x /opt/township-kiosk/.venv/bin/kiosk ] || {
  echo "expected the kiosk at /opt/township-kiosk (run ./setup.sh there first)" >&2
  exit 1
}

# cage: the one-program Wayland compositor the unit starts the kiosk in.
dpkg-query -W -f='${Status}' cage 2>/dev/null | grep -q "install ok installed" ||
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends cage; }

# A dedicated user with no password and no login shell: it only runs the kiosk.
# video/input/render let cage open the screen and the touch panel.
id kiosk >/dev/null 2>&1 ||
  useradd --system --create-home --home-dir /home/kiosk --shell /usr/sbin/nologin kiosk
usermod -a -G video,input,render,lp kiosk

# The unit starts /opt/township-kiosk/current/bin/kiosk, as the Debian package
# installs it; for a checkout, "current" is its virtual environment.
ln -sfn .venv /opt/township-kiosk/current
install -m 0644 "$here/$unit" "/etc/systemd/system/$unit"
systemctl daemon-reload
systemctl set-default graphical.target
systemctl disable getty@tty1.service 2>/dev/null || true
systemctl enable "$unit"
echo "Installed. Start it now with: systemctl start $unit (or reboot)."
