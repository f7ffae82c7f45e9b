package io.github.springmailgun.autoconfigure.inboundmvcapp;

import io.github.springmailgun.autoconfigure.inbound.AbstractInboundEndpointTests;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The inbound endpoint of a Spring MVC application on Tomcat, with Boot's multipart resolver in place.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.main.web-application-type=servlet")
class ServletInboundEndpointTests extends AbstractInboundEndpointTests {

}
