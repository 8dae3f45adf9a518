/** A consumer project on the module path: its hardening suite and the launcher that runs it. */
module acme.imagetests {
  requires io.podarmor.junit;
  requires org.junit.platform.launcher;

  opens acme.imagetests to org.junit.platform.commons;
}
