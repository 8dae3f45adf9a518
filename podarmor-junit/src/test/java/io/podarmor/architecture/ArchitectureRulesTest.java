package io.podarmor.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.podarmor.image.ContainerImage;
import io.podarmor.image.archfixture.LeakyApi;
import io.podarmor.internal.archfixture.a.A;
import io.podarmor.internal.archfixture.b.B;
import io.podarmor.internal.archfixture.tc.StartsTestcontainers;
import io.podarmor.internal.source.ImageFacts;
import org.junit.jupiter.api.Test;

/**
 * The rules fail where they should: a public API type that imports an internal one, exposes it, and keeps static
 * state; two packages that depend on each other. (Production code passing them is {@link ArchitectureTest}.)
 */
class ArchitectureRulesTest {
  static final JavaClasses LEAKY = new ClassFileImporter().importClasses(LeakyApi.class, ImageFacts.class,
      ContainerImage.class);

  @Test
  void an_api_type_that_uses_an_internal_one_breaks_the_layers() {
    EvaluationResult result = ArchitectureRules.layers().evaluate(LEAKY);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
        .contains("LeakyApi.facts(io.podarmor.image.ContainerImage)")
        .contains("io.podarmor.internal.source.ImageFacts"));
  }

  @Test
  void an_internal_type_in_a_public_signature_is_named() {
    EvaluationResult result = ArchitectureRules.noInternalTypeInPublicSignatures().evaluate(LEAKY);

    assertThat(result.getFailureReport().getDetails()).containsExactly(
        "io.podarmor.image.archfixture.LeakyApi.facts(io.podarmor.image.ContainerImage) exposes "
            + "io.podarmor.internal.source.ImageFacts");
  }

  @Test
  void a_modifiable_static_collection_is_state() {
    EvaluationResult result = ArchitectureRules.noStaticMutableState()
        .evaluate(new ClassFileImporter().importClasses(LeakyApi.class));

    assertThat(result.getFailureReport().getDetails()).containsExactly(
        "io.podarmor.image.archfixture.LeakyApi.SEEN holds a modifiable java.util.ArrayList");
  }

  @Test
  void two_packages_that_depend_on_each_other_are_a_cycle() {
    EvaluationResult result = ArchitectureRules.noPackageCycles()
        .evaluate(new ClassFileImporter().importClasses(A.class, B.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("Cycle detected: Slice internal.archfixture.a");
  }

  @Test
  void testcontainers_machinery_beyond_its_docker_client_is_named() {
    EvaluationResult result = ArchitectureRules.onlyTheDockerClientOfTestcontainers()
        .evaluate(new ClassFileImporter().importClasses(StartsTestcontainers.class));

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line)
        .contains("StartsTestcontainers.client()").contains("org.testcontainers.DockerClientFactory"));
  }
}
