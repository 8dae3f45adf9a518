package io.podarmor.realimages;

/**
 * One image of the real-image corpus: its name, how it was built, and its reference in the engine.
 *
 * @param name      e.g. {@code buildkit}
 * @param builder   e.g. {@code docker build (BuildKit)}
 * @param reference e.g. {@code podarmor-corpus/buildkit:1}
 */
record RealImage(String name, String builder, String reference) {
  @Override
  public String toString() {
    return name + " (" + builder + ")";
  }
}
