package io.podarmor.internal.source;

import io.podarmor.internal.fs.LayerPass;
import io.podarmor.internal.fs.RetainedFiles;
import io.podarmor.internal.history.ApkConfig;
import io.podarmor.internal.history.AptConfig;
import io.podarmor.internal.history.AptSources;
import io.podarmor.internal.history.RpmRepos;
import io.podarmor.internal.inspect.AccountFiles;
import io.podarmor.internal.packages.PackageDatabases;
import io.podarmor.internal.packages.ShippedSboms;
import io.podarmor.internal.secrets.ContentSecrets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one pass over each layer, assembled from what the checks' packages declare: the account files, package
 * databases, apt sources and configuration, rpm repositories and shipped SBOMs they read, and the secret scan. Every source reads every layer with it.
 */
public final class LayerNeeds {
  /** The pass every layer is read with. */
  public static final LayerPass PASS = new LayerPass(retained(), List.of(ContentSecrets.SCANNER));

  private LayerNeeds() {}

  private static List<RetainedFiles> retained() {
    List<RetainedFiles> out = new ArrayList<>();
    out.add(AccountFiles.RETAINED);
    out.addAll(PackageDatabases.RETAINED);
    out.add(AptSources.RETAINED);
    out.add(AptConfig.RETAINED);
    out.add(RpmRepos.RETAINED);
    out.add(ApkConfig.RETAINED);
    out.add(ShippedSboms.RETAINED);
    return out;
  }
}
