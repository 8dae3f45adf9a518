package io.podarmor.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {
  @Test
  void aBearerChallengeWithQuotedCommas() {
    List<AuthChallenge> challenges = AuthChallenge.parse(List.of("Bearer realm=\"https://auth.docker.io/token\","
        + "service=\"registry.docker.io\",scope=\"repository:library/alpine:pull,push\""));

    assertThat(challenges).hasSize(1);
    assertThat(challenges.get(0).isBearer()).isTrue();
    Map<String, String> expected = new java.util.LinkedHashMap<>();
    expected.put("realm", "https://auth.docker.io/token");
    expected.put("service", "registry.docker.io");
    expected.put("scope", "repository:library/alpine:pull,push");
    assertThat(challenges.get(0).params).containsExactlyEntriesOf(expected);
  }

  @Test
  void everyParameter() {
    AuthChallenge c = AuthChallenge.parse(List.of("Bearer realm=\"https://a/token\", service=reg, "
        + "scope=\"repository:a:pull\", error=\"insufficient_scope\"")).get(0);

    assertThat(c.param("realm")).isEqualTo("https://a/token");
    assertThat(c.param("service")).isEqualTo("reg");
    assertThat(c.param("scope")).isEqualTo("repository:a:pull");
    assertThat(c.param("error")).isEqualTo("insufficient_scope");
  }

  @Test
  void severalChallengesInOneHeaderOrSeveral() {
    List<AuthChallenge> one = AuthChallenge.parse(List.of("Basic realm=\"fake\", Bearer realm=\"https://t\",service=s"));
    List<AuthChallenge> two = AuthChallenge.parse(List.of("Basic realm=\"fake\"", "bearer realm=\"https://t\""));

    assertThat(one).extracting(c -> c.scheme).containsExactly("basic", "bearer");
    assertThat(one.get(1).param("service")).isEqualTo("s");
    assertThat(two).extracting(c -> c.scheme).containsExactly("basic", "bearer");
    assertThat(two.get(1).isBearer()).isTrue();
  }

  @Test
  void escapedQuotesAndASchemeWithoutParameters() {
    List<AuthChallenge> c = AuthChallenge.parse(List.of("Negotiate, Basic realm=\"say \\\"hi\\\"\""));

    assertThat(c).extracting(x -> x.scheme).containsExactly("negotiate", "basic");
    assertThat(c.get(1).param("realm")).isEqualTo("say \"hi\"");
  }
}
