# peerdir for CI runners that take an image (GitLab's among them): the
# static musl binary of a release on a minimal base with a shell, which
# GitLab's jobs need. The release workflow builds it for amd64 and arm64
# from the release's own archives, unpacked into image/<arch>/, and
# publishes it as ghcr.io/peerdir/peerdir:<version>.
FROM alpine:3.22
ARG TARGETARCH
COPY ${TARGETARCH}/peerdir /usr/local/bin/peerdir
CMD ["peerdir", "--help"]
