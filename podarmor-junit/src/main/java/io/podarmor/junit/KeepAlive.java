package io.podarmor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A long-running command for injected {@code RunningContainer}s of an image whose own main process exits at once
 * (a CLI image): it replaces the image's entrypoint and command, as
 * {@code RuntimeProfile.withKeepAlive(String...)} does. On a parameter, a method, or a class (the nearest wins).
 *
 * <pre>{@code
 * @PodArmorTest
 * @ImageUnderTest("acme/cli:2")
 * @KeepAlive({"/usr/bin/cli", "serve"})
 * class CliImageTest implements HardenedImageContract {}
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface KeepAlive {
  /** The program and its arguments, e.g. {@code {"/usr/bin/cli", "serve"}}. */
  String[] value();
}
