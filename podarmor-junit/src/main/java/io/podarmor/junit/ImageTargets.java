package io.podarmor.junit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Finds what a test declares about its image: the nearest {@link ImageUnderTest} on the test class, its
 * superclasses, interfaces and (for {@code @Nested} classes) enclosing classes, through meta-annotations.
 */
final class ImageTargets {
  private ImageTargets() {}

  /** The nearest {@link ImageUnderTest} with the class it was found on. */
  public static Optional<Found<ImageUnderTest>> imageUnderTest(ExtensionContext context) {
    return nearest(context, ImageUnderTest.class);
  }

  /** The kind the nearest {@link ImageUnderTest} declares; {@link ImageKind#DEPLOY} when none does. */
  public static ImageKind kind(ExtensionContext context) {
    return imageUnderTest(context).map(f -> f.annotation.kind()).orElse(ImageKind.DEPLOY);
  }

  /** The nearest annotation of this type on the test classes, innermost first. */
  public static <A extends java.lang.annotation.Annotation> Optional<Found<A>> nearest(ExtensionContext context,
      Class<A> type) {
    for (Class<?> c : testClasses(context)) {
      Optional<A> a = AnnotationSupport.findAnnotation(c, type);
      if (a.isPresent()) {
        return Optional.of(new Found<>(a.get(), c));
      }
    }
    return Optional.empty();
  }

  /** The test class of this context, then the classes enclosing it, as JUnit's context hierarchy has them. */
  public static List<Class<?>> testClasses(ExtensionContext context) {
    List<Class<?>> classes = new ArrayList<>();
    for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
      c.get().getTestClass().filter(t -> !classes.contains(t)).ifPresent(classes::add);
    }
    return classes;
  }

  /** The context of the test class a method context belongs to (itself for a class context). */
  public static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  /** An annotation and the class it was found on. */
  public static final class Found<A> {
    public final A annotation;
    public final Class<?> on;

    Found(A annotation, Class<?> on) {
      this.annotation = annotation;
      this.on = on;
    }
  }
}
