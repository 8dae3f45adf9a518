package io.podarmor.samples;

import io.podarmor.assertj.CisItem;
import io.podarmor.junit.CisDockerImageContract;
import io.podarmor.junit.CisWaiver;
import io.podarmor.junit.ImageUnderTest;

/**
 * The CIS Docker Benchmark's image items (section 4) in one line, one test per CIS id. The demo image is built FROM
 * scratch around one static binary, so it has no package database for 4.3 to read: that item is waived with the
 * reason, which the test output and the report show.
 */
@ImageUnderTest("podarmor-demo/app:0.1")
@CisWaiver(item = CisItem.CIS_4_3, reason = "FROM scratch with one static binary: no package database to list")
class DemoImageCisTest implements CisDockerImageContract {}
