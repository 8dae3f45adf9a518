package io.podarmor.junit;

import io.podarmor.assertj.CisItem;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Waives one CIS item for a {@link CisDockerImageContract}: the item's test passes without checking, and the hardening
 * report shows it waived, with the written reason. A waiver without a reason is a configuration error: the item's test
 * fails saying so.
 *
 * <pre>{@code
 * @ImageUnderTest("vendor/base:2.1")
 * @CisWaiver(item = CisItem.CIS_4_9, reason = "vendor base image uses ADD for its rootfs tarball")
 * class VendorBaseTest implements CisDockerImageContract {}
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(CisWaivers.class)
public @interface CisWaiver {
  /** The item waived. */
  CisItem item();

  /** Why the item is acceptable for this image; must not be blank. */
  String reason();
}
