package io.podarmor.assertj;

/** Where a test reads its image from: every assertion is checked through all three. */
enum Source {
  OCI_LAYOUT,
  DOCKER_ARCHIVE,
  ENGINE
}
