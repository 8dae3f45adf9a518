package io.podarmor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test or test class only when the image under test is of the given {@link ImageKind} (from
 * {@link ImageUnderTest#kind()}); otherwise JUnit reports it skipped with a reason, like {@code @EnabledOnOs}.
 *
 * <pre>{@code
 * @Test
 * @EnabledForImageKind(ImageKind.DEPLOY)
 * void hasNoShell(ContainerImage image) {
 *   assertThat(image).hasNoShell();   // skipped for @ImageUnderTest(kind = BUILD)
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ImageKindCondition.class)
public @interface EnabledForImageKind {
  /** The kinds the test applies to. */
  ImageKind[] value();

  /** The reason reported when the test is skipped; a default names the kinds. */
  String disabledReason() default "";
}
