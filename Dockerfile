# syntax=docker/dockerfile:1
# Build stage: cgo is needed for github.com/mattn/go-sqlite3.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/casenode ./cmd/casenode

# Runtime stage: small Debian image (glibc for the cgo binary), non-root user.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /data --shell /usr/sbin/nologin casenode \
    && mkdir -p /data && chown casenode /data
COPY --from=build /out/casenode /usr/local/bin/casenode
USER casenode
ENV CASENODE_DATA=/data CASENODE_ADDR=0.0.0.0:8080
VOLUME ["/data"]
EXPOSE 8080
# `casenode health` reads the node file the running node writes into /data, so the
# check follows CASENODE_ADDR and needs no curl in the image.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["casenode", "health"]
ENTRYPOINT ["casenode"]
CMD ["serve"]
