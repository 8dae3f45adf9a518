package io.podarmor.internal.inspect;

import io.podarmor.internal.source.LayerNeeds;
import io.podarmor.image.ImageFilesystem;
import io.podarmor.internal.fs.FilesystemMerger;
import io.podarmor.internal.fs.LayerReader;
import io.podarmor.testing.Layer;
import io.podarmor.testing.TestImage;
import java.io.ByteArrayInputStream;

/** Merged filesystems made from real layer tars, read and merged by the real reader and merger, in memory. */
public final class Filesystems {
  private Filesystems() {}

  public static ImageFilesystem of(Layer... layers) {
    FilesystemMerger merger = new FilesystemMerger("test image", LayerNeeds.PASS);
    for (int i = 0; i < layers.length; i++) {
      byte[] tar = layers[i].toTar();
      merger.apply(LayerReader.read(new ByteArrayInputStream(tar), "layer " + (i + 1), LayerNeeds.PASS), i + 1, TestImage.sha256(tar));
    }
    return merger.build();
  }

  /** How {@code FileEntry.layerDescription()} names a layer: {@code layer 2 (sha256:0123456789ab)}. */
  public static String layer(int position, Layer layer) {
    return "layer " + position + " (" + TestImage.sha256(layer.toTar()).substring(0, 19) + ")";
  }
}
