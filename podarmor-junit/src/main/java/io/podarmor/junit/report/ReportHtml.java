package io.podarmor.junit.report;

import io.podarmor.verdict.Outcome;
import io.podarmor.verdict.Property;
import io.podarmor.verdict.Verdict;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders the self-contained {@code report.html}: no external resource. A report of several images opens with the
 * fleet overview, images by properties, a mark only where a property was verified, sortable by any column (one inline
 * script; {@code report.html#sort=<property>} opens it sorted, verified first).
 */
final class ReportHtml {
  private static final String CSS = String.join("\n",
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#1b1b1b;background:#fafafa}",
      "h1{font-size:1.5rem;margin:0 0 .25rem}",
      ".meta{color:#666;margin-bottom:1.5rem}",
      "section.image{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1.5rem}",
      "h2{font-size:1.1rem;margin:0;word-break:break-all}",
      ".digest{font-family:ui-monospace,monospace;color:#555;font-size:.85rem;word-break:break-all}",
      ".chips{margin:.75rem 0}",
      ".chip{display:inline-block;background:#2e7d32;color:#fff;border-radius:999px;padding:.25rem .75rem;"
          + "margin:0 .4rem .4rem 0;font-size:.9rem;max-width:100%;overflow-wrap:anywhere}",
      ".nochips{color:#666;font-style:italic}",
      "table{border-collapse:collapse;width:100%;font-size:.9rem}",
      "th,td{text-align:left;border-top:1px solid #eee;padding:.4rem .5rem;vertical-align:top;overflow-wrap:anywhere}",
      ".status{font-weight:600;border-radius:4px;padding:.1rem .45rem;white-space:nowrap}",
      ".passed{background:#e8f5e9;color:#1b5e20}.failed{background:#ffebee;color:#b71c1c}",
      ".waived{background:#fff3e0;color:#e65100}.not-checked,.partial{background:#f1f1f1;color:#666}",
      ".cannot-decide{background:#fce4ec;color:#880e4f}",
      ".check{margin:.15rem 0}",
      ".test{color:#666;font-size:.8rem}",
      "pre{margin:.25rem 0 0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8rem;color:#333}",
      "code{overflow-wrap:anywhere}",
      "section.fleet{background:#fff;border:1px solid #ddd;border-radius:8px;padding:1rem 1.25rem;margin-bottom:1.5rem}",
      "table.overview th{cursor:pointer;white-space:nowrap}",
      ".verified{background:#2e7d32;color:#fff;border-radius:999px;padding:.1rem .5rem;font-size:.8rem}");

  /** Sorts the overview by a column on a header click, or by {@code #sort=<property>} when the page opens. */
  private static final String SORT_SCRIPT = String.join("\n",
      "(function(){var t=document.getElementById('overview');if(!t)return;",
      "function sortBy(i){var b=t.tBodies[0],rows=[].slice.call(b.rows);",
      "rows.sort(function(x,y){var a=x.cells[i].getAttribute('data-sort'),c=y.cells[i].getAttribute('data-sort');",
      "return a<c?-1:a>c?1:0;});rows.forEach(function(r){b.appendChild(r);});t.setAttribute('data-sorted',i);}",
      "[].forEach.call(t.tHead.rows[0].cells,function(h,i){h.addEventListener('click',function(){sortBy(i);});});",
      "var m=/sort=([a-z0-9-]+)/.exec(location.hash);if(m){[].forEach.call(t.tHead.rows[0].cells,function(h,i){",
      "if(h.getAttribute('data-property')===m[1])sortBy(i);});}})();");

  private ReportHtml() {}

  static String render(List<HardeningReport.ImageResults> images, Instant generatedAt) {
    StringBuilder h = new StringBuilder(8192);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<title>PodArmor hardening report</title><style>").append(CSS).append("</style></head><body>\n")
        .append("<h1>PodArmor hardening report</h1>\n<div class=\"meta\">Generated ")
        .append(Html.escape(generatedAt.toString())).append(" &middot; ").append(images.size())
        .append(images.size() == 1 ? " image" : " images")
        .append(" &middot; a chip is shown only for a property verified in this run</div>\n");
    if (images.isEmpty()) {
      h.append("<p class=\"nochips\">No image property was checked in this run.</p>\n");
    }
    if (images.size() > 1) {
      overview(h, images);
    }
    for (HardeningReport.ImageResults image : images) {
      h.append("<section class=\"image\">\n<h2>").append(Html.escape(String.join(", ", image.references)))
          .append("</h2>\n<div class=\"digest\">").append(Html.escape(image.digest.isEmpty() ? "not read"
              : image.digest)).append("</div>\n");
      StringBuilder chips = new StringBuilder();
      for (Property p : image.chips()) {
        if (image.status(p) == PropertyStatus.PASSED) {
          chips.append("<span class=\"chip\" data-property=\"").append(Html.escape(p.key())).append("\">")
              .append(Html.escape(p.label()));
          for (String part : image.chipParts(p)) {
            chips.append(" &middot; ").append(Html.escape(part));
          }
          chips.append("</span>");
        }
      }
      h.append("<div class=\"chips\">")
          .append(chips.length() == 0 ? "<span class=\"nochips\">No property verified</span>" : chips)
          .append("</div>\n<table><thead><tr><th>Property</th><th>Status</th><th>How it was verified</th>")
          .append("<th>Checks and evidence</th></tr></thead><tbody>\n");
      for (Property p : image.properties()) {
        PropertyStatus status = image.status(p);
        h.append("<tr data-property=\"").append(Html.escape(p.key())).append("\"><td><strong>")
            .append(Html.escape(p.label())).append("</strong><br><small>").append(Html.escape(p.meaning()))
            .append("</small></td>")
            .append("<td><span class=\"status ").append(status.json()).append("\">").append(status.json())
            .append(status == PropertyStatus.PASSED && image.waivers(p) > 0 ? ", " + image.waivers(p) + " waived" : "")
            .append("</span></td><td>")
            .append(Html.escape(status == PropertyStatus.NOT_CHECKED ? "" : image.verifiedBy(p)))
            .append("</td><td>");
        for (Verdict v : image.checks(p)) {
          String outcome = v.outcome().json();
          h.append("<div class=\"check\" data-outcome=\"").append(outcome).append("\"><code>")
              .append(Html.escape(v.assertion())).append("</code> <span class=\"status ").append(outcome)
              .append("\">");
          String test = image.test(v);
          if (v.outcome() == Outcome.WAIVED) {
            String reason = v.waiverReason().isBlank() ? "no reason given" : v.waiverReason();
            h.append("waived: ").append(Html.escape(reason)).append("</span>");
          } else {
            h.append(outcome).append("</span>");
            if (!v.evidence().isEmpty()) {
              h.append("<pre>").append(Html.escape(String.join("\n", v.evidence()))).append("</pre>");
            }
          }
          if (!test.isEmpty()) {
            h.append("<div class=\"test\">").append(Html.escape(test)).append("</div>");
          }
          h.append("</div>");
        }
        h.append("</td></tr>\n");
      }
      h.append("</tbody></table>\n</section>\n");
    }
    if (images.size() > 1) {
      h.append("<script>").append(SORT_SCRIPT).append("</script>\n");
    }
    return h.append("</body></html>\n").toString();
  }

  /**
   * The fleet overview: a row per image, a column per chip property any image checked; a cell says the property's
   * status, marked as verified only where it passed. Cells sort verified first, then partial, waived, failed, not
   * checked.
   */
  private static void overview(StringBuilder h, List<HardeningReport.ImageResults> images) {
    Set<Property> columns = new LinkedHashSet<>();
    for (HardeningReport.ImageResults image : images) {
      image.chips().stream().filter(p -> image.status(p) != PropertyStatus.NOT_CHECKED).forEach(columns::add);
    }
    h.append("<section class=\"fleet\"><h2>Fleet overview</h2>\n<table class=\"overview\" id=\"overview\">")
        .append("<thead><tr><th data-property=\"image\">Image</th>");
    for (Property p : columns) {
      h.append("<th data-property=\"").append(Html.escape(p.key())).append("\">").append(Html.escape(p.label()))
          .append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (HardeningReport.ImageResults image : images) {
      String name = String.join(", ", image.references);
      h.append("<tr data-image=\"").append(Html.escape(name)).append("\"><td data-sort=\"")
          .append(Html.escape(name)).append("\">").append(Html.escape(name)).append("</td>");
      for (Property p : columns) {
        PropertyStatus status = image.status(p);
        h.append("<td data-property=\"").append(Html.escape(p.key())).append("\" data-sort=\"")
            .append(SORT_ORDER.indexOf(status)).append("\">");
        if (status == PropertyStatus.PASSED) {
          h.append("<span class=\"verified\">verified</span>");
        } else {
          h.append("<span class=\"status ").append(status.json()).append("\">").append(status.json())
              .append("</span>");
        }
        h.append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></section>\n");
  }

  private static final List<PropertyStatus> SORT_ORDER = List.of(PropertyStatus.PASSED, PropertyStatus.PARTIAL,
      PropertyStatus.WAIVED, PropertyStatus.FAILED, PropertyStatus.NOT_CHECKED);
}
