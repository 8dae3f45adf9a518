package io.podarmor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Names the image a test class checks, and its {@link ImageKind}. The configuration parameter
 * {@code podarmor.image} (or the environment variable {@code PODARMOR_IMAGE}) overrides {@link #value()}, so CI
 * can point one suite at any image. A reference is looked up in the local Docker engine, like {@code docker run}
 * does; {@code oci:<dir>} names an OCI image layout and {@code docker-archive:<file.tar>} a {@code docker save}
 * archive. Found on the class, its superclasses and interfaces, enclosing classes of {@code @Nested} classes, and
 * through meta-annotations. It also registers {@link PodArmorExtension}.
 *
 * <pre>{@code
 * @ImageUnderTest(value = "ghcr.io/acme/builder:3", kind = ImageKind.BUILD)
 * class BuilderImageTest implements HardenedImageContract {}
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PodArmorExtension.class)
public @interface ImageUnderTest {
  /** The image reference; empty when only configuration names it. */
  String value() default "";

  /** What the image is for; {@link ImageKind#DEPLOY} unless said otherwise. */
  ImageKind kind() default ImageKind.DEPLOY;
}
