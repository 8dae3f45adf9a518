package io.podarmor.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AptPathsTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Dir::Etc::main | apt.conf | true", "Dir::Etc::main | /etc/apt/apt.conf | true",
      "Dir::Etc::main | /etc//apt/./apt.conf | true", "Dir::Etc::main | /opt/apt.conf | false",
      "Dir::Etc::main | '' | false", "Dir::Etc::main | ./apt.conf | false",
      "Dir::Etc::sourceparts | sources.list.d/ | true", "Dir::Etc::sourceparts | /opt/sources.d | false",
      "Dir::Etc::sourcelist | ../apt/sources.list | false", "Dir::Etc | etc/apt | true", "Dir::Etc | /etc/apt/ | true",
      "Dir::Etc | '' | false", "Dir::Etc | opt/apt/ | false", "Dir | / | true", "Dir | '' | false",
      "Dir | /opt/ | false", "RootDir | '' | true", "RootDir | / | true", "RootDir | /opt | false"})
  void an_option_keeps_apts_files_in_place_exactly_when_it_resolves_to_debians_paths(String option, String value,
      boolean kept) {
    assertThat(AptPaths.isDefault(option, value)).as("%s \"%s\"", option, value).isEqualTo(kept);
  }
}
