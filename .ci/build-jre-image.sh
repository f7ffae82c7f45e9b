#!/usr/bin/env bash
# Builds a base image with a Java runtime for the Mailgun mock's image, from this machine's JDK, for CI
# machines that cannot pull from an image registry (this project's CI). Users do not need it: the mock's
# image is built on eclipse-temurin:17-jre by default.
#
#   .ci/build-jre-image.sh [image]        (default mailgun-mock-jre:ci)
#   MAILGUN_MOCK_BASE_IMAGE=mailgun-mock-jre:ci mvn -Pheavy ...
#   BASE_IMAGE=mailgun-mock-jre:ci mailgun-spring-boot-test/src/main/docker/build-image.sh
#
# jlink links the modules the mock needs; every shared library the runtime loads from outside itself
# (found with ldd) is copied by content to the path the loader looks for; the tree is imported as an
# image FROM scratch. Linux only, on the engine's architecture. JAVA_HOME: the JDK to link from
# (default: the one of `java` on the PATH).
set -euo pipefail

image="${1:-mailgun-mock-jre:ci}"
java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

rootfs="$work/rootfs"
runtime="$rootfs/opt/java/openjdk"
mkdir -p "$(dirname "$runtime")"
# java.net.http: the webhook posts; jdk.crypto.ec: TLS to https webhook URLs.
modules=java.base,java.logging,java.management,java.naming,java.net.http,java.sql,jdk.crypto.ec,jdk.unsupported
if ! "$java_home/bin/jlink" --add-modules "$modules" --output "$runtime" --strip-debug --no-man-pages \
    --no-header-files > "$work/jlink.log" 2>&1; then
  # A runtime without jmods cannot be linked: copy it whole, following the links distributions make
  # into /etc, which the image does not have.
  echo "jlink could not link ($(tail -n 1 "$work/jlink.log")); copying $java_home"
  rm -rf "$runtime"
  mkdir -p "$runtime"
  (cd "$java_home" && tar -chf - --exclude=./jmods --exclude=./include --exclude=./man --exclude=./demo \
    --exclude=./lib/src.zip .) | tar -C "$runtime" -xf -
fi
# Libraries of the runtime itself (libjvm.so) are what ldd cannot place: the JVM loads them first.
find "$runtime" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec sh -c 'ldd "$1" 2>/dev/null || true' _ {} \; \
  > "$work/ldd.txt"
{ grep -o '/[^ ]*' "$work/ldd.txt" || true; } | { grep -v "^$runtime/" || true; } | sort -u > "$work/libraries"
# glibc loads libgcc_s itself (dlopen, so ldd does not list it) to unwind a cancelled thread.
libc="$(grep '/libc\.so' "$work/libraries" | head -1 || true)"
if [ -n "$libc" ] && [ -f "$(dirname "$libc")/libgcc_s.so.1" ]; then
  echo "$(dirname "$libc")/libgcc_s.so.1" >> "$work/libraries"
fi
while read -r library; do
  mkdir -p "$rootfs$(dirname "$library")"
  cp -L "$library" "$rootfs$library"
done < <(sort -u "$work/libraries")
tar -C "$rootfs" -c . | docker import - "$image" > /dev/null
echo "Assembled $image from $java_home ($(wc -l < "$work/libraries") shared libraries)"
