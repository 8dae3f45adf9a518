package io.podarmor.junit;

import io.podarmor.image.ContainerImage;
import io.podarmor.image.Platform;
import io.podarmor.junit.report.ReportSession;
import io.podarmor.runtime.RunningContainer;
import io.podarmor.runtime.RuntimeProfile;
import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import io.podarmor.verdict.Verdicts;
import java.util.List;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.util.Optional;
import org.junit.jupiter.api.ClassTemplate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.ExtensionContext.StoreScope;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link PodArmorTest}: injects {@link ContainerImage} and
 * {@link RunningContainer} parameters into test, lifecycle and constructor parameters, for the image named by the
 * {@code podarmor.image} configuration parameter (or {@code PODARMOR_IMAGE}) or else by {@link ImageUnderTest}; in a
 * {@link PodArmorFleet} class, for the image of the invocation.
 *
 * <ul>
 *   <li>One {@code ContainerImage} per image digest (and platform) for the whole run, kept in the root store, so a
 *       filesystem is indexed once however many classes and threads ask.
 *   <li>One {@code RunningContainer} per image and {@link RuntimeProfile} per test class, shared by its tests
 *       ({@code @Nested} classes reuse their enclosing class's), removed when the class ends, whether its tests
 *       passed or not, and at the latest when the JVM exits. {@link Restricted} selects
 *       {@link RuntimeProfile#RESTRICTED}; {@link KeepAlive} gives a CLI image a long-running command.
 *   <li>Safe under {@code junit.jupiter.execution.parallel.enabled=true}: images and containers are created once.
 * </ul>
 *
 * <pre>{@code
 * @PodArmorTest
 * @ImageUnderTest("ghcr.io/acme/api:1.4.2")
 * class ApiImageHardeningTest {
 *   @Test
 *   void cannotExecShell(@Restricted RunningContainer container) {
 *     assertThat(container).cannotExecShell();
 *   }
 * }
 * }</pre>
 */
public class PodArmorExtension implements ParameterResolver, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, AfterClassTemplateInvocationCallback {
  /** The namespace of every store entry PodArmor makes. */
  static final Namespace NAMESPACE = Namespace.create(PodArmorExtension.class);
  /** The launcher session store's namespace, where a launcher session's report lives. */
  private static final Namespace LAUNCHER_NAMESPACE = Namespace.create(ReportLauncherSessionListener.NAMESPACE);

  /**
   * Checks that the class names an image, and that the configuration is valid, before any test runs. For the run,
   * kept in the root store and closed at its end: {@code isSigned()} reads {@code podarmor.trust.*} through this
   * configuration, and, unless the launcher session's report writes to the same directory, a report of the run's
   * verdicts is written.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    if (!isFleetTemplate(context)) {
      target(context); // a fleet's invocations each name their image
    }
    PodArmorConfiguration configuration = PodArmorConfiguration.from(context);
    configuration.platform();
    Store root = context.getRoot().getStore(NAMESPACE);
    java.nio.file.Path dir = configuration.reportDir().orElse(ReportLauncherSessionListener.DEFAULT_REPORT_DIR);
    ReportSession launcherReport = context.getStore(StoreScope.LAUNCHER_SESSION, LAUNCHER_NAMESPACE)
        .get(ReportSession.class, ReportSession.class);
    if (launcherReport == null || !launcherReport.writesTo(dir)) {
      Stores.computeIfAbsent(root, ReportSession.class, k -> new ReportSession(dir), ReportSession.class);
    }
    Stores.computeIfAbsent(root, Verdicts.Registration.class,
        k -> Verdicts.configure(configuration::get), Verdicts.Registration.class);
  }

  /** Tells the run's own report (when no launcher session's covers it) which test the verdicts come from. */
  @Override
  public void beforeEach(ExtensionContext context) {
    ReportSession own = context.getRoot().getStore(NAMESPACE).get(ReportSession.class, ReportSession.class);
    if (own != null) {
      String parent = context.getParent().map(ExtensionContext::getDisplayName).orElse("");
      own.testStarted(parent.isEmpty() ? context.getDisplayName() : parent + " > " + context.getDisplayName());
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ReportSession own = context.getRoot().getStore(NAMESPACE).get(ReportSession.class, ReportSession.class);
    if (own != null) {
      own.testFinished();
    }
  }

  /** Removes the containers one image of a fleet started, when its invocation of the class ends. */
  @Override
  public void afterClassTemplateInvocation(ExtensionContext context) {
    afterAll(context);
  }

  /** Removes the containers this class started. */
  @Override
  public void afterAll(ExtensionContext context) {
    ClassContainers containers = context.getStore(NAMESPACE).get(classContainersKey(context), ClassContainers.class);
    if (containers != null) {
      containers.close();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == ContainerImage.class || type == RunningContainer.class
        || parameterContext.isAnnotated(Restricted.class) || parameterContext.isAnnotated(KeepAlive.class);
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    boolean restricted = parameterContext.isAnnotated(Restricted.class);
    Optional<KeepAlive> keepAliveHere = parameterContext.findAnnotation(KeepAlive.class);
    if (type == RunningContainer.class) {
      RuntimeProfile profile = restricted ? RuntimeProfile.RESTRICTED : RuntimeProfile.DEFAULT;
      Optional<String[]> keepAlive = keepAlive(parameterContext, extensionContext, keepAliveHere);
      if (keepAlive.isPresent()) {
        profile = profile.withKeepAlive(keepAlive.get());
      }
      return container(parameterContext, extensionContext, profile);
    }
    if (type == ContainerImage.class && !restricted && keepAliveHere.isEmpty()) {
      return image(parameterContext, extensionContext);
    }
    throw new ParameterResolutionException((restricted ? "@Restricted" : "@KeepAlive")
        + " applies to RunningContainer parameters only, but " + describe(parameterContext) + " is a "
        + type.getName());
  }

  private static ContainerImage image(ParameterContext parameterContext, ExtensionContext context) {
    Target target = target(context);
    Optional<Platform> platform = PodArmorConfiguration.from(context).platform();
    Store root = context.getRoot().getStore(NAMESPACE);
    ContainerImage byReference;
    try {
      byReference = Stores.computeIfAbsent(root,
          new StoreKeys.ImageReference(target.reference, platform.orElse(null)),
          k -> open(target.reference, platform), ContainerImage.class);
    } catch (RuntimeException e) {
      // the report shows the image and why it could not be read, with no chip
      Verdicts.record(new Verdict(target.reference, "", Property.OTHER, "", "read the image", Outcome.CANNOT_DECIDE,
          "be readable", List.of(String.valueOf(e.getMessage())), "open: " + target.source));
      throw new ParameterResolutionException("Cannot resolve " + describe(parameterContext) + ": the image under test "
          + target.reference + " (from " + target.source + ") cannot be read: " + e.getMessage(), e);
    }
    return Stores.computeIfAbsent(root, new StoreKeys.ImageDigest(byReference.digest(), byReference.platform()),
        k -> byReference, ContainerImage.class);
  }

  private static ContainerImage open(String reference, Optional<Platform> platform) {
    ContainerImage image = ImageOpener.open(reference);
    return platform.isPresent() ? image.forPlatform(platform.get()) : image;
  }

  private static RunningContainer container(ParameterContext parameterContext, ExtensionContext context,
      RuntimeProfile profile) {
    ContainerImage image = image(parameterContext, context);
    ExtensionContext classContext = ImageTargets.classContext(context);
    Store store = classContext.getStore(NAMESPACE);
    ClassContainers started = Stores.computeIfAbsent(store, classContainersKey(classContext),
        k -> new ClassContainers(), ClassContainers.class);
    return Stores.computeIfAbsent(store, new StoreKeys.Container(image.digest(), image.id(), profile),
        k -> started.add(RunningContainer.start(image, profile)), RunningContainer.class);
  }

  /** The keep-alive command: on the parameter, else its method or constructor, else the nearest test class. */
  private static Optional<String[]> keepAlive(ParameterContext parameterContext, ExtensionContext context,
      Optional<KeepAlive> onParameter) {
    Optional<KeepAlive> found = onParameter
        .or(() -> AnnotationSupport.findAnnotation(parameterContext.getDeclaringExecutable(), KeepAlive.class))
        .or(() -> ImageTargets.nearest(context, KeepAlive.class).map(f -> f.annotation));
    if (found.isPresent() && (found.get().value().length == 0 || found.get().value()[0].isBlank())) {
      throw new ParameterResolutionException("@KeepAlive needs a program and its arguments, e.g. "
          + "@KeepAlive({\"/usr/bin/cli\", \"serve\"}), for " + describe(parameterContext));
    }
    return found.map(KeepAlive::value);
  }

  /** The image a class checks: configuration first, then the nearest {@link ImageUnderTest}. */
  /** The context of a {@link PodArmorFleet} class as a whole, not one of its per-image invocations. */
  private static boolean isFleetTemplate(ExtensionContext context) {
    return context.getStore(NAMESPACE).get(FleetImages.IMAGE_KEY, String.class) == null
        && context.getTestClass().map(c -> AnnotationSupport.isAnnotated(c, ClassTemplate.class)).orElse(false);
  }

  private static Target target(ExtensionContext context) {
    String fleetImage = context.getStore(NAMESPACE).get(FleetImages.IMAGE_KEY, String.class);
    if (fleetImage != null) {
      return new Target(fleetImage, "configuration parameter " + PodArmorConfiguration.IMAGES);
    }
    PodArmorConfiguration config = PodArmorConfiguration.from(context);
    Optional<String> configured = config.image();
    if (configured.isPresent()) {
      return new Target(configured.get(), config.sourceOf(PodArmorConfiguration.IMAGE).orElseThrow());
    }
    Optional<ImageTargets.Found<ImageUnderTest>> annotated = ImageTargets.imageUnderTest(context);
    if (annotated.isPresent() && !annotated.get().annotation.value().isBlank()) {
      return new Target(annotated.get().annotation.value().strip(),
          "@ImageUnderTest on " + annotated.get().on.getName());
    }
    String testClass = ImageTargets.testClasses(context).stream().findFirst().map(Class::getName)
        .orElse("this test");
    throw new ExtensionConfigurationException("No image under test for " + testClass + ": name one with"
        + " @ImageUnderTest(\"registry/repository:tag\") on the test class, with the configuration parameter "
        + PodArmorConfiguration.IMAGE + " (e.g. -D" + PodArmorConfiguration.IMAGE + "=registry/repository:tag or in"
        + " junit-platform.properties), or with the environment variable "
        + PodArmorConfiguration.environmentVariable(PodArmorConfiguration.IMAGE) + ". A reference is looked up in the"
        + " local Docker engine; oci:<dir> names an OCI image layout and docker-archive:<file.tar> a docker save"
        + " archive");
  }

  private static String classContainersKey(ExtensionContext classContext) {
    return ClassContainers.class.getName() + ":" + classContext.getUniqueId();
  }

  /** {@code parameter [ContainerImage image] of ApiTest.test(ContainerImage)}. */
  private static String describe(ParameterContext parameterContext) {
    Parameter p = parameterContext.getParameter();
    Executable e = parameterContext.getDeclaringExecutable();
    StringBuilder params = new StringBuilder();
    for (Class<?> t : e.getParameterTypes()) {
      params.append(params.length() == 0 ? "" : ", ").append(t.getSimpleName());
    }
    String name = e instanceof java.lang.reflect.Constructor ? e.getDeclaringClass().getSimpleName() : e.getName();
    return "parameter [" + p.getType().getSimpleName() + " " + p.getName() + "] of "
        + e.getDeclaringClass().getSimpleName() + "." + name + "(" + params + ")";
  }

  /** The image reference for a class and where it was named. */
  private static final class Target {
    final String reference;
    final String source;

    Target(String reference, String source) {
      this.reference = reference;
      this.source = source;
    }
  }
}
