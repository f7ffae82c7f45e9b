package io.github.springmailgun.autoconfigure.inboundapp;

import io.github.springmailgun.autoconfigure.inbound.AbstractInboundEndpointTests;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The inbound endpoint of a WebFlux application on Netty.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=reactive")
class ReactiveInboundEndpointTests extends AbstractInboundEndpointTests {

}
