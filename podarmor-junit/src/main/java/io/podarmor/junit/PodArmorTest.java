package io.podarmor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a hardening test class: registers {@link PodArmorExtension}, which injects {@code ContainerImage} and
 * {@code RunningContainer} parameters for the image named by {@link ImageUnderTest} or the {@code podarmor.image}
 * configuration parameter. Usable as a meta-annotation.
 *
 * <pre>{@code
 * @PodArmorTest
 * @ImageUnderTest("ghcr.io/acme/api:1.4.2")
 * class ApiImageHardeningTest {
 *   @Test
 *   void runsAsNonRoot(ContainerImage image) {
 *     assertThat(image).runsAsNonRoot();
 *   }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PodArmorExtension.class)
public @interface PodArmorTest {}
