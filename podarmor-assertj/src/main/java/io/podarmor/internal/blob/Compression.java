package io.podarmor.internal.blob;

import com.github.luben.zstd.ZstdInputStream;
import io.podarmor.image.ImageException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Layer compression, chosen by media type (or by magic bytes where no media type is given). */
public enum Compression {
  NONE,
  GZIP,
  ZSTD;

  /** Layer media types PodArmor reads, OCI and Docker. */
  public static Compression forLayerMediaType(String mediaType, String what) {
    if (mediaType == null) {
      throw new ImageException(what + ": the layer has no media type, expected an OCI or Docker layer media type");
    }
    switch (mediaType) {
      case MediaTypes.OCI_LAYER:
      case MediaTypes.OCI_LAYER_NONDISTRIBUTABLE:
      case MediaTypes.DOCKER_LAYER_TAR:
        return NONE;
      case MediaTypes.OCI_LAYER_GZIP:
      case MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_GZIP:
      case MediaTypes.DOCKER_LAYER_GZIP:
      case MediaTypes.DOCKER_LAYER_FOREIGN_GZIP:
        return GZIP;
      case MediaTypes.OCI_LAYER_ZSTD:
      case MediaTypes.OCI_LAYER_NONDISTRIBUTABLE_ZSTD:
      case MediaTypes.DOCKER_LAYER_ZSTD:
        return ZSTD;
      default:
        throw new ImageException(what + ": unknown layer media type '" + mediaType + "', expected an OCI or Docker "
            + "layer: " + MediaTypes.OCI_LAYER + "[+gzip|+zstd] or " + MediaTypes.DOCKER_LAYER_TAR + "[.gzip|.zstd]");
    }
  }

  /** Recognizes gzip and zstd by their magic bytes; anything else is taken as an uncompressed tar. */
  public static Compression sniff(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return GZIP;
    }
    if (length >= 4 && (head[0] & 0xff) == 0x28 && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f
        && (head[3] & 0xff) == 0xfd) {
      return ZSTD;
    }
    return NONE;
  }

  /** Wraps a compressed stream in its decompressor. */
  public InputStream decompress(InputStream in) throws IOException {
    switch (this) {
      case GZIP:
        return new GZIPInputStream(in, 65536);
      case ZSTD:
        return new BufferedInputStream(new ZstdInputStream(in), 65536);
      default:
        return in;
    }
  }
}
