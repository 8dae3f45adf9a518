package io.podarmor.internal.sbom;

import io.podarmor.supplychain.Sbom;
import java.util.ArrayList;
import java.util.List;

/** What the discovery routes report as they go: SBOMs (and the attestations some came from), rejections, routes. */
final class SbomCollector {
  final List<Sbom> sboms = new ArrayList<>();
  final List<SbomAttestation> attestations = new ArrayList<>();
  final List<String> rejected = new ArrayList<>();
  final List<String> routes = new ArrayList<>();

  void add(Sbom sbom) {
    sboms.add(sbom);
  }

  /** An SBOM read from the in-toto predicate of this attestation. */
  void attested(SbomAttestation attestation) {
    sboms.add(attestation.sbom());
    attestations.add(attestation);
  }

  void reject(String reason) {
    rejected.add(reason);
  }

  void route(String route) {
    routes.add(route);
  }
}
