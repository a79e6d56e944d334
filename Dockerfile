# syntax=docker/dockerfile:1
#
# vapi-receptionist: built with the Maven wrapper on a JDK, run from Spring Boot's extracted jar
# layout on a JRE as a non-root user. The route files ship inside the jar (classpath:routes);
# ROUTES_DIR=file:/routes with a volume on /routes runs edited copies instead (docs/deployment.md).
#
#   docker build -t vapi-receptionist .
#   docker run -p 8000:8000 -e WEBHOOK_SECRET=... vapi-receptionist

# --- build ------------------------------------------------------------------------------------
FROM eclipse-temurin:21-jdk AS build
# the Maven wrapper downloads Maven with curl (or wget)
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /build

# The wrapper and the pom first, so Maven's downloads stay cached while only the sources change.
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY src/main/ src/main/
COPY routes/ routes/
# Tests run in CI (./mvnw verify), not in every image build.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package \
    && cp target/vapi-receptionist-*.jar app.jar

# Dependencies, loader and application in separate layers: a code change rebuilds only the last one,
# and the extracted layout starts faster than the fat jar.
RUN java -Djarmode=tools -jar app.jar extract --layers --destination extracted

# --- run --------------------------------------------------------------------------------------
# JDK 25 for its AOT cache (below); the code is Java 17 and is tested on 17 and 25.
FROM eclipse-temurin:25-jre

# curl for the HEALTHCHECK: installed rather than assumed to be in the base image
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 receptionist \
    && useradd --system --uid 10001 --gid receptionist --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin receptionist

# The webhook access log (ACCESS_LOG_DIR), writable by the app's user; compose keeps it in a volume.
RUN mkdir -p /var/log/vapi-receptionist && chown 10001:10001 /var/log/vapi-receptionist
ENV ACCESS_LOG_DIR=/var/log/vapi-receptionist

WORKDIR /application
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./
# Read by the assistant sync command (docker compose run --rm assistant-sync).
COPY vapi/ vapi/
COPY --chmod=0755 deploy/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh

# An AOT cache (JEP 483/514/515) from a training run of this very jar: the classes it loads, already parsed and
# linked, and the JIT's method profiles. The container starts in about half the time (docs/performance.md).
# The training run starts the app on its defaults (the sandbox calendar, no network) and exits once its context
# is refreshed; its access log goes to a directory removed afterwards. Same GC flag as the ENTRYPOINT: the cache
# is only used by a JVM whose settings match (otherwise the JVM says so and starts without it).
RUN ACCESS_LOG_DIR=/tmp/training-logs java -XX:+UseSerialGC -XX:AOTCacheOutput=app.aot \
        -Dspring.context.exit=onRefresh -jar app.jar \
    && rm -rf /tmp/training-logs

USER 10001:10001
EXPOSE 8000

# /health answers 503 "starting" until the Camel routes run, then 200 "healthy".
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT:-8000}/health" || exit 1

# Heap: half of the container's memory limit (docker-compose.yml gives 512 MB); the other half holds what is not
# heap (classes, JIT code, threads: ~190 MB under load). The serial collector: on 2 cores G1's concurrent threads
# compete with the requests, and its own structures take ~40 MB more (bench/, docs/performance.md). Add JVM flags
# with JAVA_TOOL_OPTIONS; arguments after the image name are Spring Boot arguments (--name=value).
ENTRYPOINT ["docker-entrypoint.sh", "java", "-XX:AOTCache=app.aot", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50", \
            "-XX:+ExitOnOutOfMemoryError", "-jar", "app.jar"]
