#!/usr/bin/env bash
# Makes a tiny root filesystem from Debian's busybox-static: /bin/busybox, a link per applet,
# /etc/passwd and /etc/group, and the usual empty directories. Offline; used by the README's quick start.
#   examples/busybox-rootfs.sh DIR
set -euo pipefail

root="${1:?usage: $0 DIR}"
busybox="$(command -v busybox || true)"
[ -n "$busybox" ] || { echo "busybox not found (apt-get install busybox-static)" >&2; exit 2; }
if ldd "$busybox" >/dev/null 2>&1; then
  echo "warning: $busybox is dynamically linked; the image needs busybox-static to run" >&2
fi

mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,root,home,var,dev,proc,sys,tmp}
chmod 1777 "$root/tmp"
cp "$busybox" "$root/bin/busybox"
chmod 755 "$root/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
echo "$root: busybox $("$busybox" | head -1 | awk '{print $2}') with $(ls "$root/bin" | wc -l) commands"
