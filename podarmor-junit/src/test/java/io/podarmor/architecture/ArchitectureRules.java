package io.podarmor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PodArmor's architecture as rules: the layers, no package cycles, no internal type in a public signature, and no
 * static mutable state but the listed seams. {@code docs/architecture.md} draws the same picture.
 */
final class ArchitectureRules {
  static final String API = "API";
  static final String FACTS = "Facts and sources";
  static final String CHECKS = "Checks";
  static final String ASSERTIONS = "Assertions";
  static final String JUNIT = "JUnit extension and report";

  /** The public API packages: what a user imports. */
  static final String[] API_PACKAGES = {"io.podarmor.image..", "io.podarmor.runtime..", "io.podarmor.supplychain..",
      "io.podarmor.verdict.."};

  /**
   * The static fields that hold state on purpose, each the one place of its kind; a new one is a design decision,
   * made here.
   */
  static final Set<String> STATIC_STATE_ALLOWED = Set.of(
      // the one global registration point: verdict listeners and settings
      "io.podarmor.verdict.Verdicts.OPEN",
      // the run-wide caches, each bounded, all released by Caches.clear()
      "io.podarmor.internal.source.Caches.CONFIGS",
      "io.podarmor.internal.source.Caches.FILESYSTEMS",
      "io.podarmor.internal.source.Caches.HISTORIES",
      "io.podarmor.internal.source.Caches.PACKAGES",
      "io.podarmor.internal.source.Caches.DISCOVERIES",
      "io.podarmor.internal.source.Caches.VERIFIED_BLOBS",
      "io.podarmor.internal.source.Caches.LAYERS",
      // how many layers this JVM indexed and images it exported: what a fleet's run reports and its tests count
      "io.podarmor.internal.source.Caches.LAYERS_INDEXED",
      "io.podarmor.internal.source.Caches.ENGINE_EXPORTS",
      // the disk cache's size per directory, counted after one walk
      "io.podarmor.internal.source.DiskCache.SIZES",
      // a lock per layer being indexed now, removed when its reading ends: parallel images read a shared base once
      "io.podarmor.internal.source.LayerIndexer.READING",
      // a fresh JVM's warm-up, once when the first image opens and once while the first export is prepared
      "io.podarmor.internal.source.WarmUp.STARTED",
      "io.podarmor.internal.source.WarmUp.WAITED",
      // trusted roots parsed per file version: a few per run
      "io.podarmor.internal.sigstore.TrustedRoot.LOADED",
      // TUF repositories refreshed in this run (each once), and the HTTP client fetching their metadata
      "io.podarmor.internal.sigstore.TufTrustedRoot.REFRESHED",
      // containers to remove at the latest when the JVM exits, and its shutdown hook
      "io.podarmor.internal.runtime.ContainerReaper.LIVE",
      "io.podarmor.internal.runtime.ContainerReaper.HOOK",
      // the engine found (or why none answered), once per JVM
      "io.podarmor.internal.docker.Docker.engine",
      // the engine client, made when a container is first run (static checks use the engine's socket)
      "io.podarmor.internal.docker.Docker.lateClient",
      // one registry client (connection pool, token cache) per JVM; the engine's userns setting, read once
      "io.podarmor.internal.registry.RegistryClient.shared",
      "io.podarmor.internal.runtime.ProcessTable.usernsRemap",
      // per-thread scratch buffers of the layer pass: no state outlives a call
      "io.podarmor.internal.fs.LayerReader.SCAN_BUFFER",
      "io.podarmor.internal.fs.LayerReader.HEAD",
      "io.podarmor.internal.fs.ProgramSniffer.BUFFER");

  private ArchitectureRules() {}

  /** API types ← internal facts and sources ← checks ← assertions ← JUnit extension and report. */
  static ArchRule layers() {
    return layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer(API).definedBy(API_PACKAGES)
        .layer(FACTS).definedBy(DescribedPredicate.describe("internal packages but the checks",
            (JavaClass c) -> c.getPackageName().startsWith("io.podarmor.internal.")
                && !c.getPackageName().startsWith("io.podarmor.internal.check")))
        .layer(CHECKS).definedBy("io.podarmor.internal.check..")
        .layer(ASSERTIONS).definedBy("io.podarmor.assertj..")
        .layer(JUNIT).definedBy("io.podarmor.junit..")
        .whereLayer(API).mayNotAccessAnyLayer()
        .whereLayer(FACTS).mayOnlyAccessLayers(API)
        .whereLayer(CHECKS).mayOnlyAccessLayers(API, FACTS)
        .whereLayer(ASSERTIONS).mayOnlyAccessLayers(API, FACTS, CHECKS)
        .whereLayer(JUNIT).mayOnlyAccessLayers(API, ASSERTIONS);
  }

  /**
   * Of Testcontainers, only the docker-java client it ships (shaded) is used: its engine discovery, reaper, checks
   * and registry-auth lookup would look for an engine their own way and pull helper images.
   */
  static ArchRule onlyTheDockerClientOfTestcontainers() {
    return noClasses().that().resideInAPackage("io.podarmor..")
        .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.testcontainers..")
            .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.testcontainers.shaded.."))))
        .because("Testcontainers' own machinery finds an engine its own way and pulls helper images");
  }

  /** Every package is a slice; no two depend on each other, directly or around a circle. */
  static ArchRule noPackageCycles() {
    return slices().matching("io.podarmor.(**)").should().beFreeOfCycles();
  }

  /** A public or protected member of a public type outside {@code internal} names no internal type. */
  static ArchRule noInternalTypeInPublicSignatures() {
    return classes().that().resideOutsideOfPackage("io.podarmor.internal..").and().arePublic()
        .should(new ArchCondition<>("expose no type of io.podarmor.internal in a public or protected signature") {
          @Override
          public void check(JavaClass type, ConditionEvents events) {
            Set<JavaType> exposed = new LinkedHashSet<>();
            if (type.getRawSuperclass().isPresent()) {
              exposed.add(type.getSuperclass().get());
            }
            exposed.addAll(type.getInterfaces());
            report(type, type.getName() + " extends or implements", exposed, events);
            for (JavaMember member : type.getMembers()) {
              if (!member.getModifiers().contains(JavaModifier.PUBLIC)
                  && !member.getModifiers().contains(JavaModifier.PROTECTED)) {
                continue;
              }
              Set<JavaType> types = new LinkedHashSet<>();
              if (member instanceof JavaField field) {
                types.add(field.getType());
              } else if (member instanceof JavaCodeUnit code) {
                types.add(code.getReturnType());
                types.addAll(code.getParameterTypes());
                types.addAll(code.getExceptionTypes());
              }
              report(type, member.getFullName(), types, events);
            }
          }

          private void report(JavaClass type, String where, Set<? extends JavaType> types, ConditionEvents events) {
            for (JavaType t : types) {
              for (JavaClass raw : t.getAllInvolvedRawTypes()) {
                if (raw.getPackageName().startsWith("io.podarmor.internal")) {
                  events.add(SimpleConditionEvent.violated(type, where + " exposes " + raw.getName()));
                }
              }
            }
          }
        });
  }

  /**
   * Static fields are constants: final, and, when they hold a collection, an unmodifiable one (read from the field:
   * {@code List.of}, {@code Set.copyOf}, {@code Collections.unmodifiable…}); thread-locals, atomics and caches only
   * in the listed seams.
   */
  static ArchRule noStaticMutableState() {
    return fields().that().areStatic().and(DescribedPredicate.describe("not listed as a seam",
            (JavaField f) -> !STATIC_STATE_ALLOWED.contains(f.getOwner().getName() + "." + f.getName())))
        .and(DescribedPredicate.describe("not compiler-made", (JavaField f) -> !f.getModifiers()
            .contains(JavaModifier.SYNTHETIC)))
        .should(new ArchCondition<>("be a constant: final, and unmodifiable when it holds a collection") {
          @Override
          public void check(JavaField field, ConditionEvents events) {
            String where = field.getFullName();
            if (!field.getModifiers().contains(JavaModifier.FINAL)) {
              events.add(SimpleConditionEvent.violated(field, where + " is not final"));
            } else if (ALWAYS_MUTABLE.stream().anyMatch(h -> field.getRawType().isAssignableTo(h))) {
              events.add(SimpleConditionEvent.violated(field, where + " holds mutable state ("
                  + field.getRawType().getSimpleName() + ")"));
            } else if (field.getRawType().isAssignableTo(Collection.class)
                || field.getRawType().isAssignableTo(Map.class)) {
              Object value = valueOf(field);
              if (value != null && !isUnmodifiable(value)) {
                events.add(SimpleConditionEvent.violated(field, where + " holds a modifiable "
                    + value.getClass().getName()));
              }
            }
          }
        });
  }

  /** Kinds of value that change whatever their declaration: never in a static field outside the seams. */
  static final List<String> ALWAYS_MUTABLE = List.of("java.lang.ThreadLocal",
      "java.util.concurrent.atomic.AtomicReference", "java.util.concurrent.atomic.AtomicLong",
      "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicBoolean",
      "io.podarmor.internal.source.BoundedCache");

  private static Object valueOf(JavaField field) {
    try {
      Field reflected = field.reflect();
      reflected.setAccessible(true);
      return reflected.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      throw new IllegalStateException("cannot read " + field.getFullName() + ": " + e, e);
    }
  }

  /** True for the JDK's unmodifiable collections and maps. */
  static boolean isUnmodifiable(Object value) {
    String type = value.getClass().getName();
    return type.startsWith("java.util.ImmutableCollections$") || type.startsWith("java.util.Collections$Unmodifiable")
        || type.startsWith("java.util.Collections$Empty") || type.startsWith("java.util.Collections$Singleton")
        || type.startsWith("java.util.KeyValueHolder");
  }
}
