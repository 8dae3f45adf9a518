package io.podarmor.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PodArmor's production classes, both modules, hold to {@link ArchitectureRules}. */
class ArchitectureTest {
  /** Production code only: not test classes, not the assertj module's test jar. */
  static final ImportOption PRODUCTION = (Location location) -> !location.contains("/test-classes/")
      && !location.contains("-tests.jar");

  static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter().withImportOption(PRODUCTION).importPackages("io.podarmor");
  }

  @Test
  void layers() {
    ArchitectureRules.layers().check(production);
  }

  @Test
  void no_package_cycles() {
    ArchitectureRules.noPackageCycles().check(production);
  }

  @Test
  void no_internal_type_in_a_public_signature() {
    ArchitectureRules.noInternalTypeInPublicSignatures().check(production);
  }

  @Test
  void no_static_mutable_state_outside_the_seams() {
    ArchitectureRules.noStaticMutableState().check(production);
  }

  @Test
  void of_testcontainers_only_its_docker_client() {
    ArchitectureRules.onlyTheDockerClientOfTestcontainers().check(production);
  }
}
