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
#   BASE_IMAGE  an image with Java 17+ at /opt/java/openjdk (default eclipse-temurin:17-jre). Where no
#               registry can be reached, the project's .ci/build-jre-image.sh builds one from a local JDK.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
module="$(cd "$here/../../.." && pwd)"
image="${IMAGE:-mailgun-mock:local}"
base="${BASE_IMAGE:-eclipse-temurin:17-jre}"

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

mkdir -p "$work/context/app"
cp "$here/Dockerfile" "$work/context/Dockerfile"
cp "$jar" "$work/context/app/mailgun-mock-server.jar"
docker build --quiet --build-arg "BASE_IMAGE=$base" --tag "$image" "$work/context" > /dev/null
echo "Built $image on $base from $(basename "$jar")"
