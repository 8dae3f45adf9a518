package io.podarmor.junit;

/**
 * What an image is for, which decides the rules it is held to.
 *
 * <pre>{@code @ImageUnderTest(value = "acme/builder:3", kind = ImageKind.BUILD)}</pre>
 */
public enum ImageKind {
  /** An image that runs in production: distroless rules, so no shell, statically or at runtime. */
  DEPLOY,
  /** A build or CI image: a shell is allowed; checks marked {@code @EnabledForImageKind(DEPLOY)} are skipped. */
  BUILD
}
