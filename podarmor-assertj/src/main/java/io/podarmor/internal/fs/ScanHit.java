package io.podarmor.internal.fs;

/**
 * What a {@link ContentScanner} found in a file of a layer: the path and redacted evidence
 * ({@code AWS access key id AKIA…}).
 */
public record ScanHit(String path, String evidence) {}
