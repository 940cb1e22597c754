# Docker without Docker: runc alone starts a container from an OCI bundle.
set -e
# runc mounts a fresh /proc for its container; the kernel refuses that while our own /proc
# has parts masked by the engine (/proc/sys, /proc/keys...). So this script reruns itself
# in a mount namespace of its own and lifts the masks there; the lab container keeps them.
[ -n "$OWN_MOUNT_NAMESPACE" ] || exec env OWN_MOUNT_NAMESPACE=1 unshare --mount sh "$0"
awk '$5 ~ "^/proc/" {print $5}' /proc/self/mountinfo | sort -r | xargs -r -n 1 umount

# The bundle: a rootfs with one static busybox binary and a few of its applets...
mkdir -p /tmp/bundle/rootfs/bin && cd /tmp/bundle
cp /bin/busybox rootfs/bin/
for applet in sh ps hostname; do ln -s busybox "rootfs/bin/$applet"; done
# ... and the standard config.json. A rootless spec adds a user namespace.
runc spec --rootless
jq '.process.terminal = false
    | .process.args = ["sh", "-c", "echo \"nom de machine : $(hostname)\"; ps"]' \
  config.json > config.new && mv config.new config.json

# --rootless true: leave the cgroups alone (the lab container's cgroup files are read-only).
# --no-new-keyring and --no-pivot keep the lab container's seccomp filter on: Docker's
# default profile refuses keyctl and pivot_root; runc then enters the rootfs with chroot.
runc --root /tmp/runc --rootless true --log /tmp/runc.log \
  run --no-new-keyring --no-pivot --bundle /tmp/bundle demo-oci < /dev/null \
  || { cat /tmp/runc.log; exit 1; }
echo "conteneurs encore connus de runc : $(runc --root /tmp/runc list -q | wc -l)"
