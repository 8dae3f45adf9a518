package io.podarmor.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code RunningContainer} parameter: the container is started under {@code RuntimeProfile.RESTRICTED}
 * (read-only root filesystem with a tmpfs on {@code /tmp}, all capabilities dropped, no-new-privileges, no network)
 * instead of {@code RuntimeProfile.DEFAULT}. Usable as a meta-annotation.
 *
 * <pre>{@code
 * @Test
 * void keepsRunningRestricted(@Restricted RunningContainer container) {
 *   assertThat(container).startsUnder(RuntimeProfile.RESTRICTED);
 * }
 * }</pre>
 */
@Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Restricted {}
