package io.podarmor.internal.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.podarmor.image.ImageException;
import org.junit.jupiter.api.Test;

class CompressionTest {

  @Test
  void ociAndDockerLayerMediaTypes() {
    assertThat(Compression.forLayerMediaType(MediaTypes.OCI_LAYER, "l")).isEqualTo(Compression.NONE);
    assertThat(Compression.forLayerMediaType(MediaTypes.OCI_LAYER_GZIP, "l")).isEqualTo(Compression.GZIP);
    assertThat(Compression.forLayerMediaType(MediaTypes.OCI_LAYER_ZSTD, "l")).isEqualTo(Compression.ZSTD);
    assertThat(Compression.forLayerMediaType(MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_GZIP, "l"))
        .isEqualTo(Compression.GZIP);
    assertThat(Compression.forLayerMediaType(MediaTypes.DOCKER_LAYER_TAR, "l")).isEqualTo(Compression.NONE);
    assertThat(Compression.forLayerMediaType(MediaTypes.DOCKER_LAYER_GZIP, "l")).isEqualTo(Compression.GZIP);
    assertThat(Compression.forLayerMediaType(MediaTypes.DOCKER_LAYER_FOREIGN_GZIP, "l")).isEqualTo(Compression.GZIP);
    assertThat(Compression.forLayerMediaType(MediaTypes.DOCKER_LAYER_ZSTD, "l")).isEqualTo(Compression.ZSTD);
  }

  @Test
  void aMissingOrUnknownMediaTypeNamesTheLayer() {
    assertThatThrownBy(() -> Compression.forLayerMediaType(null, "layer 1 of oci:/x"))
        .isInstanceOf(ImageException.class)
        .hasMessage("layer 1 of oci:/x: the layer has no media type, expected an OCI or Docker layer media type");
    assertThatThrownBy(() -> Compression.forLayerMediaType("text/plain", "layer 2 of oci:/x"))
        .isInstanceOf(ImageException.class)
        .hasMessage("layer 2 of oci:/x: unknown layer media type 'text/plain', expected an OCI or Docker layer: "
            + "application/vnd.oci.image.layer.v1.tar[+gzip|+zstd] or "
            + "application/vnd.docker.image.rootfs.diff.tar[.gzip|.zstd]");
  }

  @Test
  void sniffsGzipAndZstdMagic() {
    assertThat(Compression.sniff(new byte[] {0x1f, (byte) 0x8b, 8, 0}, 4)).isEqualTo(Compression.GZIP);
    assertThat(Compression.sniff(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}, 4)).isEqualTo(Compression.ZSTD);
    assertThat(Compression.sniff(new byte[] {'u', 's', 'r', '/'}, 4)).isEqualTo(Compression.NONE);
    assertThat(Compression.sniff(new byte[] {0x1f}, 1)).isEqualTo(Compression.NONE);
  }
}
