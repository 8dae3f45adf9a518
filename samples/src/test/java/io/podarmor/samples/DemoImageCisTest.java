package io.podarmor.samples;

import io.podarmor.junit.CisDockerImageContract;
import io.podarmor.junit.ImageUnderTest;

/**
 * The CIS Docker Benchmark's image items (section 4) in one line, one test per CIS id. A vendor image that needs an
 * exception would add {@code @CisWaiver(item = CisItem.CIS_4_9, reason = "…")}.
 */
@ImageUnderTest("podarmor-demo/app:0.1")
class DemoImageCisTest implements CisDockerImageContract {}
