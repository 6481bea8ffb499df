# syntax=docker/dockerfile:1
# One image for every Wirewatch service: `docker run wirewatch fetcher|parser|classifier|grouper|indexer|alerter`
# (and the tools: `topics create`, `index setup`, `lag`, `dlq ...`).
# The base image: pinned by digest by deploy/pin-images.py where a registry is reachable (until
# then it is listed in deploy/unpinned-images.txt).
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- build: compile wheels that have no binary for this platform, install into a venv ----------------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/wirewatch
ENV PATH=/opt/wirewatch/bin:$PATH
WORKDIR /src
# dependencies first (cached while only the code changes): exactly the versions and sha256 hashes of
# requirements.lock (`make lock`), nothing resolved at build time; the build backend too (the few
# sdists build with it: no build isolation, so nothing unpinned is fetched); then the project
# without deps
COPY requirements-build.lock requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements-build.lock \
 && pip install --require-hashes --no-deps --no-build-isolation -r requirements.lock
COPY pyproject.toml README.md ./
COPY wirewatch ./wirewatch
COPY shared ./shared
COPY services ./services
RUN pip install --no-deps --no-build-isolation . \
 && python -m compileall -q /opt/wirewatch/lib

# ---- runtime: the venv only, no compilers, non-root ---------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="wirewatch" \
      org.opencontainers.image.description="Wirewatch services: fetcher, parser, classifier, grouper, indexer, alerter, search API"
RUN groupadd --system --gid 10001 wirewatch \
 && useradd --system --uid 10001 --gid wirewatch --home-dir /home/wirewatch --create-home \
      --shell /usr/sbin/nologin wirewatch \
 # mount points of the Elasticsearch API key volumes (compose): a new volume takes this owner/mode
 && install -d -o 10001 -g 10001 -m 0700 /var/lib/wirewatch /var/lib/wirewatch/es-key \
      /var/lib/wirewatch/keys /var/lib/wirewatch/keys/indexer /var/lib/wirewatch/keys/api \
      /var/lib/wirewatch/keys/tools
COPY --from=build /opt/wirewatch /opt/wirewatch
ENV PATH=/opt/wirewatch/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    XDG_CACHE_HOME=/tmp/wirewatch/cache \
    XDG_STATE_HOME=/tmp/wirewatch/state \
    WIREWATCH_LOG_FORMAT=json \
    WIREWATCH_WEB_HOST=0.0.0.0 \
    WIREWATCH_WEB_PORT=6066
WORKDIR /home/wirewatch
USER 10001:10001
EXPOSE 6066
# /healthz: alive. Orchestrators use /readyz for readiness (see docker-compose.yml and deploy/k8s).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('WIREWATCH_WEB_PORT', '6066'), timeout=4)"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["wirewatch"]
CMD ["--help"]
