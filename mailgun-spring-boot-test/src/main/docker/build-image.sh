#!/usr/bin/env bash
# Builds the Mailgun mock's container image from the runnable jar, for use outside Testcontainers
# (docker run, docker compose). MailgunMockContainer does not need it: it builds its own image.
#
#   mvn -pl mailgun-spring-boot-test -am package -DskipTests
#   mailgun-spring-boot-test/src/main/docker/build-image.sh [runnable-jar]
#   docker run --rm -p 8080:8080 -e MAILGUN_MOCK_API_KEY=my-key -e MAILGUN_MOCK_DOMAINS=mg.shop.test mailgun-mock:local
#
# Environment:
#   IMAGE       the image to build (default mailgun-mock:local)
#   BASE_IMAGE  an image with Java 17+ at /opt/java/openjdk, such as eclipse-temurin:17-jre. Without it,
#               no registry is needed: a base is assembled from the local JDK (jlink, plus the shared
#               libraries ldd names), imported as mailgun-mock-jre:local. Linux only, on the engine's
#               architecture.
#   JAVA_HOME   the JDK whose jlink links that base (default: the one of `java` on the PATH)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/../../.." && pwd)"
image="${IMAGE:-mailgun-mock:local}"
base="${BASE_IMAGE:-}"

jar="${1:-}"
if [ -z "$jar" ]; then
  jar="$(ls "$module"/target/mailgun-spring-boot-test-*-mock-server.jar 2>/dev/null | head -1 || true)"
fi
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "No runnable jar: build it with 'mvn -pl mailgun-spring-boot-test -am package -DskipTests' or pass its path" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$base" ]; then
  java_home="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
  rootfs="$work/rootfs"
  runtime="$rootfs/opt/java/openjdk"
  mkdir -p "$(dirname "$runtime")"
  # The modules the mock's dependencies use (see JavaRuntimeImage, which assembles the same for tests).
  "$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,java.naming,java.sql,jdk.unsupported \
    --output "$runtime" --strip-debug --no-man-pages --no-header-files
  # Every shared library the runtime's executables and libraries load from outside it, copied by content
  # to the path the loader looks for. Its own libraries (libjvm.so) are what ldd cannot place: skipped.
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
  base="mailgun-mock-jre:local"
  tar -C "$rootfs" -c . | docker import - "$base" > /dev/null
  echo "Assembled $base from $java_home ($(wc -l < "$work/libraries") shared libraries)"
fi

mkdir -p "$work/context/app"
cp "$here/Dockerfile" "$work/context/Dockerfile"
cp "$jar" "$work/context/app/mailgun-mock-server.jar"
docker build --quiet --build-arg "BASE_IMAGE=$base" --tag "$image" "$work/context" > /dev/null
echo "Built $image on $base from $(basename "$jar")"
