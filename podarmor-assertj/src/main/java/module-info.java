/**
 * PodArmor's assertions on container images and the types they speak of: images and their filesystems, running
 * containers, signatures and SBOMs, and the verdicts checks reach. Only these API packages are exported; everything
 * under {@code io.podarmor.internal} is PodArmor's own and may change in any release.
 */
module io.podarmor.assertj {
  exports io.podarmor.assertj;
  exports io.podarmor.assertj.error;
  exports io.podarmor.image;
  exports io.podarmor.runtime;
  exports io.podarmor.supplychain;
  exports io.podarmor.verdict;

  requires transitive org.assertj.core;
  requires com.fasterxml.jackson.databind;
  requires com.github.dockerjava.api;
  requires com.github.dockerjava.transport;
  requires com.github.dockerjava.transport.zerodep;
  requires testcontainers;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires sigstore.java;
  // sigstore-java's own dependencies that are explicit modules, which an automatic module does not bring along
  requires com.google.gson;
  requires cyclonedx.core.java;
  requires com.networknt.schema;
  requires com.github.luben.zstd_jni;
  requires static org.xerial.sqlitejdbc;
  requires java.sql;
  requires java.net.http;
  requires org.slf4j;

  uses io.podarmor.image.ImageSourceProvider;
  uses io.podarmor.runtime.ContainerRuntimeProvider;
  uses io.podarmor.supplychain.SupplyChainProvider;

  provides io.podarmor.image.ImageSourceProvider with io.podarmor.internal.source.ImageSources;
  provides io.podarmor.runtime.ContainerRuntimeProvider with io.podarmor.internal.runtime.EngineContainers;
  provides io.podarmor.supplychain.SupplyChainProvider with io.podarmor.internal.sbom.SupplyChainServices;
}
