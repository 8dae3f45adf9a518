package io.podarmor.samples;

import io.podarmor.junit.HardenedImageContract;
import io.podarmor.junit.ImageUnderTest;

/** A whole hardening suite in one line: the ready-made contract, pointed at the demo image. */
@ImageUnderTest("podarmor-demo/app:0.1")
class DemoImageContractTest implements HardenedImageContract {}
