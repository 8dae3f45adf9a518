package io.podarmor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a hardening test class that runs once for every image of a fleet: the {@code podarmor.images} configuration
 * parameter (references separated by commas, or {@code @images.txt}, one per line), of which {@code podarmor.shard}
 * ({@code i/n}) takes a stable share for one job of a CI matrix. A JUnit class template: each image is one invocation
 * of the whole class, named by the image ({@code [2] ghcr.io/acme/api:1.4.2}), with its own containers; its tests,
 * nested classes and a contract it implements run per image, and the report files each verdict under its image.
 *
 * <pre>{@code
 * @PodArmorFleet
 * class FleetHardeningTest implements HardenedImageContract {}
 * // mvn test -Dpodarmor.images=@images.txt -Dpodarmor.shard=2/8
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ClassTemplate
@PodArmorTest
@ExtendWith(FleetImages.class)
public @interface PodArmorFleet {}
