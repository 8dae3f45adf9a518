package io.podarmor.adversary;

import static io.podarmor.adversary.Corpus.archive;
import static io.podarmor.adversary.Corpus.archiveWithConfig;
import static io.podarmor.adversary.Corpus.busybox;
import static io.podarmor.adversary.Corpus.cannotDecide;
import static io.podarmor.adversary.Corpus.fails;
import static io.podarmor.adversary.Corpus.holds;
import static io.podarmor.adversary.Corpus.layout;
import static io.podarmor.adversary.Corpus.passes;
import static io.podarmor.adversary.Corpus.passwd;
import static io.podarmor.adversary.Corpus.rejected;
import static io.podarmor.adversary.Corpus.user;
import static io.podarmor.adversary.Corpus.verdicts;
import static org.assertj.core.api.Assertions.assertThat;

import io.podarmor.image.ContainerImage;
import io.podarmor.testing.Binaries;
import io.podarmor.testing.Elfs;
import io.podarmor.testing.RawImage;
import io.podarmor.testing.RawTar;
import io.podarmor.testing.TestImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The adversarial corpus: crafted inputs of a few KB (a few MB where a program must be real), each with the answer
 * PodArmor promises. Every class of attack the adversary issue names has its cases here; a new attack is one more
 * {@code add}. Where a case's answer is what the engine does, the engine was asked (see the comments, and
 * {@code EngineOracleTest} for the cases it can run).
 */
final class AdversarialCorpus {
  private static final String BB_SHELL = "content identifies busybox";

  private AdversarialCorpus() {}

  static List<Corpus.Case> cases() {
    Corpus.Cases c = new Corpus.Cases();
    users(c.kind("users and passwd"));
    config(c.kind("config JSON"));
    programs(c.kind("program identification"));
    suid(c.kind("SUID through whiteouts, opaque directories and hard links"));
    paths(c.kind("path escapes"));
    symlinks(c.kind("symlink loops and amplification"));
    digests(c.kind("digest and diff ID mismatches"));
    compression(c.kind("truncated and bomb compression"));
    tarHeaders(c.kind("tar header abuse"));
    indexes(c.kind("index fan-out"));
    archives(c.kind("archive abuse"));
    retention(c.kind("retention budgets"));
    amplification(c.kind("parsing amplification"));
    return c.all;
  }

  // ---------------------------------------------------------------------------------------------------------------

  private static void users(Corpus.Cases c) {
    c.add("a name-only line before the real one is root (runc reads its missing uid as 0)",
        archive(user("app"), passwd("app\napp:x:65532:65532::/:/sbin/nologin\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "uid 0 (app in /etc/passwd, line 1 has no uid field")));
    c.add("uid 4294967296 is root: the engine keeps its low 32 bits",
        archive(user("app"), passwd("app:x:4294967296:0::/:/sbin/nologin\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "low 32 bits of 4294967296, which are 0")));
    c.add("uid 4294967297 cannot be decided",
        archive(user("app"), passwd("app:x:4294967297:0::/:/sbin/nologin\n")),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(),
            "uid 4294967297 (app in /etc/passwd) is out of range 0-2147483647; the engine would pass it on as 1")));
    c.add("a uid field with a space is not a number: root",
        archive(user("app"), passwd("app:x: 65532:65532::/:/sbin/nologin\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "uid field \" 65532\" is not a number")));
    c.add("User +0 is uid 0", archive(user("+0"), passwd("root:x:0:0::/root:/bin/sh\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "User \"+0\": uid 0")));
    c.add("User 0000 is uid 0", archive(user("0000"), passwd("app:x:65532:65532::/:/sbin/nologin\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "User \"0000\": uid 0")));
    c.add("a uid below the 64-bit range is clamped, and its low 32 bits are 0",
        archive(user("app"), passwd("app:x:-9999999999999999999:0::/:/sbin/nologin\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "which are 0")));
    c.add("a line padded with spaces is trimmed and matches first",
        archive(user("app"), passwd("   app:x:0:0::/:/bin/sh   \napp:x:65532:65532::/:/sbin/nologin\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "User \"app\": uid 0 (app in /etc/passwd)")));
    c.add("a no-break space is white space to Go's trim",
        archive(user("app"), passwd("\u00a0app:x:0:0::/:/bin/sh\napp:x:65532:65532::/:/sbin/nologin\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "User \"app\": uid 0 (app in /etc/passwd)")));
    c.add("a comment is a record: root's gid comes from it",
        archive("", passwd("#c:x:foo:5\nroot:x:0:0:root:/root:/bin/sh\n")),
        verdicts(passes("runsAsGid(5)", a -> a.runsAsGid(5)),
            fails("runsAsGid(0)", a -> a.runsAsGid(0), "User not set: uid 0 (root), gid 5 (primary group in /etc/passwd)")));
    c.add("a line longer than 64 KiB: the engine cannot read /etc/passwd",
        archive(user("app"), passwd("#" + "x".repeat(70_000) + "\napp:x:65532:65532::/:/sbin/nologin\n")),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(),
            "the engine cannot read /etc/passwd: line 1 is longer than 65534 bytes")));
    c.add("/etc/passwd behind 45 symlinks: followed (the engine's lookup allows 255), its target's content not kept",
        archive(user("app"), symlinkChain("etc/passwd", 45, "app:x:65532:65532::/:/sbin/nologin\n")),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(),
            "the content of /chain/l45 was not retained")));
    c.add("a group part out of range", archive(user("app:4294967296"), passwd("app:x:65532:65532::/:/x\n")),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(), "gid 4294967296 is out of range")));
    c.add("a third part of User is ignored, as runc ignores it", archive(user("65532:65532:0"), passwd("")),
        verdicts(passes("runsAsUid(65532)", a -> a.runsAsUid(65532)),
            passes("runsAsGid(65532)", a -> a.runsAsGid(65532))));
    c.add("the first of two lines with the name wins, even when its uid is malformed",
        archive(user("app"), passwd("app:x:abc:1\napp:x:65532:65532::/:/sbin/nologin\n")),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "uid field \"abc\" is not a number")));
    c.add("an /etc/passwd that is a directory: the engine cannot read it",
        archive(user("app"), RawTar.create().dir("etc/passwd", 0755).end()),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(), "/etc/passwd is not a regular file")));
    c.add("a comment in /etc/group is skipped, as runc's group parser skips it",
        archive(user("65532:#staff"), RawTar.create().dir("etc", 0755).file("etc/group", "#staff:x:0:\n", 0644)
            .end()),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(), "no group #staff in /etc/group")));
    c.add("User names a group missing from /etc/group",
        archive(user("65532:ghosts"), passwd("app:x:65532:65532::/:/x\n")),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(), "no group ghosts in /etc/group")));
  }

  private static void config(Corpus.Cases c) {
    byte[] etc = passwd("app:x:65532:65532::/:/sbin/nologin\n");
    c.add("User and user: Go's decoder takes the last, which PodArmor refuses to guess",
        archive("\"User\":\"65532\",\"user\":\"0\"", etc), rejected("has both \"User\" and \"user\" in config"));
    c.add("config and Config at the top level",
        archiveWithConfig("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"65532\"},"
            + "\"Config\":{\"User\":\"0\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":DIFF_IDS}}", etc),
        rejected("has both \"config\" and \"Config\" in its top level"));
    c.add("a key with a long s (uſer) is User to Go", archive("\"u\u017fer\":\"0\"", etc),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "User \"0\": uid 0")));
    c.add("a lower-case user alone is the User field", archive("\"user\":\"0\"", etc),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "User \"0\": uid 0")));
    c.add("User as a number: the engine refuses the config", archive("\"User\":65532", etc),
        rejected("config.User is a number, expected a string"));
    // a probe's program must be in the image, found as runc's exec.LookPath finds it (EngineOracleTest compares
    // these verdicts with the engine's health log)
    byte[] exit0 = Elfs.exit0();
    byte[] probe = RawTar.create().file("x", exit0, 0755).dir("bin", 0755).file("bin/sh", exit0, 0755).end();
    c.add("healthcheck in lower case is the Healthcheck field",
        archive("\"healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc, probe),
        verdicts(passes("hasHealthcheck", a -> a.hasHealthcheck())));
    c.add("a Healthcheck whose test, in lower case, is NONE", archive("\"Healthcheck\":{\"test\":[\"NONE\"]}", etc),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "HEALTHCHECK NONE")));
    // the engine probes only a test whose first word is exactly CMD or CMD-SHELL (daemon/health.go getProbe); any
    // other first word is logged and the container gets no health status at all
    c.add("a Healthcheck test of type cmd (lower case): the engine runs no probe",
        archive("\"Healthcheck\":{\"Test\":[\"cmd\",\"/x\"]}", etc),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(),
            "HEALTHCHECK cmd /x: the engine runs no probe for a test of type \"cmd\" (only CMD and CMD-SHELL)")));
    c.add("a Healthcheck test that is only a command: the engine runs no probe",
        archive("\"Healthcheck\":{\"Test\":[\"/usr/bin/app\",\"health\"]}", etc),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(),
            "the engine runs no probe for a test of type \"/usr/bin/app\" (only CMD and CMD-SHELL)")));
    c.add("a Healthcheck test of type CMD-SHELL is probed",
        archive("\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"exit 0\"]}", etc, probe),
        verdicts(passes("hasHealthcheck", a -> a.hasHealthcheck())));
    String never = ", so the engine's probe cannot run it and never succeeds";
    c.add("a HEALTHCHECK of CMD and an empty program name",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"\"]}", etc, probe),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "the empty program name \"\" is not an executable "
            + "file in the image (looked up in PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)"
            + never)));
    c.add("a HEALTHCHECK CMD-SHELL in an image with no shell",
        archive("\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"exit 0\"]}", etc),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "HEALTHCHECK CMD-SHELL exit 0: the engine runs it "
            + "with /bin/sh -c, and /bin/sh is not an executable file in the image" + never)));
    c.add("a HEALTHCHECK program that is a dangling symlink",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc, RawTar.create().symlink("x", "/gone").end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is not an executable file in the image"
            + never)));
    c.add("a HEALTHCHECK program behind a symlink loop",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc,
            RawTar.create().symlink("x", "y").symlink("y", "x").end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is not an executable file in the image"
            + never)));
    c.add("a HEALTHCHECK program that is a directory with execute bits",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc, RawTar.create().dir("x", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is not an executable file in the image"
            + never)));
    c.add("a HEALTHCHECK program a mode of 0644 leaves unexecutable",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc, RawTar.create().file("x", "app", 0644).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is not an executable file in the image"
            + never)));
    c.add("a HEALTHCHECK program found first through an empty PATH entry",
        archive("\"Env\":[\"PATH=:/bin\"],\"WorkingDir\":\"/bin\",\"Healthcheck\":{\"Test\":[\"CMD\",\"sh\"]}",
            etc, probe),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "sh is found through the relative PATH entry \"\" "
            + "first (PATH=:/bin), and runc refuses to run a program found relative to the working directory"
            + never)));
    c.add("a HEALTHCHECK program found through a PATH the config sets",
        archive("\"Env\":[\"PATH=/nowhere:/bin\"],\"Healthcheck\":{\"Test\":[\"CMD\",\"sh\",\"-c\",\"exit 0\"]}",
            etc, probe),
        verdicts(passes("hasHealthcheck", a -> a.hasHealthcheck())));
    c.add("a HEALTHCHECK program on the engine's default PATH but not on the PATH the config sets",
        archive("\"Env\":[\"PATH=/usr/bin\"],\"Healthcheck\":{\"Test\":[\"CMD\",\"sh\"]}", etc, probe),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "sh is not an executable file in the image (looked "
            + "up in PATH=/usr/bin)" + never)));
    // a script's #! interpreter is run by the kernel: missing, it makes exec fail ("no such file or directory")
    c.add("a HEALTHCHECK script for a shell the image lacks",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/check\"]}", etc,
            RawTar.create().file("check", "#!/bin/sh\nexit 0\n", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/check is a script for /bin/sh, which is not an "
            + "executable file in the image" + never)));
    c.add("a HEALTHCHECK script for a script for a shell the image lacks",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/check\"]}", etc,
            RawTar.create().file("check", "#!/run\n", 0755).file("run", "#! /bin/ash -e\n", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/check is a script for /run, which is a script "
            + "for /bin/ash, which is not an executable file in the image" + never)));
    c.add("a HEALTHCHECK script for itself",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/check\"]}", etc,
            RawTar.create().file("check", "#!/check\n", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/check is a script for itself, which the kernel "
            + "runs as its own interpreter until it gives up" + never)));
    c.add("a HEALTHCHECK script for a relative interpreter, found from the working directory",
        archive("\"WorkingDir\":\"/bin\",\"Healthcheck\":{\"Test\":[\"CMD\",\"/check\"]}", etc, probe,
            RawTar.create().file("check", "#!sh\n", 0755).end()),
        verdicts(passes("hasHealthcheck", a -> a.hasHealthcheck())));
    c.add("a HEALTHCHECK script whose #! line names no interpreter",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/check\"]}", etc, probe,
            RawTar.create().file("check", "#!   \nexit 0\n", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/check starts with a #! line that names no "
            + "interpreter the kernel can read in its first 256 bytes" + never)));
    // the engine does not carry an image's Shell into a container's config (daemon/commit.go merge), so the probe
    // runs /bin/sh -c whatever SHELL says: this oracle found it when an earlier reading followed Shell
    c.add("a Shell of /bin/bash that the image lacks: the probe runs /bin/sh, which it has",
        archive("\"Shell\":[\"/bin/bash\",\"-c\"],\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"exit 0\"]}", etc,
            probe),
        verdicts(passes("hasHealthcheck", a -> a.hasHealthcheck())));
    c.add("a Shell of /x that the image has: the probe runs /bin/sh, which it lacks",
        archive("\"Shell\":[\"/x\",\"-c\"],\"Healthcheck\":{\"Test\":[\"CMD-SHELL\",\"exit 0\"]}", etc,
            RawTar.create().file("x", "app", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "the engine runs it with /bin/sh -c, and /bin/sh is "
            + "not an executable file in the image" + never)));
    // (probing it, dockerd 20.10.24 panics: "slice bounds out of range" in getEntrypointAndArgs, and the engine dies)
    // the file the kernel runs in the end must be ELF for the image's architecture: execve fails otherwise
    c.add("a HEALTHCHECK program that is a text file with an execute bit and no #! line",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc,
            RawTar.create().file("x", "curl -f http://localhost/\n", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is neither an ELF binary nor a #! script: the "
            + "kernel refuses to run it (exec format error)" + never)));
    c.add("a HEALTHCHECK program that is an empty file with an execute bit",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc, RawTar.create().file("x", "", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is neither an ELF binary nor a #! script"
            + ": the kernel refuses to run it (exec format error)" + never)));
    c.add("a HEALTHCHECK program that is an arm64 binary in an amd64 image",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc,
            RawTar.create().file("x", Elfs.program(183, true, true), 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is an ELF binary for arm64 in an image for "
            + "amd64: the kernel refuses to run it (exec format error) unless the host runs arm64 binaries too" + never)));
    c.add("a HEALTHCHECK program that is an ELF binary for a machine with no platform name",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc,
            RawTar.create().file("x", Elfs.program(0x9026, true, true), 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is an ELF binary for ELF machine 36902 (64-bit, "
            + "little-endian) in an image for amd64: the kernel refuses to run it (exec format error) unless the host "
            + "runs ELF machine 36902 (64-bit, little-endian) binaries too" + never)));
    c.add("a HEALTHCHECK program that is an x86-64 binary with a big-endian header",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc,
            RawTar.create().file("x", Elfs.program(62, true, false), 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is an ELF binary for ELF machine 62 (64-bit, "
            + "big-endian) in an image for amd64: the kernel refuses to run it (exec format error) unless the host "
            + "runs ELF machine 62 (64-bit, big-endian) binaries too" + never)));
    c.add("a HEALTHCHECK script whose interpreter is a text file",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/check\"]}", etc,
            RawTar.create().file("check", "#!/bin/sh\nexit 0\n", 0755).dir("bin", 0755)
                .file("bin/sh", "echo a shell\n", 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/check is a script for /bin/sh, which is neither an "
            + "ELF binary nor a #! script: the kernel refuses to run it (exec format error)" + never)));
    // a host kernel may run 386 binaries in an amd64 image (IA32 emulation), the engine here does not: it depends on
    // the host, which a static check cannot see
    c.add("a HEALTHCHECK program that is a 386 binary in an amd64 image",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]}", etc,
            RawTar.create().file("x", Elfs.program(3, false, true), 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is an ELF binary for 386 in an image for amd64: "
            + "the kernel refuses to run it (exec format error) unless the host runs 386 binaries too" + never)));
    // the probe runs as the container's user, without the capabilities root has: it must be allowed to search the
    // program's directories and execute it, by the class of mode bits it falls in
    String hc = "\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"]},";
    c.add("a HEALTHCHECK program only root may execute, for User 65532",
        archive(hc + user("65532"), etc, RawTar.create().header(owned("x", exit0.length, 0700, 0, 0)).data(exit0).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is not executable by the probe's user, uid "
            + "65532 gid 65532 (-rwx------ 0:0)" + never)));
    c.add("a HEALTHCHECK program its group may execute, for a user of that primary group",
        archive(hc + user("65532"), etc,
            RawTar.create().header(owned("x", exit0.length, 0750, 0, 65532)).data(exit0).end()),
        verdicts(passes("hasHealthcheck", a -> a.hasHealthcheck())));
    byte[] tools = RawTar.create().dir("etc", 0755).file("etc/passwd", "app:x:65532:65532::/:/sbin/nologin\n", 0644)
        .file("etc/group", "root:x:0:\ntools:x:1000:daemon,app\n", 0644).end();
    c.add("a HEALTHCHECK program its group may execute, for a user /etc/group lists in that group",
        archive(hc + user("app"), tools,
            RawTar.create().header(owned("x", exit0.length, 0750, 0, 1000)).data(exit0).end()),
        verdicts(passes("hasHealthcheck", a -> a.hasHealthcheck())));
    c.add("a HEALTHCHECK program its group may execute, for a User whose explicit group drops the listed ones",
        archive(hc + user("app:65532"), tools,
            RawTar.create().header(owned("x", exit0.length, 0750, 0, 1000)).data(exit0).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is not executable by the probe's user, uid "
            + "65532 gid 65532 (-rwxr-x--- 0:1000)" + never)));
    c.add("a HEALTHCHECK program its owner may not execute, though others may",
        archive(hc + user("65532"), etc,
            RawTar.create().header(owned("x", exit0.length, 0075, 65532, 65532)).data(exit0).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/x is not executable by the probe's user, uid "
            + "65532 gid 65532 (----rwxr-x 65532:65532)" + never)));
    c.add("a HEALTHCHECK program in a directory the user may not search",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/opt/x\"]}," + user("65532"), etc,
            RawTar.create().header(owned("opt/", 0, 0700, 0, 0).type('5')).file("opt/x", exit0, 0755).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/opt/x lies in /opt, which the probe's user, uid "
            + "65532 gid 65532, may not search (drwx------ 0:0)" + never)));
    c.add("a HEALTHCHECK program only its owner may execute, for root",
        archive(hc + user("0"), etc,
            RawTar.create().header(owned("x", exit0.length, 0100, 1000, 1000)).data(exit0).end()),
        verdicts(passes("hasHealthcheck", a -> a.hasHealthcheck())));
    c.add("a HEALTHCHECK script for a shell only root may execute, for User 65532",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/check\"]}," + user("65532"), etc,
            RawTar.create().file("check", "#!/bin/sh\nexit 0\n", 0755).dir("bin", 0755)
                .header(owned("bin/sh", exit0.length, 0700, 0, 0)).data(exit0).end()),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "/check is a script for /bin/sh, which is not "
            + "executable by the probe's user, uid 65532 gid 65532 (-rwx------ 0:0)" + never)));
    c.add("a Healthcheck test of CMD alone: a probe with nothing to run never succeeds",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\"]}", etc),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(),
            "HEALTHCHECK CMD with no command: the engine's probe has nothing to run and never succeeds")));
    c.add("Test and test in one Healthcheck",
        archive("\"Healthcheck\":{\"Test\":[\"CMD\",\"/x\"],\"test\":[\"NONE\"]}", etc),
        rejected("has both \"Test\" and \"test\" in config.Healthcheck"));
    c.add("Cmd as one string, as docker's StrSlice takes it", archive("\"Cmd\":\"/app\"", etc),
        verdicts(holds("cmd", image -> assertThat(image.config().cmd()).containsExactly("/app"))));
    c.add("an Env entry that is a number: the engine refuses the config", archive("\"Env\":[\"A=1\",5]", etc),
        rejected("config.Env[1] is a number, expected a string"));
    c.add("diff_ids and Diff_Ids in rootfs",
        archiveWithConfig("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\","
            + "\"diff_ids\":DIFF_IDS,\"Diff_Ids\":[]}}", etc),
        rejected("has both \"diff_ids\" and \"Diff_Ids\" in rootfs"));
    c.add("config null: no User, so root",
        archiveWithConfig("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":null,"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":DIFF_IDS}}", etc),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "User not set: uid 0 (root)")));
    c.add("a key given twice in one object: Go reads both, a tree would see the last",
        archive("\"User\":65532,\"User\":\"65532\"", etc),
        rejected("has the key \"User\" twice in one object"));
    c.add("a history entry that is not an object: the engine refuses the config",
        archiveWithConfig("{\"architecture\":\"amd64\",\"os\":\"linux\",\"history\":[\"RUN x\"],"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":DIFF_IDS}}", etc),
        rejected("history[0] is a string, expected an object"));
    c.add("a config that is not a JSON object", archiveWithConfig("[1,2,3]", etc),
        rejected("is not a JSON object: not an image config"));
  }

  /** A header with this owner, mode and size (a directory's name ends with {@code /}). */
  private static RawTar.Header owned(String name, long size, int mode, long uid, long gid) {
    return RawTar.header(name).mode(mode).owner(uid, gid).size(size);
  }

  private static void programs(Corpus.Cases c) {
    byte[] bb = busybox();
    c.add("an executable busybox at /var/lib/dpkg/status, whose content is kept for the package check",
        archive("", RawTar.create().file("var/lib/dpkg/status", bb, 0755).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/var/lib/dpkg/status (" + BB_SHELL + ")")));
    c.add("an executable busybox among the image's SBOM files",
        archive("", RawTar.create().file("usr/share/sbom/app.spdx.json", bb, 0755).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/usr/share/sbom/app.spdx.json (" + BB_SHELL + ")")));
    c.add("a busybox padded past 32 MiB",
        dir -> ContainerImage.fromOciLayout(RawImage.ofFiles(RawImage.config(""), padded(dir, bb, 33 << 20))
            .writeOciLayout(dir.resolve("layout"))),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/usr/bin/tool (" + BB_SHELL + ")")));
    c.add("a busybox written 0644 and made executable by a hard link header of the same layer",
        archive("", RawTar.create().file("opt/data", bb, 0644).hardlink("opt/run", "opt/data", 0755).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/opt/data (" + BB_SHELL + ")")));
    c.add("a busybox named with invalid UTF-8 beside a harmless file whose name differs in that byte",
        archive("", RawTar.create()
            .header(RawTar.header(bytes("usr/bin/\u0000", 0xff)).mode(0755).size(bb.length)).data(bb)
            .header(RawTar.header(bytes("usr/bin/\u0000", 0xfe)).mode(0755).size(2)).data("hi".getBytes())
            .end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/usr/bin/\udcff (" + BB_SHELL + ")")));
    c.add("a regular file named bin/sh/ (type 0, trailing slash) is a file to the engine",
        archive("", RawTar.create().dir("bin", 0755).file("bin/sh/", bb, 0755).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/bin/sh (by name, " + BB_SHELL + ")")));
    // the usual shells of distributions, renamed: Debian's /bin/sh (dash), zsh, the MirBSD Korn shell, tcsh, the
    // AT&T Korn shell, yash, posh, the static sash, fish and rc
    for (Path shell : List.of(Binaries.dash(), Binaries.zsh(), Binaries.mksh(), Binaries.tcsh(), Binaries.ksh93(),
        Binaries.yash(), Binaries.posh(), Binaries.sash(), Binaries.fish(), Binaries.rc())) {
      String name = shell.getFileName().toString().replace(".byron", "");
      c.add("Debian's " + name + " renamed /usr/lib/app/helper",
          archive("", RawTar.create().file("usr/lib/app/helper", Corpus.read(shell), 0755).end()),
          verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/usr/lib/app/helper (content identifies " + name + ")")));
    }
    // package managers renamed and moved off the PATH: Debian's rpm and pacman
    for (Path manager : List.of(Binaries.rpm(), Binaries.pacman())) {
      String name = manager.getFileName().toString();
      c.add("Debian's " + name + " renamed /opt/tools/helper",
          archive("", RawTar.create().file("opt/tools/helper", Corpus.read(manager), 0755).end()),
          verdicts(fails("hasNoPackageManager", a -> a.hasNoPackageManager(), "content identifies " + name)));
    }
    c.add("a script is not a shell",
        archive("", RawTar.create().file("usr/local/bin/run", "#!/bin/sh\necho BusyBox v1.36\n", 0755).end()),
        verdicts(passes("hasNoShell", a -> a.hasNoShell())));
  }

  private static void suid(Corpus.Cases c) {
    c.add("a hard link header with 04755 makes the file setuid, under both names",
        archive("", RawTar.create().file("usr/bin/tool", "t", 0755).hardlink("usr/bin/tool2", "usr/bin/tool", 04755)
            .end()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "-rwsr-xr-x 0:0 /usr/bin/tool from layer 1")));
    c.add("a hard link to a lower layer's file: the engine refuses the layer",
        archive("", RawTar.create().file("usr/bin/su", "su", 04755).end(),
            RawTar.create().hardlink("usr/local/bin/su", "usr/bin/su", 04755).end()),
        rejected("is a hard link to /usr/bin/su, which this layer does not have"));
    c.add("an opaque marker on a layer's root hides nothing (overlay ignores it)",
        archive("", RawTar.create().file("usr/bin/passwd", "p", 04755).end(),
            RawTar.create().file(".wh..wh..opq", "", 0644).end()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "/usr/bin/passwd")));
    c.add("a '.' entry of type file does not wipe the lower layers (the engine skips it)",
        archive("", RawTar.create().file("usr/bin/passwd", "p", 04755).end(),
            RawTar.create().file(".", "x", 0644).end()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "/usr/bin/passwd")));
    c.add("a character device 0/0 hides the lower file, as overlay's whiteout does",
        archive("", RawTar.create().file("usr/bin/passwd", "p", 04755).end(),
            RawTar.create().header(RawTar.header("usr/bin/passwd").type('3').mode(0)).end()),
        verdicts(passes("hasNoSuidFiles", a -> a.hasNoSuidFiles())));
    c.add("a whiteout then the file again, in one layer: the file stays",
        archive("", RawTar.create().file("usr/bin/passwd", "p", 0755).end(),
            RawTar.create().file("usr/bin/.wh.passwd", "", 0644).file("usr/bin/passwd", "p", 04755).end()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "/usr/bin/passwd from layer 2")));
    c.add("the file then its whiteout, in one layer: the engine's mknod fails",
        archive("", RawTar.create().file("usr/bin/passwd", "p", 04755).file("usr/bin/.wh.passwd", "", 0644).end()),
        rejected("is a whiteout of /usr/bin/passwd, which this layer already has"));
    c.add("a path named twice in one layer: the engine's layer store refuses it",
        archive("", RawTar.create().dir("opt/a", 0755).file("opt/a/suid", "s", 04755).file("opt/a", "f", 0644)
            .end()),
        rejected("the engine refuses such a layer (\"duplicates of file paths not supported\")"));
    c.add("a file replacing a directory through another spelling of its path removes what was below it",
        archive("", RawTar.create().dir("opt/a", 0755).file("opt/a/suid", "s", 04755).file("/opt/a", "f", 0644)
            .end()),
        verdicts(passes("hasNoSuidFiles", a -> a.hasNoSuidFiles())));
    c.add("an allowed path that is a symlink to another setuid file allows nothing",
        archive("", RawTar.create().file("usr/bin/evil", "e", 04755).symlink("usr/bin/ok", "evil").end()),
        verdicts(fails("hasNoSuidFilesExcept(/usr/bin/ok)", a -> a.hasNoSuidFilesExcept("/usr/bin/ok"),
            "-rwsr-xr-x 0:0 /usr/bin/evil")));
    c.add("an allowed path through a directory symlink allows the file there",
        archive("", RawTar.create().file("usr/bin/su", "s", 04755).symlink("bin", "usr/bin").end()),
        verdicts(passes("hasNoSuidFilesExcept(/bin/su)", a -> a.hasNoSuidFilesExcept("/bin/su"))));
    c.add("a setuid bit cleared by a later entry of the same layer, spelled /usr/bin/tool",
        archive("", RawTar.create().file("usr/bin/tool", "t", 04755).file("/usr/bin/tool", "t", 0755).end()),
        verdicts(passes("hasNoSuidFiles", a -> a.hasNoSuidFiles())));
    c.add("a mode written in base-256 keeps its setuid bit",
        archive("", RawTar.create().header(RawTar.header("usr/bin/tool").size(1)
            .modeField(new byte[] {(byte) 0x80, 0, 0, 0, 0, 0, 0x09, (byte) 0xed})).data("t".getBytes()).end()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "-rwsr-xr-x 0:0 /usr/bin/tool")));
  }

  private static void paths(Corpus.Cases c) {
    c.add("../../etc/passwd lands on /etc/passwd, as in the engine's chroot",
        archive(user("app"), RawTar.create().dir("../../etc", 0755)
            .file("../../etc/passwd", "app:x:0:0::/:/bin/sh\n", 0644).end()),
        verdicts(fails("runsAsNonRoot", a -> a.runsAsNonRoot(), "User \"app\": uid 0 (app in /etc/passwd)")));
    c.add("/../x lands on /x", archive("", RawTar.create().file("/../x", "x", 0644).end()),
        verdicts(passes("hasFile(/x)", a -> a.hasFile("/x"))));
    c.add("a hard link whose target climbs above the root links to the file at the root",
        archive("", RawTar.create().file("bb", "b", 04755).hardlink("opt/bb", "../../bb", 04755).end()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "/opt/bb (hard link to /bb)")));
    c.add("a path longer than PATH_MAX: the kernel cannot create it",
        archive("", RawTar.create().pax('x', "path", "a/".repeat(2100) + "f").file("ignored", "x", 0644).end()),
        rejected("has a path longer than 4095 bytes"));
    c.add("a file name longer than NAME_MAX",
        archive("", RawTar.create().pax('x', "path", "n".repeat(300)).file("ignored", "x", 0644).end()),
        rejected("has a file name longer than 255 bytes"));
    c.add("a whiteout of '..'", archive("", RawTar.create().file("opt/.wh...", "", 0644).end()),
        rejected("is a whiteout of /"));
    c.add("a file written through the layer's own symlink, which the engine follows",
        archive(user("app"), RawTar.create().dir("etc", 0755).file("etc/passwd", "app:x:65532:65532::/:/x\n", 0644)
            .symlink("x", "/etc").file("x/passwd", "app:x:0:0::/:/bin/sh\n", 0644).end()),
        rejected("would be written through /x, a symlink this layer made (-> /etc)"));
    c.add("an entry below a file of the same layer: the engine cannot create it",
        archive("", RawTar.create().file("opt/a", "f", 0644).file("opt/a/b", "x", 0644).end()),
        rejected("lies below /opt/a, which this layer made a file"));
  }

  private static void symlinks(Corpus.Cases c) {
    c.add("a symlink loop: lookups through it fail, the shell check still answers",
        archive("", RawTar.create().dir("bin", 0755).symlink("bin/sh", "sh2").symlink("bin/sh2", "sh").end()),
        verdicts(passes("hasNoShell", a -> a.hasNoShell()),
            fails("hasFile(/bin/sh)", a -> a.hasFile("/bin/sh"), "symlink loop")));
    c.add("amplification: 20,000 links into a chain of 39 links whose targets are 4,000 bytes each",
        archive("", amplification(20_000, 39, 2_000)),
        verdicts(passes("hasNoShell", a -> a.hasNoShell()), passes("hasNoPackageManager",
            a -> a.hasNoPackageManager())));
    c.add("a symlink target longer than 4095 bytes: the kernel cannot create it",
        archive("", RawTar.create().pax('x', "linkpath", "x".repeat(5000)).symlink("l", "y").end()),
        rejected("is a symlink whose target is longer than 4095 bytes"));
    c.add("41 symlinks in a row: past the kernel's 40",
        archive("", linkChain(41)), verdicts(fails("hasFile(/l0)", a -> a.hasFile("/l0"), "symlink loop")));
    c.add("40 symlinks in a row resolve", archive("", linkChain(40)),
        verdicts(passes("hasFile(/l0)", a -> a.hasFile("/l0"))));
  }

  private static void digests(Corpus.Cases c) {
    byte[] genuine = RawTar.create().file("usr/bin/tool", "t", 0755).end();
    byte[] swapped = RawTar.create().file("usr/bin/tool", "t", 04755).end();
    String config = RawImage.config("");
    c.add("a layout whose layer was swapped, read after the genuine one with the same config", dir -> {
      Path good = RawImage.of(config, genuine).writeOciLayout(dir.resolve("good"));
      ContainerImage.fromOciLayout(good).filesystem();
      Path bad = RawImage.of(config, genuine).writeOciLayout(dir.resolve("bad"));
      LayoutFiles.swapLayer(bad, genuine, swapped);
      return ContainerImage.fromOciLayout(bad);
    }, rejected("the config gives diff ID " + TestImage.sha256(genuine)));
    c.add("a layout blob changed in place, read after the genuine one", dir -> {
      Path good = RawImage.of(config, genuine).writeOciLayout(dir.resolve("good"));
      ContainerImage.fromOciLayout(good).filesystem();
      Path bad = RawImage.of(config, genuine).writeOciLayout(dir.resolve("bad"));
      LayoutFiles.overwriteBlob(bad, TestImage.sha256(genuine), swapped);
      return ContainerImage.fromOciLayout(bad);
    }, rejected("Digest mismatch for layer 1 (" + TestImage.sha256(genuine) + ")"));
    c.add("an archive layer that is not the config's diff ID", dir -> {
      Path tar = RawImage.of(config, genuine).writeDockerArchive(dir.resolve("a.tar"), "c:1");
      ArchiveFiles.replace(tar, TestImage.hex(TestImage.sha256(genuine)) + "/layer.tar", swapped);
      return ContainerImage.fromDockerArchive(tar);
    }, rejected("but the uncompressed layer has digest " + TestImage.sha256(swapped)));
    c.add("a layout config that is not its digest", dir -> {
      Path layout = RawImage.of(config, genuine).writeOciLayout(dir.resolve("l"));
      LayoutFiles.overwriteBlob(layout, TestImage.sha256(RawImage.of(config, genuine).configJson()),
          RawImage.config("\"User\":\"0\"").replace("DIFF_IDS", "[]").getBytes(StandardCharsets.UTF_8));
      return ContainerImage.fromOciLayout(layout);
    }, rejected("Digest mismatch for config"));
    c.add("an index entry whose manifest is not its digest", dir -> {
      Path layout = RawImage.of(config, genuine).writeOciLayout(dir.resolve("l"));
      LayoutFiles.overwriteBlob(layout, LayoutFiles.manifestDigest(layout), "{}".getBytes(StandardCharsets.UTF_8));
      return ContainerImage.fromOciLayout(layout);
    }, rejected("Digest mismatch for manifest"));
  }

  private static void compression(Corpus.Cases c) {
    String config = RawImage.config("");
    c.add("a truncated gzip layer", dir -> {
      Path layout = RawImage.writeStreamedLayout(dir.resolve("l"), config, TestImage.Compression.GZIP,
          out -> out.write(RawTar.create().file("a", "x".repeat(10_000), 0644).end()));
      LayoutFiles.truncateLayer(layout, 40);
      return ContainerImage.fromOciLayout(layout);
    }, rejected("cannot decompress the layer as gzip"));
    c.add("a gzip bomb: 256 MiB of zeros in one file", dir -> ContainerImage.fromOciLayout(
        RawImage.writeStreamedLayout(dir.resolve("l"), config, TestImage.Compression.GZIP,
            out -> zeros(out, "var/zeros", 256L << 20))),
        verdicts(passes("hasNoShell", a -> a.hasNoShell())));
    c.add("a zstd bomb: 1 GiB of zeros in one file", dir -> ContainerImage.fromOciLayout(
        RawImage.writeStreamedLayout(dir.resolve("l"), config, TestImage.Compression.ZSTD,
            out -> zeros(out, "var/zeros", 1L << 30))),
        verdicts(passes("hasNoSuidFiles", a -> a.hasNoSuidFiles())));
    c.add("an entry bomb: 300,000 empty files in a gzip layer", dir -> ContainerImage.fromOciLayout(
        RawImage.writeStreamedLayout(dir.resolve("l"), config, TestImage.Compression.GZIP, out -> {
          for (int i = 0; i < 300_000; i++) {
            out.write(RawTar.header("f/" + i).block());
          }
          out.write(new byte[1024]);
        })),
        rejected("entries, PodArmor's limit for this JVM's maximum heap"));
  }

  private static void tarHeaders(Corpus.Cases c) {
    byte[] bb = busybox();
    byte[] hidden = RawTar.create().file("bin/hidden", "x", 04755).bytes();
    c.add("a symlink whose size field claims the next entry as its data",
        archive("", RawTar.create().dir("bin", 0755)
            .header(RawTar.header("bin/ln").type('2').mode(0777).link("busybox").sizeField(hidden.length))
            .raw(hidden).end()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "-rwsr-xr-x 0:0 /bin/hidden")));
    c.add("a global PAX path applies to no entry",
        archive("", RawTar.create().pax('g', "path", "tmp/x").file("bin/sh", bb, 0755).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/bin/sh (by name, " + BB_SHELL + ")")));
    c.add("one zero block, then entries: the engine refuses the layer",
        archive("", RawTar.create().file("a", "x", 0644).raw(new byte[512]).file("bin/sh", "x", 0755).end()),
        rejected("a zero block followed by data"));
    c.add("a header whose checksum does not match",
        archive("", RawTar.create().header(RawTar.header("a").badChecksum()).end()), rejected("checksum"));
    c.add("a size field that is not a number",
        archive("", RawTar.create().header(RawTar.header("a").sizeField("12x4\0\0\0\0\0\0\0\0".getBytes())).end()),
        rejected("its size field is not a number"));
    c.add("a negative size in base-256",
        archive("", RawTar.create().header(RawTar.header("a").sizeField(new byte[] {(byte) 0xff, (byte) 0xff,
            (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff, 0})).end()),
        rejected("negative size"));
    c.add("typeflag 7 (contiguous file): the engine refuses it",
        archive("", RawTar.create().header(RawTar.header("a").type('7').size(1)).data("x".getBytes()).end()),
        rejected("has tar type '7'"));
    c.add("an unknown typeflag", archive("", RawTar.create().header(RawTar.header("a").type('Z')).end()),
        rejected("has tar type 'Z'"));
    c.add("an old GNU sparse file", archive("", RawTar.create().header(RawTar.header("a").type('S')
        .magic("ustar  \0")).end()), rejected("sparse file"));
    c.add("a PAX sparse file", archive("", RawTar.create().pax('x', "GNU.sparse.major", "1", "GNU.sparse.minor", "0")
        .file("a", "x", 0644).end()), rejected("sparse file"));
    c.add("a GNU long name over 1 MiB", archive("", RawTar.create().gnuLong('L', new byte[(1 << 20) + 10])
        .file("a", "x", 0644).end()), rejected("more than the engine's limit of 1048576"));
    c.add("a PAX path holding a NUL", archive("", RawTar.create().pax('x', "path", "bin/sh\u0000.txt")
        .file("a", "x", 0644).end()), rejected("an invalid record 'path'"));
    c.add("a PAX size larger than the header's",
        archive("", RawTar.create().pax('x', "size", String.valueOf(bb.length))
            .header(RawTar.header("usr/bin/x").mode(0755).size(0)).data(bb).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/usr/bin/x (" + BB_SHELL + ")")));
    c.add("of two PAX headers before an entry, the last applies",
        archive("", RawTar.create().pax('x', "path", "tmp/a").pax('x', "path", "bin/sh").file("x", bb, 0755).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/bin/sh (by name")));
    c.add("a GNU long name wins over a PAX path",
        archive("", RawTar.create().pax('x', "path", "tmp/a").gnuLong('L', "bin/bash".getBytes())
            .file("x", bb, 0755).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/bin/bash (by name")));
    c.add("a legacy typeflag NUL with a trailing slash is a directory, and its size field is ignored",
        archive("", RawTar.create().header(RawTar.header("opt/d/").type('\0').mode(0755).sizeField(hidden.length))
            .raw(hidden).end()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "/bin/hidden")));
    c.add("a V7 header (no magic) is read", archive("", RawTar.create()
        .header(RawTar.header("bin/sh").magic("\0\0\0\0\0\0\0\0").mode(0755).size(bb.length)).data(bb).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/bin/sh (by name")));
    c.add("a USTAR prefix joins the name", archive("", RawTar.create()
        .header(RawTar.header("sh").prefix("usr/local/bin").mode(0755).size(bb.length)).data(bb).end()),
        verdicts(fails("hasNoShell", a -> a.hasNoShell(), "/usr/local/bin/sh (by name")));
    c.add("an entry cut off inside its data",
        archive("", RawTar.create().header(RawTar.header("a").size(4096)).raw(new byte[100]).bytes()),
        rejected("the archive ends inside"));
    c.add("no end-of-archive marker: read to the end, as Go does",
        archive("", RawTar.create().file("usr/bin/p", "p", 04755).bytes()),
        verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "/usr/bin/p")));
    c.add("a PAX uid that is not a number", archive("", RawTar.create().pax('x', "uid", "12a")
        .file("a", "x", 0644).end()), rejected("PAX uid '12a' is not a 64-bit integer"));
  }

  private static void indexes(Corpus.Cases c) {
    byte[] layer = passwd("app:x:65532:65532::/:/sbin/nologin\n");
    c.add("an index listing its child index 40 times, 8 levels deep",
        dir -> ContainerImage.fromOciLayout(LayoutFiles.fanOut(dir.resolve("l"), RawImage.of(RawImage.config(
            user("app")), layer), 40, 8)),
        verdicts(passes("runsAsUid(65532)", a -> a.runsAsUid(65532))));
    c.add("more than 1,024 manifests below one index",
        dir -> ContainerImage.fromOciLayout(LayoutFiles.wide(dir.resolve("l"), RawImage.of(RawImage.config(""),
            layer), 1_100)),
        rejected("lists more than 1024 manifests and indexes in all"));
    c.add("indexes nested 9 deep",
        dir -> ContainerImage.fromOciLayout(LayoutFiles.fanOut(dir.resolve("l"), RawImage.of(RawImage.config(""),
            layer), 1, 10)),
        rejected("indexes nested more than 8 deep"));
    c.add("125 layers, as many as the engine loads", layers(125),
        verdicts(passes("hasNoSuidFiles", a -> a.hasNoSuidFiles())));
    c.add("126 layers, one more than the engine loads", layers(126),
        rejected("has 126 layers; the Docker engine refuses more than 125 (max depth exceeded)"));
  }

  /**
   * One layer of a thousand files, applied {@code n} times: the Docker engine loads 125 layers and refuses a 126th
   * ("max depth exceeded", asked with {@code docker load} of such archives), and every layer costs a pass over its
   * entries, so 100,000 of them would take an hour.
   */
  private static Function<Path, ContainerImage> layers(int n) {
    return dir -> {
      RawTar t = RawTar.create().dir("d", 0755);
      for (int i = 0; i < 1000; i++) {
        t.file("d/f" + i, "x", 0644);
      }
      byte[][] layers = new byte[n][];
      java.util.Arrays.fill(layers, t.end());
      return ContainerImage.fromOciLayout(RawImage.of(RawImage.config(""), layers).writeOciLayout(dir.resolve("l")));
    };
  }

  private static void archives(Corpus.Cases c) {
    byte[] layer = passwd("app:x:65532:65532::/:/sbin/nologin\n");
    c.add("a hundred unreferenced 16 MiB entries are never read",
        dir -> ContainerImage.fromDockerArchive(ArchiveFiles.withSparseJunk(
            RawImage.of(RawImage.config(user("app")), layer).writeDockerArchive(dir.resolve("a.tar"), "c:1"), 100,
            16 << 20)),
        verdicts(passes("runsAsUid(65532)", a -> a.runsAsUid(65532))));
    c.add("manifest.json with Config and config", dir -> {
      RawImage image = RawImage.of(RawImage.config(""), layer);
      Path tar = image.writeDockerArchive(dir.resolve("a.tar"), "c:1");
      ArchiveFiles.replace(tar, "manifest.json", ("[{\"Config\":\"" + TestImage.hex(TestImage.sha256(
          image.configJson())) + ".json\",\"config\":\"other.json\",\"Layers\":[]}]").getBytes(
          StandardCharsets.UTF_8));
      return ContainerImage.fromDockerArchive(tar);
    }, rejected("has both \"Config\" and \"config\" in [0]"));
    c.add("an archive of more than 100,000 entries", dir -> {
      Path tar = dir.resolve("many.tar");
      try (OutputStream out = Files.newOutputStream(tar)) {
        for (int i = 0; i <= 100_000; i++) {
          out.write(RawTar.header("d" + i + "/").type('5').mode(0755).block());
        }
        out.write(new byte[1024]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return ContainerImage.fromDockerArchive(tar);
    }, rejected("has more than 100000 entries"));
    c.add("layer paths through archive symlinks are followed, as docker load follows them", dir -> {
      RawImage image = RawImage.of(RawImage.config(user("app")), layer);
      String hex = TestImage.hex(TestImage.sha256(layer));
      byte[] cfg = image.configJson();
      String configName = TestImage.hex(TestImage.sha256(cfg)) + ".json";
      byte[] tar = RawTar.create().file("blobs/" + hex, layer, 0644).symlink(hex + "/layer.tar", "../blobs/" + hex)
          .file(configName, cfg, 0644)
          .file("manifest.json", "[{\"Config\":\"" + configName + "\",\"Layers\":[\"" + hex + "/layer.tar\"]}]",
              0644).end();
      return ContainerImage.fromDockerArchive(write(dir.resolve("a.tar"), tar));
    }, verdicts(passes("runsAsUid(65532)", a -> a.runsAsUid(65532))));
    c.add("a symlink loop in place of manifest.json", dir -> ContainerImage.fromDockerArchive(write(
        dir.resolve("a.tar"), RawTar.create().symlink("manifest.json", "a").symlink("a", "manifest.json").end())),
        rejected("more than 255 symlinks"));
    c.add("manifest.json listing two images", dir -> {
      RawImage image = RawImage.of(RawImage.config(""), layer);
      Path tar = image.writeDockerArchive(dir.resolve("a.tar"), "c:1");
      ArchiveFiles.replace(tar, "manifest.json", "[{\"Config\":\"a\"},{\"Config\":\"b\"}]".getBytes(
          StandardCharsets.UTF_8));
      return ContainerImage.fromDockerArchive(tar);
    }, rejected("holds 2 images"));
  }

  private static void retention(Corpus.Cases c) {
    String config = RawImage.config("");
    c.add("package database files beyond the per-layer budget: too large to check", dir -> ContainerImage.fromOciLayout(
        RawImage.writeStreamedLayout(dir.resolve("l"), config, TestImage.Compression.GZIP, out -> {
          for (int i = 0; i < 12; i++) {
            textEntry(out, "var/lib/dpkg/status.d/pkg" + i, "Package: pkg" + i + "\nStatus: install ok installed\n"
                + "Version: 1\n", 6L << 20);
          }
          out.write(new byte[1024]);
        })),
        verdicts(cannotDecide("hasNoPackages(curl)", a -> a.hasNoPackages("curl"), "too large to check")));
    c.add("an /etc/passwd of 20 MiB is too large to check", dir -> ContainerImage.fromOciLayout(
        RawImage.writeStreamedLayout(dir.resolve("l"), RawImage.config(user("app")), TestImage.Compression.GZIP,
            out -> {
              zerosEntry(out, "etc/passwd", 20L << 20);
              out.write(new byte[1024]);
            })),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(),
            "is larger than the 16 MiB PodArmor keeps of such a file")));
  }

  /**
   * Kept files within their budget whose lines or fields, made into objects, would take many times their size: a few
   * KB of gzip each, read under the corpus's 256 MB heap.
   */
  private static void amplification(Corpus.Cases c) {
    long size = 15L << 20;
    c.add("an /etc/passwd of 15 MiB of one-letter lines", dir -> layout(dir, user("app"), out -> {
      repeatedEntry(out, "etc/passwd", "", "a\n", size);
    }), verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(), "no user app in /etc/passwd"),
        passes("hasNoEmptyPasswords", a -> a.hasNoEmptyPasswords()),
        passes("hasNoDuplicateIds", a -> a.hasNoDuplicateIds())));
    c.add("an /etc/passwd of 15 MiB naming one account two million times", dir -> layout(dir, user("app"), out -> {
      repeatedEntry(out, "etc/passwd", "", "u:x:1:1\n", size);
    }), verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(), "no user app in /etc/passwd"),
        cannotDecide("hasNoDuplicateIds", a -> a.hasNoDuplicateIds(),
            "/etc/passwd has more than 100,000 records, more than PodArmor reads of one file"),
        cannotDecide("hasNoEmptyPasswords", a -> a.hasNoEmptyPasswords(), "more than 100,000 records")));
    c.add("an account named twenty times is named ten times in the evidence", dir -> layout(dir, "", out -> {
      repeatedEntry(out, "etc/passwd", "", "u:x:1:1\n", 20 * 8);
    }), verdicts(fails("hasNoDuplicateIds", a -> a.hasNoDuplicateIds(),
        "uid 1 in /etc/passwd: u (line 1), u (line 2), u (line 3), u (line 4), u (line 5), u (line 6), u (line 7), "
            + "u (line 8), u (line 9), u (line 10) and 10 more")));
    c.add("an /etc/group line of 15 MiB listing seven million members", dir -> layout(dir, user("app:g"), out -> {
      out.write(RawTar.header("etc/passwd").mode(0644).size(36).block());
      out.write(padded("app:x:65532:65532::/:/sbin/nologin\n".getBytes(StandardCharsets.US_ASCII)));
      repeatedEntry(out, "etc/group", "g:x:65532:", "a:", size);
    }), verdicts(passes("runsAsUid(65532)", a -> a.runsAsUid(65532)),
        passes("hasNoDuplicateIds", a -> a.hasNoDuplicateIds())));
    c.add("an /etc/shells of 15 MiB of one path", dir -> layout(dir, "", out -> {
      repeatedEntry(out, "etc/shells", "", "/a\n", size);
    }), verdicts(passes("hasNoShell", a -> a.hasNoShell())));
    String copied = history("COPY rootfs / # buildkit");
    c.add("an apt source line of 1 MiB trusting over and over with no closing bracket", dir -> layoutWithConfig(dir,
        copied, out -> repeatedEntry(out, "etc/apt/sources.list", "deb [", "trusted=yes ", (1L << 20) - 1)),
        verdicts(passes("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly())));
    c.add("an apt source trusting fifty thousand times", dir -> layoutWithConfig(dir, copied,
        out -> repeatedEntry(out, "etc/apt/sources.list", "", "deb [trusted=yes] x y\n", (1L << 20) - 1)),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/sources.list:1: deb [trusted=yes] x y")));
    c.add("a line separator after an apt source's options", dir -> layoutWithConfig(dir, copied, out -> {
      byte[] list = "deb [trusted=yes] http://repo.internal/\u0085 ./\n".getBytes(StandardCharsets.UTF_8);
      out.write(RawTar.header("etc/apt/sources.list").mode(0644).size(list.length).block());
      out.write(padded(list));
    }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
        "/etc/apt/sources.list:1: deb [trusted=yes] http://repo.internal/")));
    c.add("an apt source trusted with trusted=true, which apt reads as yes", dir -> layoutWithConfig(dir, copied,
        out -> {
          byte[] list = "deb [trusted=true] http://repo.internal/ ./\n".getBytes(StandardCharsets.UTF_8);
          out.write(RawTar.header("etc/apt/sources.list").mode(0644).size(list.length).block());
          out.write(padded(list));
        }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/sources.list:1: deb [trusted=true] http://repo.internal/")));
    c.add("an apt source trusted with a quoted yes, which apt unquotes", dir -> layoutWithConfig(dir, copied,
        out -> textFile(out, "etc/apt/sources.list", "deb [trusted=\"yes\"] http://repo.internal/ ./\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/sources.list:1: deb [trusted=\"yes\"] http://repo.internal/ ./")));
    c.add("an apt source option spelled with %73, which apt decodes", dir -> layoutWithConfig(dir, copied,
        out -> textFile(out, "etc/apt/sources.list.d/internal.list", "deb [tru%73ted=ye%73] http://repo.internal/ ./\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/sources.list.d/internal.list:1: deb [tru%73ted=ye%73] http://repo.internal/ ./")));
    c.add("a deb822 source trusted by a spaced field name, its value on the next line", dir -> layoutWithConfig(dir,
        copied, out -> textFile(out, "etc/apt/sources.list.d/internal.sources", "Types: deb\nURIs: http://repo.internal/"
            + "\nSuites: stable\nComponents: main\nTrusted :\n yes\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/sources.list.d/internal.sources:5: Trusted: yes")));
    c.add("a RUN step adds a source trusted with a quoted yes, installs from it and removes it", dir -> layoutWithConfig(
        dir, history("/bin/sh -c echo 'deb [trusted=\"yes\"] http://repo.internal/ ./' > /etc/apt/sources.list.d/x.list "
            + "&& apt-get update && apt-get install -y tool && rm /etc/apt/sources.list.d/x.list"), out -> { }),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "([trusted=yes] apt source)")));
    c.add("a RUN step writes an apt.conf line that turns signature checks off, then installs", dir -> layoutWithConfig(
        dir, history("/bin/sh -c echo 'APT::Get::AllowUnauthenticated \"true\";' > /etc/apt/apt.conf.d/99unauth "
            + "&& apt-get install -y curl"), out -> { }),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "(apt option APT::Get::AllowUnauthenticated \"true\")")));
    c.add("an apt option set on, which apt reads as true", dir -> layoutWithConfig(dir,
        history("/bin/sh -c apt-get -o Acquire::AllowInsecureRepositories=on update && apt-get install -y curl"),
        out -> { }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "(apt option Acquire::AllowInsecureRepositories=on)")));
    c.add("an apt option set to a quoted true, which the shell unquotes", dir -> layoutWithConfig(dir,
        history("/bin/sh -c apt-get -o APT::Get::AllowUnauthenticated='true' install -y curl"), out -> { }),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "(apt option APT::Get::AllowUnauthenticated=true)")));
    c.add("an apt.conf.d file of the image turns signature checks off in nested scopes", dir -> layoutWithConfig(dir,
        copied, out -> textFile(out, "etc/apt/apt.conf.d/99mirror",
            "// the local mirror\nAPT {\n  Get { AllowUnauthenticated \"1\"; };\n};\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/apt.conf.d/99mirror:3: APT::Get::AllowUnauthenticated \"1\"")));
    c.add("an apt.conf.d file apt ignores, and an option apt.conf sets back to false", dir -> layoutWithConfig(dir,
        copied, out -> {
          textFile(out, "etc/apt/apt.conf.d/50mirror.dpkg-old", "APT::Get::AllowUnauthenticated \"true\";\n");
          textFile(out, "etc/apt/apt.conf.d/60mirror", "Acquire::AllowInsecureRepositories \"true\";\n");
          textFile(out, "etc/apt/apt.conf", "Acquire::AllowInsecureRepositories \"false\";\n");
        }), verdicts(passes("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly())));
    c.add("an apt.conf.d option whose name hides a letter as %64, which apt decodes", dir -> layoutWithConfig(dir,
        copied, out -> textFile(out, "etc/apt/apt.conf.d/99mirror", "APT::Get::AllowUnauthenticate%64 \"true\";\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/apt.conf.d/99mirror:1: APT::Get::AllowUnauthenticated \"true\"")));
    c.add("apt.conf.d scope names and a value in pieces of quotes, which apt joins", dir -> layoutWithConfig(dir,
        copied, out -> textFile(out, "etc/apt/apt.conf.d/99mirror",
            "\"APT\" { \"Get\" { AllowUnauthenticated \"tr\"\"ue\"; }; };\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/apt.conf.d/99mirror:1: APT::Get::AllowUnauthenticated \"true\"")));
    c.add("an apt.conf.d option name and a bare value with quotes inside, which apt removes", dir -> layoutWithConfig(
        dir, copied, out -> textFile(out, "etc/apt/apt.conf.d/99mirror",
            "Acquire::Allow\"Insecure\"Repositories o\"n\";\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/apt.conf.d/99mirror:1: Acquire::AllowInsecureRepositories \"on\"")));
    c.add("an apt.conf.d file includes another file that turns signature checks off", dir -> layoutWithConfig(dir,
        copied, out -> {
          textFile(out, "etc/apt/apt.conf.d/10proxy", "Acquire::Retries \"3\";\n#include \"/etc/apt/mirror.conf\";\n");
          textFile(out, "etc/apt/mirror.conf", "APT::Get::AllowUnauthenticated \"yes\";\n");
        }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/mirror.conf:1: APT::Get::AllowUnauthenticated \"yes\"")));
    c.add("an apt.conf.d file includes a directory, its directive spelled %23include", dir -> layoutWithConfig(dir,
        copied, out -> {
          textFile(out, "etc/apt/apt.conf.d/10proxy", "%23include /etc/apt/mirror.d/;\n");
          textFile(out, "etc/apt/mirror.d/local", "Acquire::AllowInsecureRepositories \"1\";\n");
        }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/mirror.d/local:1: Acquire::AllowInsecureRepositories \"1\"")));
    c.add("an apt.conf.d file includes a file outside /etc/apt", dir -> layoutWithConfig(dir, copied, out -> {
      textFile(out, "etc/apt/apt.conf.d/10proxy", "#include \"/opt/mirror.conf\";\n");
      textFile(out, "opt/mirror.conf", "APT::Get::AllowUnauthenticated \"yes\";\n");
    }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
        "/etc/apt/apt.conf.d/10proxy:1: #include of /opt/mirror.conf, whose content PodArmor does not keep "
            + "(it keeps the files under /etc/apt), so not verified")));
    c.add("the image's ENV APT_CONFIG names a file apt reads before apt.conf.d", dir -> layoutWithConfig(dir,
        copied.replace("\"config\":{}", "\"config\":{\"Env\":[\"APT_CONFIG=/opt/apt.conf\"]}"),
        out -> textFile(out, "opt/apt.conf", "APT::Get::AllowUnauthenticated \"true\";\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "ENV APT_CONFIG=/opt/apt.conf: apt reads its configuration from there first, so not verified")));
    c.add("an apt.conf.d file moves apt's source lists out of /etc/apt", dir -> layoutWithConfig(dir, copied,
        out -> {
          textFile(out, "etc/apt/apt.conf.d/10mirror", "Dir::Etc::SourceParts \"/opt/sources.d\";\n");
          textFile(out, "opt/sources.d/mirror.list", "deb [trusted=yes] http://repo.internal/ ./\n");
        }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/apt.conf.d/10mirror:1: Dir::Etc::sourceparts \"/opt/sources.d\"")));
    c.add("an apt.conf.d file loads a configure index, after which apt may read no further", dir -> layoutWithConfig(
        dir, copied, out -> textFile(out, "etc/apt/apt.conf.d/10mirror", "APT::Get::AllowUnauthenticated \"1\";\n"
            + "#x-apt-configure-index \"/nonexistent\";\nAPT::Get::AllowUnauthenticated \"0\";\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/apt.conf.d/10mirror:2: #x-apt-configure-index /nonexistent, after which apt reads no further")));
    c.add("an apt.conf.d file of 1 MiB that includes itself many times over", dir -> layoutWithConfig(dir, copied,
        out -> repeatedEntry(out, "etc/apt/apt.conf.d/99self", "", "#include \"/etc/apt/apt.conf.d/99self\";\n",
            (1L << 20) - 1)), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
                "includes more files than PodArmor follows (256, or 8 MiB), so not verified")));
    c.add("an apt.conf.d file includes a directory of 30,000 empty files 250 times", dir -> layoutWithConfig(dir,
        copied, out -> {
          textFile(out, "etc/apt/apt.conf.d/10many", "#include \"/etc/apt/many/\";\n".repeat(250));
          for (int i = 0; i < 30_000; i++) {
            out.write(RawTar.header("etc/apt/many/f" + i).mode(0644).size(0).block());
          }
        }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "includes more files than PodArmor follows (256, or 8 MiB), so not verified")));
    c.add("an apt source list that is a symlink to a file elsewhere", dir -> layoutWithConfig(dir, copied, out -> {
      out.write(RawTar.header("etc/apt/sources.list.d/extra.list").type('2').link("/opt/extra.list").block());
      textFile(out, "opt/extra.list", "deb [trusted=yes] http://repo.internal/ ./\n");
    }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apt/sources.list.d/extra.list (a symlink to /opt/extra.list, whose content was not kept), so not "
                + "verified")));
    // rpm repositories, read as libdnf reads them (RpmReposFuzz compares that reading with libdnf's own)
    c.add("an rpm repository of the image with gpgcheck=False", dir -> layoutWithConfig(dir, copied,
        out -> textFile(out, "etc/yum.repos.d/internal.repo",
            "[internal]\nname=internal\nbaseurl=http://repo.internal/\ngpgcheck=False\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/yum.repos.d/internal.repo:4: [internal] gpgcheck=False")));
    c.add("an rpm repository that sets no gpgcheck, under a dnf.conf that sets none either", dir -> layoutWithConfig(
        dir, copied, out -> {
          textFile(out, "etc/dnf/dnf.conf", "[main]\nbest=True\n");
          textFile(out, "etc/yum.repos.d/internal.repo", "[internal]\nbaseurl=http://repo.internal/\n");
        }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/yum.repos.d/internal.repo: [internal] sets no gpgcheck, and [main] of /etc/dnf/dnf.conf does not "
                + "turn it on (libdnf's default is off")));
    c.add("a RUN step turning gpgcheck off as False", dir -> layoutWithConfig(dir, history("/bin/sh -c printf "
        + "'[x]\\nbaseurl=http://x/\\ngpgcheck=False\\n' > /etc/yum.repos.d/x.repo && dnf install -y app"),
        out -> { }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "(gpgcheck=0 repository)")));
    c.add("zypper repositories whose checks zypp.conf turns off", dir -> layoutWithConfig(dir, copied, out -> {
      textFile(out, "etc/zypp/zypp.conf", "[main]\n## the mirror signs nothing\ngpgcheck = off\n");
      textFile(out, "etc/zypp/repos.d/mirror.repo", "[mirror]\nenabled=1\nbaseurl=http://mirror.internal/\n");
    }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
        "/etc/zypp/repos.d/mirror.repo: [mirror] sets no gpgcheck, and [main] of /etc/zypp/zypp.conf turns it off")));
    c.add("an rpm repository value continued over half a million lines", dir -> layoutWithConfig(dir, copied,
        out -> repeatedEntry(out, "etc/yum.repos.d/x.repo", "[x]\ngpgcheck=1\n", " 0\n", (1L << 20) - 1)),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/yum.repos.d/x.repo: [x] sets no gpgcheck")));
    c.add("an apt.conf.d file of 170,000 nested scopes, each with a statement", dir -> layoutWithConfig(dir, copied,
        out -> repeatedEntry(out, "etc/apt/apt.conf.d/99deep", "", "a{b 1;", (1L << 20) - 1)),
        verdicts(passes("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly())));
    c.add("rpm repositories checked by dnf.conf, or disabled", dir -> layoutWithConfig(dir, copied, out -> {
      textFile(out, "etc/dnf/dnf.conf", "[main]\ngpgcheck=True\n");
      textFile(out, "etc/yum.repos.d/internal.repo", "[internal]\nbaseurl=http://repo.internal/\n\n"
          + "[internal-debug]\nbaseurl=http://repo.internal/debug/\nenabled=0\ngpgcheck=0\n");
    }), verdicts(passes("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly())));
    c.add("dnf.conf moves the repository directory to one with an unchecked repository", dir -> layoutWithConfig(
        dir, copied, out -> {
          textFile(out, "etc/dnf/dnf.conf", "[main]\ngpgcheck=True\nreposdir=/etc/yum.repos.d,\n /opt/repos\n");
          textFile(out, "opt/repos/internal.repo", "[internal]\nbaseurl=http://repo.internal/\ngpgcheck=0\n");
        }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/dnf/dnf.conf:3: [main] reposdir=/etc/yum.repos.d,")));
    c.add("zypp.conf moves zypper's repository directory", dir -> layoutWithConfig(dir, copied, out -> {
      textFile(out, "etc/zypp/zypp.conf", "[main]\nreposdir = /opt/zypp/repos.d\n");
      textFile(out, "opt/zypp/repos.d/internal.repo", "[internal]\nbaseurl=http://repo.internal/\ngpgcheck=0\n");
    }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
        "/etc/zypp/zypp.conf:2: [main] reposdir=/opt/zypp/repos.d")));
    c.add("yum.conf includes a file with more configuration", dir -> layoutWithConfig(dir, copied, out -> {
      textFile(out, "etc/yum.conf", "[main]\ngpgcheck=1\ninclude=file:///opt/yum-extra.conf\n");
      textFile(out, "opt/yum-extra.conf", "[internal]\nbaseurl=http://repo.internal/\ngpgcheck=0\n");
    }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
        "/etc/yum.conf:3: [main] include=file:///opt/yum-extra.conf")));
    c.add("apk's /etc/apk/config allows untrusted packages", dir -> layoutWithConfig(dir, copied,
        out -> textFile(out, "etc/apk/config", "no-cache\nallow-untrusted\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apk/config:2: allow-untrusted")));
    c.add("apk's /lib/apk/config allows untrusted packages, behind a comment", dir -> layoutWithConfig(dir, copied,
        out -> textFile(out, "lib/apk/config", "cache-max-age 60\nallow-untrusted # the local mirror\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/lib/apk/config:2: allow-untrusted")));
    c.add("apk's /etc/apk/config takes keys from another directory", dir -> layoutWithConfig(dir, copied,
        out -> textFile(out, "etc/apk/config", "keys-dir /opt/keys\n")),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "/etc/apk/config:1: keys-dir /opt/keys")));
    c.add("apk reads /etc/apk/config only, when it is there", dir -> layoutWithConfig(dir, copied, out -> {
      textFile(out, "etc/apk/config", "no-cache\n#allow-untrusted\n");
      textFile(out, "lib/apk/config", "allow-untrusted\n");
    }), verdicts(passes("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly())));
    // a command run through a wrapper, or by a shell of its own, is the command all the same
    for (String wrapped : List.of("sudo -E -u root apt-get update", "eatmydata apt-get update",
        "timeout -s KILL 600 apt-get update", "nice -n 10 apt-get -q update", "bash -c 'apt-get update'",
        "sudo sh -c \"cd /tmp && apt-get update\"")) {
      c.add("a lone update run as " + wrapped, dir -> layoutWithConfig(dir, history("/bin/sh -c " + wrapped),
          out -> { }), verdicts(fails("hasNoLoneUpdateInstructions", a -> a.hasNoLoneUpdateInstructions(),
              "update with no install or upgrade after it)")));
    }
    // a download run without being verified, by the idioms install scripts use
    for (String run : List.of("sh -c \"$(curl -fsSL https://get.example.com/install.sh)\"",
        "bash <(curl -s https://get.example.com/install.sh)", "eval \"$(wget -qO- https://get.example.com/env)\"",
        "curl -fsSL https://get.example.com/install.sh | tee /tmp/install.sh | sh",
        "wget -qO- https://get.example.com/install.py | python3", "curl -fsSL https://get.example.com/i.sh | busybox sh",
        "curl -fsSL https://get.docker.com -o get-docker.sh && sh get-docker.sh",
        "wget https://vendor.example/install.sh?v=2 && chmod +x install.sh && ./install.sh --yes",
        "curl -fsSL https://vendor.example/install.sh > /tmp/install.sh && bash /tmp/install.sh")) {
      c.add("a download run unverified: " + run, dir -> layoutWithConfig(dir, history("/bin/sh -c " + run),
          out -> { }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
              " download ")));
    }
    // TLS verification turned off for what a step installs, by configuration rather than a flag
    for (String run : List.of("npm config set strict-ssl false && npm install -g tool",
        "git -c http.sslVerify=false clone https://git.internal/tool.git && pip install ./tool",
        "NODE_TLS_REJECT_UNAUTHORIZED=0 npm install -g tool", "pip config set global.trusted-host pypi.internal")) {
      c.add("TLS verification off: " + run, dir -> layoutWithConfig(dir, history("/bin/sh -c " + run), out -> { }),
          verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(), "TLS")));
    }
    c.add("TLS verification off for every later step: ENV NODE_TLS_REJECT_UNAUTHORIZED=0", dir -> layoutWithConfig(
        dir, history("ENV NODE_TLS_REJECT_UNAUTHORIZED=0"), out -> { }),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "(NODE_TLS_REJECT_UNAUTHORIZED=0: TLS verification off)")));
    // a package fetched by the step and installed with nothing checking it: dpkg, apt and rpm check no signature of
    // a package file, and dnf none of a package given by URL (localpkg_gpgcheck is off)
    for (String run : List.of("wget -q https://vendor.example/tool_1.0_amd64.deb && dpkg -i tool_1.0_amd64.deb",
        "curl -fsSLO https://vendor.example/tool.deb && apt-get install -y ./tool.deb",
        "curl -fsSL -o /tmp/tool.rpm https://vendor.example/tool.rpm && rpm -Uvh /tmp/tool.rpm",
        "rpm -ivh https://vendor.example/tool-1.0.x86_64.rpm", "dnf install -y https://vendor.example/tool.rpm")) {
      c.add("a downloaded package installed unchecked: " + run, dir -> layoutWithConfig(dir,
          history("/bin/sh -c " + run), out -> { }),
          verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
              "with no checksum or signature checked")));
    }
    c.add("a downloaded script run after its checksum is checked", dir -> layoutWithConfig(dir,
        history("/bin/sh -c curl -fsSLO https://vendor.example/install.sh && sha256sum -c install.sh.sha256 "
            + "&& bash install.sh"), out -> { }),
        verdicts(passes("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly())));
    c.add("a downloaded package installed after its checksum is checked", dir -> layoutWithConfig(dir,
        history("/bin/sh -c curl -fsSLO https://vendor.example/tool.deb && echo \"0123abcd  tool.deb\" | sha256sum -c "
            + "- && dpkg -i tool.deb"), out -> { }),
        verdicts(passes("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly())));
    c.add("a lone update behind nine sudos", dir -> layoutWithConfig(dir,
        history("/bin/sh -c " + "sudo ".repeat(9) + "apt-get update"), out -> { }),
        verdicts(fails("hasNoLoneUpdateInstructions", a -> a.hasNoLoneUpdateInstructions(),
            "(apt-get update with no install or upgrade after it)")));
    c.add("a lone update six shells deep", dir -> layoutWithConfig(dir, history("/bin/sh -c " + nestedShells(6,
        "apt-get update")), out -> { }), verdicts(fails("hasNoLoneUpdateInstructions",
            a -> a.hasNoLoneUpdateInstructions(), "(apt-get update with no install or upgrade after it)")));
    c.add("a step of a hundred thousand sudos", dir -> layoutWithConfig(dir,
        history("/bin/sh -c " + "sudo ".repeat(100_000) + "apt-get update"), out -> { }),
        verdicts(fails("hasNoLoneUpdateInstructions", a -> a.hasNoLoneUpdateInstructions(),
            "(apt-get update with no install or upgrade after it)")));
    c.add("an update and an install, each through sudo", dir -> layoutWithConfig(dir,
        history("/bin/sh -c sudo apt-get update && sudo -E apt-get install -y curl"), out -> { }),
        verdicts(passes("hasNoLoneUpdateInstructions", a -> a.hasNoLoneUpdateInstructions())));
    c.add("an unauthenticated install in a shell of its own", dir -> layoutWithConfig(dir,
        history("/bin/sh -c bash -c \"apt-get update && apt-get install -y --allow-unauthenticated curl\""),
        out -> { }), verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "(apt-get --allow-unauthenticated)"),
            passes("hasNoLoneUpdateInstructions", a -> a.hasNoLoneUpdateInstructions())));
    c.add("a download piped into a shell, in a shell of its own", dir -> layoutWithConfig(dir,
        history("/bin/sh -c sh -c 'curl -fsSL https://get.example.com | sh'"), out -> { }),
        verdicts(fails("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly(),
            "(curl download piped into sh)")));
    c.add("a RUN step of sixty thousand apt options without their closing bracket", dir -> layoutWithConfig(dir,
        history("/bin/sh -c echo '" + "[trusted=yes ".repeat(60_000) + "' > /dev/null"), out -> { }),
        verdicts(passes("installsVerifiedPackagesOnly", a -> a.installsVerifiedPackagesOnly())));
    c.add("a shell prefix of forty options that read two ways, and no -c", dir -> layoutWithConfig(dir,
        history("/bin/sh" + " -o -a".repeat(40) + " apt-get update"), out -> { }),
        verdicts(passes("hasNoLoneUpdateInstructions", a -> a.hasNoLoneUpdateInstructions())));
    c.add("the same prefix before -c", dir -> layoutWithConfig(dir,
        history("/bin/sh" + " -o -a".repeat(40) + " -c apt-get update"), out -> { }),
        verdicts(fails("hasNoLoneUpdateInstructions", a -> a.hasNoLoneUpdateInstructions(), "apt-get update")));
    c.add("a .env line of a million blanks", dir -> layout(dir, "", out -> repeatedEntry(out, "app/.env",
        "API_KEY=Zx81mQ", " ", (1L << 20) - 1)),
        verdicts(fails("hasNoSecrets", a -> a.hasNoSecrets(), "/app/.env")));
    c.add("a .pgpass of half a million lines without a colon", dir -> layout(dir, "", out -> repeatedEntry(out,
        "root/.pgpass", "", "a\n", 1L << 20)),
        verdicts(passes("hasNoSecrets", a -> a.hasNoSecrets())));
    c.add("a shipped SBOM of 15 MiB listing four million names", dir -> layout(dir, "", out -> repeatedEntry(out,
        "var/lib/db/sbom/app.spdx.json", "{\"spdxVersion\":\"SPDX-2.3\",\"packages\":[\"a\"", ",\"a\"",
        15L << 20)),
        verdicts(fails("hasSbom(SPDX 2.3)", a -> a.hasSbom(io.podarmor.supplychain.SbomFormat.SPDX_2_3),
            "holds more than 524,288 JSON values")));
    c.add("a config of 15 MiB setting four million variables", dir -> layoutWithConfig(dir,
        RawImage.config("\"Env\":[" + "\"a\",".repeat(3_900_000) + "\"a\"]"), out -> { }),
        rejected("holds more than 524,288 JSON values"));
    c.add("a User of seven million colons, quoted in the verdict with its middle left out", dir -> layoutWithConfig(
        dir, RawImage.config(user("a:".repeat(7_000_000))), out -> { }),
        verdicts(cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(), "characters left out) … a:a:a:"),
            cannotDecide("runsAsNonRoot", a -> a.runsAsNonRoot(),
                "a:\" names a user, but the image has no /etc/passwd to resolve it")));
    c.add("a PATH of seven million directories", dir -> layoutWithConfig(dir, RawImage.config("\"Env\":[\"PATH="
        + "/a:".repeat(5_000_000) + "\"]"), out -> { }), verdicts(passes("hasNoPackageManager",
            a -> a.hasNoPackageManager())));
    c.add("a HEALTHCHECK looked up in a PATH of a million directories", dir -> layoutWithConfig(dir,
        RawImage.config("\"Env\":[\"PATH=" + java.util.stream.IntStream.range(0, 1_000_000)
            .mapToObj(i -> "/d" + i).collect(java.util.stream.Collectors.joining(":"))
            + "\"],\"Healthcheck\":{\"Test\":[\"CMD\",\"health\"]}"), out -> { }),
        verdicts(fails("hasHealthcheck", a -> a.hasHealthcheck(), "characters left out) … ")));
    c.add("a RUN step of seven million words", dir -> layoutWithConfig(dir, history("/bin/sh -c " + "a "
        .repeat(7_000_000)), out -> { }),
        verdicts(cannotDecide("hasNoSecrets", a -> a.hasNoSecrets(),
            "history[0] has more than 262,144 words, more than PodArmor reads of one step"),
            cannotDecide("hasNoLoneUpdateInstructions", a -> a.hasNoLoneUpdateInstructions(),
                "history[0] has more than 262,144 words")));
    c.add("a dpkg Status of seven million words", dir -> layout(dir, "", out -> repeatedEntry(out,
        "var/lib/dpkg/status", "Package: curl\nVersion: 1\nArchitecture: amd64\nStatus: install ok", " a",
        14L << 20)), verdicts(cannotDecide("hasNoPackages(curl)", a -> a.hasNoPackages("curl"),
            "package curl has Status \"install ok a a a")));
    c.add("a hundred thousand set-id files: a thousand in the verdict, and the count", dir -> layout(dir, "", out -> {
      out.write(RawTar.header("d/").type('5').mode(0755).block());
      for (int i = 0; i < 100_000; i++) {
        out.write(RawTar.header("d/f" + i).mode(04755).block());
      }
    }), verdicts(fails("hasNoSuidFiles", a -> a.hasNoSuidFiles(), "… and 99,000 more (100,000 in all)")));
    c.add("an os-release of 15 MiB of assignments", dir -> layout(dir, "", out -> {
      byte[] status = "Package: curl\nStatus: install ok installed\nVersion: 7.88.1-10\nArchitecture: amd64\n\n"
          .getBytes(StandardCharsets.US_ASCII);
      out.write(RawTar.header("var/lib/dpkg/status").mode(0644).size(status.length).block());
      out.write(padded(status));
      repeatedEntry(out, "etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n", "A=b\n", size);
    }), verdicts(fails("hasNoPackages(curl)", a -> a.hasNoPackages("curl"), "curl 7.88.1-10 amd64")));
  }

  /** A config whose history is one step created by {@code createdBy} (escaped for JSON here). */
  private static String history(String createdBy) {
    return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},\"rootfs\":{\"type\":\"layers\","
        + "\"diff_ids\":DIFF_IDS},\"history\":[{\"created_by\":\"" + createdBy.replace("\\", "\\\\").replace("\"",
        "\\\"") + "\"}]}";
  }

  /** A gzip OCI layout of one layer written by {@code tar} (end-of-archive blocks added), these config members. */
  private static ContainerImage layout(Path dir, String configMembers, RawImage.TarWriter tar) {
    return layoutWithConfig(dir, RawImage.config(configMembers), tar);
  }

  /** The same, with this whole config ({@code DIFF_IDS} stands for the diff IDs). */
  private static ContainerImage layoutWithConfig(Path dir, String config, RawImage.TarWriter tar) {
    return ContainerImage.fromOciLayout(RawImage.writeStreamedLayout(dir.resolve("l"), config,
        TestImage.Compression.GZIP, out -> {
          tar.write(out);
          out.write(new byte[1024]);
        }));
  }

  /** A file of {@code size} bytes: {@code head}, then {@code unit} again and again, the last one cut short. */
  private static void repeatedEntry(OutputStream out, String name, String head, String unit, long size)
      throws IOException {
    out.write(RawTar.header(name).mode(0644).size(size).block());
    byte[] h = head.getBytes(StandardCharsets.UTF_8);
    out.write(h);
    byte[] u = unit.getBytes(StandardCharsets.UTF_8);
    byte[] fill = new byte[(1 << 16) / u.length * u.length];
    for (int i = 0; i < fill.length; i++) {
      fill[i] = u[i % u.length];
    }
    for (long left = size - h.length; left > 0; left -= fill.length) {
      out.write(fill, 0, (int) Math.min(fill.length, left));
    }
    out.write(new byte[(int) ((512 - size % 512) % 512)]);
  }

  /** {@code sh -c} around the command {@code depth} times, each script one word by its escaped spaces. */
  private static String nestedShells(int depth, String command) {
    String script = command;
    for (int i = 0; i < depth; i++) {
      script = "sh -c " + script.replace("\\", "\\\\").replace(" ", "\\ ");
    }
    return script;
  }

  /** A regular file entry of this text, 0644. */
  private static void textFile(OutputStream out, String path, String text) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(RawTar.header(path).mode(0644).size(bytes.length).block());
    out.write(padded(bytes));
  }

  /** Content padded to whole tar blocks. */
  private static byte[] padded(byte[] content) {
    return java.util.Arrays.copyOf(content, (content.length + 511) / 512 * 512);
  }

  // --- builders ---------------------------------------------------------------------------------------------------

  private static byte[] bytes(String prefix, int last) {
    byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
    p[p.length - 1] = (byte) last;
    return p;
  }

  /** A chain of {@code n} symlinks ending at a file holding {@code content}, the first at {@code path}. */
  private static byte[] symlinkChain(String path, int n, String content) {
    RawTar t = RawTar.create().dir("etc", 0755).dir("chain", 0755);
    t.symlink(path, "/chain/l1");
    for (int i = 1; i < n; i++) {
      t.symlink("chain/l" + i, "l" + (i + 1));
    }
    return t.file("chain/l" + n, content, 0644).end();
  }

  /** {@code /l0 -> /l1 -> ... -> /l<n-1> -> /target}: n symlinks. */
  private static byte[] linkChain(int n) {
    RawTar t = RawTar.create().file("target", "t", 0644);
    for (int i = 0; i < n - 1; i++) {
      t.symlink("l" + i, "l" + (i + 1));
    }
    return t.symlink("l" + (n - 1), "target").end();
  }

  /**
   * {@code /d/t1 -> ./././…/t2}, …, {@code /d/t<chain> -> x} (each target {@code dots} times {@code ./}), and
   * {@code links} links to {@code /d/t1}: resolving each link anew walks {@code chain × dots} elements.
   */
  private static byte[] amplification(int links, int chain, int dots) {
    RawTar t = RawTar.create().dir("d", 0755).file("d/x", "x", 0755);
    for (int i = 1; i <= chain; i++) {
      t.pax('x', "linkpath", "./".repeat(dots) + (i == chain ? "x" : "t" + (i + 1))).symlink("d/t" + i, "p");
    }
    for (int i = 0; i < links; i++) {
      t.symlink("l/" + i, "/d/t1");
    }
    return t.end();
  }

  /** A layer with busybox at /usr/bin/tool followed by {@code padding} zero bytes, written to a file. */
  private static Path padded(Path dir, byte[] bb, int padding) {
    Path tar = dir.resolve("padded.tar");
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tar))) {
      long size = bb.length + (long) padding;
      out.write(RawTar.header("usr/bin/tool").mode(0755).size(size).block());
      out.write(bb);
      byte[] zero = new byte[1 << 16];
      for (long left = padding; left > 0; left -= zero.length) {
        out.write(zero, 0, (int) Math.min(zero.length, left));
      }
      out.write(new byte[(int) ((512 - size % 512) % 512)]);
      out.write(new byte[1024]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tar;
  }

  /** A tar of one file of {@code size} zero bytes, then the end-of-archive marker. */
  private static void zeros(OutputStream out, String name, long size) throws IOException {
    zerosEntry(out, name, size);
    out.write(new byte[1024]);
  }

  /** A file that starts with {@code text} and is filled with newlines up to {@code size} bytes. */
  private static void textEntry(OutputStream out, String name, String text, long size) throws IOException {
    out.write(RawTar.header(name).mode(0644).size(size).block());
    byte[] head = text.getBytes(StandardCharsets.UTF_8);
    out.write(head);
    byte[] fill = new byte[1 << 16];
    java.util.Arrays.fill(fill, (byte) '\n');
    for (long left = size - head.length; left > 0; left -= fill.length) {
      out.write(fill, 0, (int) Math.min(fill.length, left));
    }
    out.write(new byte[(int) ((512 - size % 512) % 512)]);
  }

  private static void zerosEntry(OutputStream out, String name, long size) throws IOException {
    out.write(RawTar.header(name).mode(0644).size(size).block());
    byte[] zero = new byte[1 << 16];
    for (long left = size; left > 0; left -= zero.length) {
      out.write(zero, 0, (int) Math.min(zero.length, left));
    }
    out.write(new byte[(int) ((512 - size % 512) % 512)]);
  }

  private static Path write(Path file, byte[] bytes) {
    try {
      return Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Edits of OCI layouts the corpus makes. */
  static final class LayoutFiles {
    private LayoutFiles() {}

    /** Makes the manifest list {@code replacement} where it listed {@code original} (the config is unchanged). */
    static void swapLayer(Path layout, byte[] original, byte[] replacement) {
      try {
        String oldDigest = TestImage.sha256(original);
        String newDigest = TestImage.sha256(replacement);
        Files.write(layout.resolve("blobs/sha256/" + TestImage.hex(newDigest)), replacement);
        String manifestDigest = manifestDigest(layout);
        String manifest = Files.readString(layout.resolve("blobs/sha256/" + TestImage.hex(manifestDigest)))
            .replace(oldDigest, newDigest).replace("\"size\":" + original.length, "\"size\":" + replacement.length);
        rewriteManifest(layout, manifestDigest, manifest.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static void overwriteBlob(Path layout, String digest, byte[] content) {
      write(layout.resolve("blobs/sha256/" + TestImage.hex(digest)), content);
      if (content.length > 0) {
        resize(layout, digest, content.length);
      }
    }

    /** Keeps the descriptor's size in step with a blob that was replaced (so the size check is not what fails). */
    private static void resize(Path layout, String digest, long size) {
      try {
        String manifestDigest = manifestDigest(layout);
        Path m = layout.resolve("blobs/sha256/" + TestImage.hex(manifestDigest));
        if (digest.equals(manifestDigest)) {
          return;
        }
        String manifest = Files.readString(m);
        String edited = manifest.replaceAll("(\"digest\":\"" + digest + "\",\"size\":)\\d+", "$1" + size);
        if (!edited.equals(manifest)) {
          rewriteManifest(layout, manifestDigest, edited.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static void rewriteManifest(Path layout, String oldDigest, byte[] manifest) throws IOException {
      String newDigest = TestImage.sha256(manifest);
      Files.write(layout.resolve("blobs/sha256/" + TestImage.hex(newDigest)), manifest);
      String index = Files.readString(layout.resolve("index.json")).replace(oldDigest, newDigest)
          .replaceAll("(\"digest\":\"" + newDigest + "\",\"size\":)\\d+", "$1" + manifest.length);
      Files.writeString(layout.resolve("index.json"), index);
    }

    static String manifestDigest(Path layout) {
      return TestImage.manifestDigestOf(layout);
    }

    private static Path layerBlob(Path layout) throws IOException {
      String manifest = Files.readString(layout.resolve("blobs/sha256/" + TestImage.hex(manifestDigest(layout))));
      String marker = "\"layers\":[{\"mediaType\":\"";
      int at = manifest.indexOf("\"digest\":\"", manifest.indexOf(marker)) + "\"digest\":\"".length();
      return layout.resolve("blobs/sha256/" + TestImage.hex(manifest.substring(at, at + 71)));
    }

    /** Cuts the layer blob to {@code keep} bytes, its descriptor made to match (the digest no longer does). */
    static void truncateLayer(Path layout, int keep) {
      try {
        Path blob = layerBlob(layout);
        byte[] cut = java.util.Arrays.copyOf(Files.readAllBytes(blob), keep);
        rehome(layout, blob, cut);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    static void appendToLayer(Path layout, byte[] extra) {
      try {
        Path blob = layerBlob(layout);
        byte[] old = Files.readAllBytes(blob);
        byte[] all = java.util.Arrays.copyOf(old, old.length + extra.length);
        System.arraycopy(extra, 0, all, old.length, extra.length);
        rehome(layout, blob, all);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Stores {@code content} as a new layer blob under its own digest and points the manifest at it. */
    private static void rehome(Path layout, Path blob, byte[] content) throws IOException {
      String oldDigest = "sha256:" + blob.getFileName();
      long oldSize = Files.size(blob);
      String newDigest = TestImage.sha256(content);
      Files.write(layout.resolve("blobs/sha256/" + TestImage.hex(newDigest)), content);
      String manifestDigest = manifestDigest(layout);
      String manifest = Files.readString(layout.resolve("blobs/sha256/" + TestImage.hex(manifestDigest)))
          .replace("\"digest\":\"" + oldDigest + "\",\"size\":" + oldSize,
              "\"digest\":\"" + newDigest + "\",\"size\":" + content.length);
      rewriteManifest(layout, manifestDigest, manifest.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A layout whose {@code index.json} lists an index that lists the next {@code width} times, {@code depth}
     * levels down to the image's manifest.
     */
    static Path fanOut(Path dir, RawImage image, int width, int depth) {
      try {
        Path layout = image.writeOciLayout(dir);
        String child = manifestDigest(layout);
        long childSize = Files.size(layout.resolve("blobs/sha256/" + TestImage.hex(child)));
        String childType = "application/vnd.oci.image.manifest.v1+json";
        for (int level = 0; level < depth; level++) {
          StringBuilder manifests = new StringBuilder();
          for (int i = 0; i < width; i++) {
            manifests.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(childType)
                .append("\",\"digest\":\"").append(child).append("\",\"size\":").append(childSize).append('}');
          }
          byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
              + "\"manifests\":[" + manifests + "]}").getBytes(StandardCharsets.UTF_8);
          child = TestImage.sha256(index);
          childSize = index.length;
          childType = "application/vnd.oci.image.index.v1+json";
          Files.write(layout.resolve("blobs/sha256/" + TestImage.hex(child)), index);
        }
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\""
            + childType + "\",\"digest\":\"" + child + "\",\"size\":" + childSize + "}]}");
        return layout;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** A layout whose {@code index.json} lists {@code n} distinct manifests (copies of the image's). */
    static Path wide(Path dir, RawImage image, int n) {
      try {
        Path layout = image.writeOciLayout(dir);
        String manifest = Files.readString(layout.resolve("blobs/sha256/" + TestImage.hex(manifestDigest(layout))));
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          byte[] copy = manifest.replace("{\"schemaVersion\":2", "{\"schemaVersion\":2,\"annotations\":{\"n\":\""
              + i + "\"}").getBytes(StandardCharsets.UTF_8);
          String digest = TestImage.sha256(copy);
          Files.write(layout.resolve("blobs/sha256/" + TestImage.hex(digest)), copy);
          entries.add("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + digest
              + "\",\"size\":" + copy.length + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}");
        }
        Files.writeString(layout.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":["
            + String.join(",", entries) + "]}");
        return layout;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Edits of {@code docker save} archives the corpus makes. */
  static final class ArchiveFiles {
    private ArchiveFiles() {}

    /** Rewrites the archive with {@code name}'s content replaced. */
    static void replace(Path tar, String name, byte[] content) {
      try {
        byte[] bytes = Files.readAllBytes(tar);
        RawTar out = RawTar.create();
        int pos = 0;
        while (pos + 512 <= bytes.length) {
          byte[] header = java.util.Arrays.copyOfRange(bytes, pos, pos + 512);
          if (isZero(header)) {
            break;
          }
          String entry = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
          int size = Integer.parseInt(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
          byte[] data = java.util.Arrays.copyOfRange(bytes, pos + 512, pos + 512 + size);
          out.file(entry, entry.equals(name) ? content : data, 0644);
          pos += 512 + (size + 511) / 512 * 512;
        }
        Files.write(tar, out.end());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Prepends {@code count} entries of {@code size} zero bytes named {@code junk<i>.json} and {@code <i>/layer.tar}
     * alternately, written sparse so the file stays small on disk.
     */
    static Path withSparseJunk(Path tar, int count, int size) {
      try {
        byte[] original = Files.readAllBytes(tar);
        Path out = tar.resolveSibling("junk.tar");
        try (RandomAccessFile f = new RandomAccessFile(out.toFile(), "rw")) {
          long pos = 0;
          for (int i = 0; i < count; i++) {
            String name = i % 2 == 0 ? "junk" + i + ".json" : "junk" + i + "/layer.tar";
            f.seek(pos);
            f.write(RawTar.header(name).size(size).block());
            pos += 512 + size;
          }
          f.seek(pos);
          f.write(original);
        }
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static boolean isZero(byte[] b) {
      for (byte x : b) {
        if (x != 0) {
          return false;
        }
      }
      return true;
    }
  }

}
